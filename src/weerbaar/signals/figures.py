# SPDX-License-Identifier: EUPL-1.2
"""The signals' figures for the situational picture (registered in :mod:`weerbaar.core.figures`).

Every series counts signals by the day they were received, their intake organisation and their municipality.
Who reads them is the signals' own rule (``signal_visible``: the intake organisation's readers) or, for the
organisation as a whole, ``insights.organisation`` (the programme manager, the council).
"""

from collections.abc import Callable, Collection, Iterable
from datetime import date, datetime, timedelta

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
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
    on_days,
    organisation_rows,
    register_figure,
    register_series,
)
from weerbaar.core.policy import Actor
from weerbaar.signals.constants import Phenomenon
from weerbaar.signals.models import Signal, StatusChange
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
        signals = signals.filter(on_days("received_at", days))
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


def _bucket(field: str, buckets: Buckets) -> Case:
    """The lead-time bucket of each signal, in the database: not done yet, or the first bucket whose limit
    (days from receipt) the moment ``field`` is within."""
    whens = [When(**{f"{field}__isnull": True}, then=Value(OPEN))]
    for key, limit, _label in buckets:
        if limit is None:
            break
        whens.append(When(**{f"{field}__lte": F("received_at") + timedelta(days=limit)}, then=Value(key)))
    return Case(*whens, default=Value(buckets[-1][0]), output_field=CharField())


def _lead_time(field: str, buckets: Buckets) -> Callable[[Collection[date] | None], Iterable[BaseRow]]:
    def count(days: Collection[date] | None) -> Iterable[BaseRow]:
        rows = (
            _signals(days)
            .annotate(day=TruncDate("received_at"), bucket=_bucket(field, buckets))
            .values_list("day", "organisation_id", "municipality__code", "bucket")
            .annotate(n=Count("id"))
            .order_by()
        )
        for day, organisation_id, region, category, n in rows:
            yield day, organisation_id, region or "", category, n

    return count


def _changed_days(since: datetime) -> set[date]:
    """Days of signals received, or whose status changed, since ``since`` (a status change marks qualifying,
    deciding and closing alike). Two queries rather than one with OR over a join, which reads every signal."""
    received = Signal.objects.filter(received_at__gte=since)
    moved = Signal.objects.filter(pk__in=StatusChange.objects.filter(at__gte=since).values("signal_id"))
    moments = set(received.values_list("received_at", flat=True)) | set(moved.values_list("received_at", flat=True))
    return {timezone.localdate(at) for at in moments}


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
