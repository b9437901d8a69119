# SPDX-License-Identifier: EUPL-1.2
"""Refreshing the materialised aggregates: incrementally (only the days touched since the last refresh) or
in full. A day is always recounted whole, so a refresh is idempotent and the order of refreshes is moot.
With the daily counts, in the same transaction, the monthly counts of the months touched (what the pages
read) and the totals per category (adjusted by the difference) are kept in step.

A deleted object (retention) leaves no trace to find its day by; the full rebuild — nightly, and the
``insights_rebuild`` command — brings such days back in line.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import Max, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from weerbaar.core.figures import Series, all_series
from weerbaar.insights.models import CategoryTotal, DailyCount, MonthlyCount, Refresh


@dataclass(frozen=True)
class RefreshResult:
    series: str
    full: bool
    days: int
    rows: int


#: Rows per INSERT when writing the aggregates (a full rebuild writes millions).
BATCH = 10_000


def _by_category(counts: QuerySet[DailyCount]) -> Counter[str]:
    return Counter(dict(counts.values_list("category").annotate(n=Sum("count")).values_list("category", "n")))


def _totals_update(key: str, *, added: Counter[str], removed: Counter[str] | None) -> None:
    """The series' totals per category: replaced (``removed`` None: a full rebuild) or adjusted by the
    difference of the days recounted."""
    totals: Counter[str] = Counter()
    if removed is not None:
        totals.update(dict(CategoryTotal.objects.filter(series=key).values_list("category", "count")))
        totals.subtract(removed)
    totals.update(added)
    CategoryTotal.objects.filter(series=key).delete()
    CategoryTotal.objects.bulk_create(CategoryTotal(series=key, category=c, count=n) for c, n in totals.items() if n)


Cells = Counter[tuple[date, int, str, str]]


def _largest(largest: Cells, key: tuple[date, int, str, str], value: int) -> None:
    if value > largest[key]:
        largest[key] = value


def _write(
    model: type[DailyCount] | type[MonthlyCount], key: str, cells: Cells, amounts: Cells, largest: Cells
) -> None:
    """The series' new rows (``cells``: (day or month, organisation, region, category) → count, ``amounts``
    the same → sum of amounts, ``largest`` → the largest single amount): on PostgreSQL by COPY (a full rebuild
    writes millions of rows, which INSERT statements of model instances take minutes for), elsewhere in
    batches."""
    when = "day" if model is DailyCount else "month"
    if connection.vendor == "postgresql":
        table = model._meta.db_table  # noqa: SLF001 - _meta is public Django API
        columns = f"series, {when}, organisation_id, region, category, count, amount, amount_max"
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for (d, o, r, c), n in cells.items():
                if n:
                    copy.write_row((key, d, o, r, c, n, amounts[(d, o, r, c)], largest[(d, o, r, c)]))
        return
    rows = ((d, o, r, c, n, amounts[(d, o, r, c)], largest[(d, o, r, c)]) for (d, o, r, c), n in cells.items() if n)
    if model is DailyCount:
        DailyCount.objects.bulk_create(
            (
                DailyCount(series=key, day=d, organisation_id=o, region=r, category=c, count=n, amount=a, amount_max=m)
                for d, o, r, c, n, a, m in rows
            ),
            batch_size=BATCH,
        )
    else:
        MonthlyCount.objects.bulk_create(
            (
                MonthlyCount(
                    series=key, month=d, organisation_id=o, region=r, category=c, count=n, amount=a, amount_max=m
                )
                for d, o, r, c, n, a, m in rows
            ),
            batch_size=BATCH,
        )


def _months_update(key: str, cells: Cells, amounts: Cells, largest: Cells, *, months: set[date] | None) -> None:
    """The monthly rows of the series: all of them from the new daily cells (``months`` None: a full rebuild),
    or the months of the days recounted, summed again from their daily rows (the largest amount of a month is
    the largest of its days')."""
    monthly: Cells = Counter()
    monthly_amounts: Cells = Counter()
    monthly_largest: Cells = Counter()
    if months is None:
        MonthlyCount.objects.filter(series=key).delete()
        for (d, o, r, c), n in cells.items():
            monthly[(d.replace(day=1), o, r, c)] += n
        for (d, o, r, c), a in amounts.items():
            monthly_amounts[(d.replace(day=1), o, r, c)] += a
        for (d, o, r, c), m in largest.items():
            _largest(monthly_largest, (d.replace(day=1), o, r, c), m)
    else:
        if not months:
            return
        MonthlyCount.objects.filter(series=key, month__in=months).delete()
        within = Q()
        for month in months:
            within |= Q(day__gte=month, day__lt=_next_month(month))
        rows = (
            DailyCount.objects.filter(within, series=key)
            .annotate(month=TruncMonth("day"))
            .values_list("month", "organisation_id", "region", "category")
            .annotate(n=Sum("count"), a=Sum("amount"), x=Max("amount_max"))
            .order_by()
        )
        for m, o, r, c, n, a, x in rows:
            monthly[(m, o, r, c)] += n
            monthly_amounts[(m, o, r, c)] += a
            _largest(monthly_largest, (m, o, r, c), x)
    _write(MonthlyCount, key, monthly, monthly_amounts, monthly_largest)


def _next_month(month: date) -> date:
    return date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)


@transaction.atomic
def _series_refresh(series: Series, *, full: bool, now: datetime) -> RefreshResult:
    state = Refresh.objects.select_for_update().filter(series=series.key).first()
    counts = DailyCount.objects.filter(series=series.key)
    removed: Counter[str] | None = None
    months: set[date] | None = None
    if full or state is None:
        counts.delete()
        rows = list(series.count(None))
        days = None
    else:
        changed = series.changed_days(state.refreshed_at)
        stale = counts.filter(day__in=changed)
        removed = _by_category(stale) if changed else Counter()
        stale.delete()
        rows = list(series.count(changed)) if changed else []
        days = len(changed)
        months = {d.replace(day=1) for d in changed}
    # A series may yield one cell in parts (several statuses counted as "open"): add them up.
    cells: Cells = Counter()
    amounts: Cells = Counter()
    largest: Cells = Counter()
    for row in rows:
        d, o, r, c, n = row[:5]
        cells[(d, o, r, c)] += n
        if len(row) > 5:
            amounts[(d, o, r, c)] += row[5]
            _largest(largest, (d, o, r, c), row[6] if len(row) > 6 else row[5])
    _write(DailyCount, series.key, cells, amounts, largest)
    _months_update(series.key, cells, amounts, largest, months=months)
    added: Counter[str] = Counter()
    for (_d, _o, _r, c), n in cells.items():
        added[c] += n
    _totals_update(series.key, added=added, removed=removed)
    if state is None:
        Refresh.objects.create(series=series.key, refreshed_at=now, days=days)
    else:
        state.refreshed_at, state.days = now, days
        state.save(update_fields=["refreshed_at", "days"])
    return RefreshResult(series.key, days is None, days or 0, len(cells))


def aggregates_refresh(*, full: bool = False) -> list[RefreshResult]:
    """Every registered series, each in its own transaction; the watermark is taken before counting, so a
    change made while counting is counted (again) next time rather than lost."""
    results = []
    for series in all_series():
        now = timezone.now()
        results.append(_series_refresh(series, full=full, now=now))
    return results
