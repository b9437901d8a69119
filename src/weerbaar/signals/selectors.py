# SPDX-License-Identifier: EUPL-1.2
"""Reads of signals, always scoped by the actor through the policy."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import Q, QuerySet
from django.utils import timezone

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.signals.constants import Status
from weerbaar.signals.models import SchakelteamMeeting, Signal

OPEN_STATUSES = (Status.ONTVANGEN, Status.GEKWALIFICEERD)


@dataclass(frozen=True)
class SignalFilters:
    phenomenon: str = ""
    status: str = ""
    since: date | None = None
    until: date | None = None
    municipality_code: str = ""


def signal_list(*, actor: Actor, filters: SignalFilters | None = None) -> QuerySet[Signal]:
    """Signals the actor's organisation handles (area B). Empty for everybody else."""
    if not can(actor, Perm.SIGNALS_VIEW) or actor.organisation_id is None:
        return Signal.objects.none()
    qs = Signal.objects.filter(organisation_id=actor.organisation_id).select_related("municipality")
    f = filters or SignalFilters()
    if f.phenomenon:
        qs = qs.filter(phenomenon=f.phenomenon)
    if f.status:
        qs = qs.filter(status=f.status)
    if f.since:
        qs = qs.filter(received_at__date__gte=f.since)
    if f.until:
        qs = qs.filter(received_at__date__lte=f.until)
    if f.municipality_code:
        qs = qs.filter(municipality__code=f.municipality_code)
    return qs.order_by("-received_at")


def signal_get(*, actor: Actor, uuid: UUID | str) -> Signal | None:
    return signal_list(actor=actor).filter(uuid=uuid).first()


def signal_list_reported_by(*, actor: Actor) -> QuerySet[Signal]:
    """The signals the actor reported personally (status-only view; private partners too)."""
    if actor.user is None or not can(actor, Perm.SIGNALS_VIEW_OWN):
        return Signal.objects.none()
    return Signal.objects.filter(reporter=actor.user).order_by("-received_at")


def signal_get_reported_by(*, actor: Actor, uuid: UUID | str) -> Signal | None:
    return signal_list_reported_by(actor=actor).filter(uuid=uuid).first()


def signal_list_overdue(*, actor: Actor) -> QuerySet[Signal]:
    now = timezone.now()
    return (
        signal_list(actor=actor)
        .filter(
            Q(status=Status.ONTVANGEN, acknowledge_due__lt=now) | Q(status=Status.GEKWALIFICEERD, weigh_due__lt=now)
        )
        .order_by("acknowledge_due")
    )


def signal_list_to_weigh(*, actor: Actor) -> QuerySet[Signal]:
    return signal_list(actor=actor).filter(status=Status.GEKWALIFICEERD).order_by("received_at")


def meeting_list(*, actor: Actor) -> QuerySet[SchakelteamMeeting]:
    if not can(actor, Perm.SIGNALS_WEIGH) or actor.organisation_id is None:
        return SchakelteamMeeting.objects.none()
    return SchakelteamMeeting.objects.filter(organisation_id=actor.organisation_id)


def meeting_get(*, actor: Actor, uuid: UUID | str) -> SchakelteamMeeting | None:
    return meeting_list(actor=actor).filter(uuid=uuid).first()
