# SPDX-License-Identifier: EUPL-1.2
"""The signals' contribution to "My work": signals to qualify or weigh, reporters' answers, schakelteam meetings.

Signals to qualify are the intake's work (``signals.intake``), signals to weigh the schakelteam's
(``signals.weigh``); both within the signals the actor's organisation handles (``signal_list``).
"""

import operator
from datetime import datetime, timedelta
from functools import reduce

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.inbox.registry import (
    DUE_SOON_DAYS,
    MEETING_DAYS,
    Section,
    WorkItem,
    is_overdue,
    register_query,
)
from weerbaar.signals.constants import MessageDirection, Status
from weerbaar.signals.models import SchakelteamMeeting, Signal, SignalMessage
from weerbaar.signals.selectors import meeting_list, signal_list


def _due_condition(actor: Actor, until: datetime) -> Q | None:
    """Signals whose next norm time falls before ``until``, for the steps the actor takes; None: no such step."""
    conditions = []
    if can(actor, Perm.SIGNALS_INTAKE):
        conditions.append(Q(status=Status.ONTVANGEN, acknowledge_due__lt=until))
    if can(actor, Perm.SIGNALS_WEIGH):
        conditions.append(Q(status=Status.GEKWALIFICEERD, weigh_due__lt=until))
    if not conditions:
        return None
    return reduce(operator.or_, conditions)


def _signals_due(actor: Actor, *, overdue_only: bool = False) -> QuerySet[Signal]:
    now = timezone.now()
    condition = _due_condition(actor, now if overdue_only else now + timedelta(days=DUE_SOON_DAYS))
    if condition is None:
        return Signal.objects.none()
    return signal_list(actor=actor).filter(condition)


def _signal_item(signal: Signal) -> WorkItem:
    to_qualify = signal.status == Status.ONTVANGEN
    due = signal.acknowledge_due if to_qualify else signal.weigh_due
    return WorkItem(
        kind=_("Signal to qualify") if to_qualify else _("Signal to weigh"),
        title=signal.get_phenomenon_display(),
        reference=signal.number or "",
        url=reverse("signals:detail", kwargs={"uuid": signal.uuid}),
        due=timezone.localtime(due),
        overdue=is_overdue(due),
    )


def _answers(actor: Actor) -> QuerySet[SignalMessage]:
    """The reporters' messages not yet followed by a question of ours (their latest word is unanswered)."""
    if not can(actor, Perm.SIGNALS_INTAKE):
        return SignalMessage.objects.none()
    asked_later = SignalMessage.objects.filter(
        signal_id=OuterRef("signal_id"), direction=MessageDirection.TO_REPORTER, created_at__gt=OuterRef("created_at")
    )
    return (
        SignalMessage.objects.filter(
            signal__in=signal_list(actor=actor).values("pk"), direction=MessageDirection.FROM_REPORTER
        )
        .exclude(Exists(asked_later))
        .select_related("signal")
    )


def _answer_item(message: SignalMessage) -> WorkItem:
    return WorkItem(
        kind=_("Answer from the reporter"),
        title=message.signal.get_phenomenon_display(),
        reference=message.signal.number or "",
        url=reverse("signals:detail", kwargs={"uuid": message.signal.uuid}),
        due=timezone.localtime(message.created_at),
        status=_("Unanswered"),
    )


def _meetings(actor: Actor) -> QuerySet[SchakelteamMeeting]:
    today = timezone.localdate()
    return meeting_list(actor=actor).filter(
        date__gte=today, date__lte=today + timedelta(days=MEETING_DAYS), closed_at__isnull=True
    )


def _meeting_item(meeting: SchakelteamMeeting) -> WorkItem:
    return WorkItem(
        kind=_("Schakelteam meeting"),
        title=_("Schakelteam"),
        reference="",
        url=reverse("signals:meeting", kwargs={"uuid": meeting.uuid}),
        due=meeting.date,
    )


#: The menu's count of overdue signals stops here: an intake with a backlog of tens of thousands would
#: otherwise count them all on every page, and a number beyond this says no more than the number itself.
PENDING_CAP = 100

register_query(
    "signals.due",
    Section.STEPS,
    _signals_due,
    _signal_item,
    order_by=("acknowledge_due",),
    pending=lambda actor: _signals_due(actor, overdue_only=True)[:PENDING_CAP],
)
register_query("signals.answers", Section.ANSWERS, _answers, _answer_item, order_by=("-created_at",))
register_query("signals.meetings", Section.MEETINGS, _meetings, _meeting_item, order_by=("date",))
