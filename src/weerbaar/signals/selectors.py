# SPDX-License-Identifier: EUPL-1.2
"""Reads of signals, always scoped by the actor through the rules in ``scopes.py``."""

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from django.db.models import Q, QuerySet
from django.utils import timezone

from weerbaar.core.policy import Actor
from weerbaar.signals.constants import Status
from weerbaar.signals.models import SchakelteamMeeting, Signal
from weerbaar.signals.scopes import meeting_visible, signal_followed, signal_visible

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
    qs = Signal.objects.filter(signal_visible(actor)).select_related("municipality")
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
    return Signal.objects.filter(signal_followed(actor)).order_by("-received_at")


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
    return SchakelteamMeeting.objects.filter(meeting_visible(actor))


def meeting_get(*, actor: Actor, uuid: UUID | str) -> SchakelteamMeeting | None:
    return meeting_list(actor=actor).filter(uuid=uuid).first()
