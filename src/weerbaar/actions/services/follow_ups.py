# SPDX-License-Identifier: EUPL-1.2
"""Follow-ups of findings: what happens after the action, owned by one partner with a due date.

A follow-up lives on where its owner works on it, created through that app's own services — never by
writing its models here:

- with a case the actor is a member of, an administrative or tax follow-up becomes an intervention of that
  case (``cases.services.intervention_add``, the case's catalogue and its statutory steps);
- otherwise — and a police report or a referral to care always — it becomes a new signal at the intake of
  the location's municipality (``signals.services.signal_create``), with the actor as its reporter, so the
  actor can follow its status;
- a warning and an administrative fine imposed on the spot are the partner's own and keep their own status.

The linked object's status flows back through ``selectors.follow_up_state``.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.actions import scopes
from weerbaar.actions.constants import (
    INTERVENTION_FOLLOW_UPS,
    OWN_FOLLOW_UPS,
    SIGNAL_FOLLOW_UPS,
    FollowUpKind,
    FollowUpStatus,
)
from weerbaar.actions.models import Finding, FollowUp
from weerbaar.actions.selectors import operation_area
from weerbaar.actions.services._common import acting_user, require, require_open
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases.models import Case
from weerbaar.cases.services.interventions import intervention_add
from weerbaar.core.policy import Actor, can
from weerbaar.geo.models import Municipality
from weerbaar.organisations.models import Organisation
from weerbaar.signals.constants import Channel, LocationKind, Phenomenon
from weerbaar.signals.services import SignalInput, signal_create


def may_follow_up(actor: Actor, finding: Finding) -> bool:
    """The finding's own organisation, or a planner of the operation, decides what follows it."""
    if not can(actor, Perm.ACTIONS_CHECK, finding.operation) or not scopes.finding_is_visible(actor, finding):
        return False
    return finding.organisation_id == actor.organisation_id or can(actor, Perm.ACTIONS_MANAGE, finding.operation)


def _signal_for(
    *, actor: Actor, finding: Finding, kind: str, description: str, phenomenon: str, municipality: Municipality | None
) -> object:
    location = finding.location
    area = operation_area(finding.operation)
    where = municipality or location.municipality or (area[0] if len(area) == 1 else None)
    if where is None:
        raise ValidationError({"municipality": _("Choose the municipality of the location.")})
    text = _("Follow-up of the joint action “%(title)s”: %(kind)s.") % {
        "title": finding.operation.title,
        "kind": FollowUpKind(kind).label,
    }
    data = SignalInput(
        channel=Channel.KETENPARTNER,
        phenomenon=phenomenon or Phenomenon.OVERIG,
        description=f"{text}\n\n{description.strip()}".strip(),
        location_kind=LocationKind.ADRES,
        street=location.street,
        house_number=location.house_number,
        postcode=location.postcode.replace(" ", ""),
        city=location.city,
        municipality=where,
    )
    signal, _receipt = signal_create(actor=actor, data=data)
    return signal


@transaction.atomic
def follow_up_create(
    *,
    actor: Actor,
    finding: Finding,
    kind: str,
    owner: Organisation,
    due_on: date,
    case: Case | None = None,
    description: str = "",
    phenomenon: str = "",
    municipality: Municipality | None = None,
) -> FollowUp:
    """Record what follows ``finding``, owned by ``owner`` and due on ``due_on``; create the intervention
    or signal it becomes (see the module's docstring). ``case`` (the actor must be a member) turns an
    administrative follow-up into an intervention of that case; ``description`` and ``phenomenon`` go into
    a signal. Refused with ``PermissionDenied`` unless the actor may follow the finding up."""
    if not may_follow_up(actor, finding):
        raise PermissionDenied
    require(actor, Perm.ACTIONS_CHECK, finding.operation)
    user = acting_user(actor)
    require_open(finding.operation)
    if kind not in FollowUpKind.values:
        raise ValidationError({"kind": _("Choose the kind of follow-up.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot lie in the past.")})
    follow_up = FollowUp(finding=finding, kind=kind, owner=owner, due_on=due_on, created_by=user)
    if kind in OWN_FOLLOW_UPS:
        if case is not None:
            raise ValidationError({"case": _("A warning or a fine on the spot is not part of a case.")})
    elif case is not None and kind in INTERVENTION_FOLLOW_UPS:
        follow_up.intervention = intervention_add(
            actor=actor, case=case, type=INTERVENTION_FOLLOW_UPS[kind], owner=owner, started_on=timezone.localdate()
        )
    elif case is not None:
        raise ValidationError({"case": _("This follow-up becomes a signal, not an intervention of a case.")})
    elif kind in SIGNAL_FOLLOW_UPS or kind in INTERVENTION_FOLLOW_UPS:
        follow_up.signal = _signal_for(  # type: ignore[assignment]
            actor=actor,
            finding=finding,
            kind=kind,
            description=description,
            phenomenon=phenomenon,
            municipality=municipality,
        )
    follow_up.full_clean()
    follow_up.save(force_insert=True)
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=follow_up,
        details={
            "finding": str(finding.uuid),
            "kind": kind,
            "owner": str(owner.uuid),
            "linked": "intervention" if follow_up.intervention_id else "signal" if follow_up.signal_id else "",
        },
    )
    return follow_up


@transaction.atomic
def follow_up_complete(*, actor: Actor, follow_up: FollowUp) -> FollowUp:
    """Mark an unlinked follow-up (a warning, a fine on the spot) done; a linked one follows its signal or
    intervention and cannot be completed here."""
    if not may_follow_up(actor, follow_up.finding):
        raise PermissionDenied
    if follow_up.signal_id is not None or follow_up.intervention_id is not None:
        raise ValidationError(_("This follow-up is done when its signal or intervention is."))
    if follow_up.status == FollowUpStatus.DONE:
        return follow_up
    follow_up.status = FollowUpStatus.DONE
    follow_up.save(update_fields=["status"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=follow_up, details={"status": follow_up.status})
    return follow_up
