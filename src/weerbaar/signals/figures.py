# SPDX-License-Identifier: EUPL-1.2
"""The signals' figures for the situational picture (registered in :mod:`weerbaar.core.figures`).

Every series counts signals by the day they were received, their intake organisation and their municipality.
Who reads them is the signals' own rule (``signal_visible``: the intake organisation's readers) or, for the
organisation as a whole, ``insights.organisation`` (the programme manager, the council).
"""

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from weerbaar.accounts.constants import Perm
from weerbaar.core.figures import (
    PHENOMENON,
    BaseRow,
    ChartKind,
    Columns,
    Figure,
    Rows,
    Series,
    either,
    organisation_rows,
    register_figure,
    register_series,
)
from weerbaar.core.policy import Actor
from weerbaar.signals.constants import Phenomenon
from weerbaar.signals.models import Signal
from weerbaar.signals.scopes import signal_visible

Buckets = tuple[tuple[str, int | None, StrOrPromise], ...]

#: Lead-time buckets (days from receipt), and the label of a signal not yet qualified or decided.
ACKNOWLEDGE_BUCKETS: Buckets = (
    ("1", 1, _("Within 1 day")),
    ("7", 7, _("2 to 7 days")),
    ("later", None, _("Over 7 days")),
)
WEIGH_BUCKETS: Buckets = (
    ("7", 7, _("Within 7 days")),
    ("28", 28, _("8 to 28 days")),
    ("later", None, _("Over 28 days")),
)
OPEN = "open"


def _scope(actor: Actor) -> Q:
    return either(signal_visible(actor), organisation_rows(actor, Perm.INSIGHTS_ORGANISATION))


def _signals(days: Collection[date] | None) -> QuerySet[Signal]:
    signals = Signal.objects.filter(organisation__isnull=False)
    if days is not None:
        signals = signals.annotate(day=TruncDate("received_at")).filter(day__in=list(days))
    return signals


def _received(days: Collection[date] | None) -> Iterable[BaseRow]:
    rows = (
        _signals(days)
        .annotate(day=TruncDate("received_at"))
        .values_list("day", "organisation_id", "municipality__code", "phenomenon")
        .annotate(n=Count("id"))
        .order_by()
    )
    for day, organisation_id, region, phenomenon, n in rows:
        yield day, organisation_id, region or "", phenomenon, n


def _bucket(received: datetime, done: datetime | None, buckets: Buckets) -> str:
    if done is None:
        return OPEN
    days = (done - received) / timedelta(days=1)
    for key, limit, _label in buckets:
        if limit is None or days <= limit:
            return key
    return buckets[-1][0]


def _lead_time(field: str, buckets: Buckets) -> Callable[[Collection[date] | None], Iterable[BaseRow]]:
    def count(days: Collection[date] | None) -> Iterable[BaseRow]:
        counter: Counter[tuple[date, int, str, str]] = Counter()
        rows = _signals(days).values_list("received_at", "organisation_id", "municipality__code", field)
        for received, organisation_id, region, done in rows.iterator():
            counter[
                (timezone.localdate(received), organisation_id, region or "", _bucket(received, done, buckets))
            ] += 1
        for (day, organisation_id, region, category), n in counter.items():
            yield day, organisation_id, region, category, n

    return count


def _changed_days(since: datetime) -> set[date]:
    """Days of signals received, or whose status changed, since ``since`` (a status change marks qualifying,
    deciding and closing alike)."""
    changed = Signal.objects.filter(Q(received_at__gte=since) | Q(status_changes__at__gte=since))
    return {timezone.localdate(received) for received in changed.values_list("received_at", flat=True).distinct()}


register_series(
    Series("signals.received", tuple(Phenomenon.choices), _received, _changed_days, _scope, dimension=PHENOMENON)
)
register_series(
    Series(
        "signals.acknowledge",
        (*((k, label) for k, _n, label in ACKNOWLEDGE_BUCKETS), (OPEN, _("Not yet qualified"))),
        _lead_time("qualified_at", ACKNOWLEDGE_BUCKETS),
        _changed_days,
        _scope,
    )
)
register_series(
    Series(
        "signals.weigh",
        (*((k, label) for k, _n, label in WEIGH_BUCKETS), (OPEN, _("Not yet decided"))),
        _lead_time("decided_at", WEIGH_BUCKETS),
        _changed_days,
        _scope,
    )
)

register_figure(
    Figure(
        "meldingen-per-maand",
        "signals.received",
        _("Signals per month"),
        _("Signals received per month by the intake organisation, whatever their phenomenon or status."),
        Rows.MONTH,
        Columns.TOTAL,
        ChartKind.LINE,
        order=10,
    )
)
register_figure(
    Figure(
        "meldingen-per-fenomeen",
        "signals.received",
        _("Signals per phenomenon"),
        _("Signals received in the period, by the phenomenon the intake recorded."),
        Rows.CATEGORY,
        Columns.TOTAL,
        order=11,
    )
)
register_figure(
    Figure(
        "meldingen-per-gemeente",
        "signals.received",
        _("Signals per municipality"),
        _("Signals received in the period, by the municipality where it happened (empty: not known)."),
        Rows.REGION,
        Columns.TOTAL,
        order=12,
    )
)
register_figure(
    Figure(
        "meldingen-doorlooptijd-kwalificeren",
        "signals.acknowledge",
        _("Time to qualify signals"),
        _("Days from receipt until the intake qualified the signal, per month of receipt."),
        Rows.MONTH,
        order=13,
    )
)
register_figure(
    Figure(
        "meldingen-doorlooptijd-weging",
        "signals.weigh",
        _("Time to weigh signals"),
        _("Days from receipt until the schakelteam decided on the signal, per month of receipt."),
        Rows.MONTH,
        order=14,
    )
)
