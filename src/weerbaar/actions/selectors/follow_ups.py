# SPDX-License-Identifier: EUPL-1.2
"""Reads of findings and follow-ups; the status of a follow-up flows back from its signal or intervention."""

from dataclasses import dataclass
from uuid import UUID

from django.db.models import QuerySet

from weerbaar.actions import scopes
from weerbaar.actions.constants import (
    FollowUpStatus,
)
from weerbaar.actions.models import (
    Finding,
    FollowUp,
    Operation,
)
from weerbaar.cases.constants import InterventionStatus
from weerbaar.cases.selectors import case_get
from weerbaar.core.policy import Actor
from weerbaar.signals.constants import Status
from weerbaar.signals.selectors import signal_get, signal_get_reported_by

# --------------------------------------------------------------------------------------------------
# Findings and follow-ups
# --------------------------------------------------------------------------------------------------


def finding_list(*, actor: Actor, operation: Operation) -> QuerySet[Finding]:
    """Findings the actor may read: all for planners, the own organisation's for participants."""
    return (
        Finding.objects.filter(scopes.finding_visible(actor), operation=operation)
        .select_related("location", "organisation", "created_by")
        .prefetch_related("photos", "follow_ups")
    )


def finding_get(*, actor: Actor, operation: Operation, uuid: UUID | str) -> Finding | None:
    return finding_list(actor=actor, operation=operation).filter(uuid=uuid).first()


def follow_up_list(*, actor: Actor, operation: Operation) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.filter(scopes.follow_up_visible(actor), finding__operation=operation)
        .select_related("finding__location", "finding__organisation", "owner", "signal", "intervention__case")
        .order_by("due_on", "id")
    )


#: Signal statuses after which nothing more is done with it.
_SIGNAL_DONE = frozenset(
    {Status.AFGEROND.value, Status.GEEN_ACTIE.value, Status.BUITEN_SCOPE.value, Status.EXTERN_DOORGEZET.value}
)
_INTERVENTION_DONE = frozenset({InterventionStatus.AFGEROND.value, InterventionStatus.GESTOPT.value})


def follow_up_done(follow_up: FollowUp) -> bool:
    """Whether a follow-up is finished: the linked signal's or intervention's status, else its own.

    This is the one place the status flows back; only the status code is read, never content.
    """
    if follow_up.signal_id is not None and follow_up.signal is not None:
        return follow_up.signal.status in _SIGNAL_DONE
    if follow_up.intervention_id is not None and follow_up.intervention is not None:
        return follow_up.intervention.status in _INTERVENTION_DONE
    return follow_up.status == FollowUpStatus.DONE


@dataclass(frozen=True)
class FollowUpState:
    done: bool
    #: The linked object's status as its own app words it, for those who may see it; else empty.
    label: str
    #: The linked object's number, for those who may see it.
    reference: str = ""
    linked: str = ""  # "signal", "intervention" or ""


def follow_up_state(*, actor: Actor, follow_up: FollowUp) -> FollowUpState:
    """The follow-up's status as it flows back from the signal or intervention it created."""
    done = follow_up_done(follow_up)
    if follow_up.signal_id is not None:
        uuid = follow_up.signal.uuid if follow_up.signal is not None else None
        signal = None
        if uuid is not None:
            signal = signal_get_reported_by(actor=actor, uuid=uuid) or signal_get(actor=actor, uuid=uuid)
        if signal is not None:
            return FollowUpState(done, str(signal.get_status_display()), signal.number or "", "signal")
        return FollowUpState(done, "", "", "signal")
    if follow_up.intervention_id is not None and follow_up.intervention is not None:
        case = case_get(actor=actor, uuid=follow_up.intervention.case.uuid)
        if case is not None:
            return FollowUpState(
                done, str(follow_up.intervention.get_status_display()), case.number or "", "intervention"
            )
        return FollowUpState(done, "", "", "intervention")
    return FollowUpState(done, str(follow_up.get_status_display()))
