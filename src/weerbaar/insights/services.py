# SPDX-License-Identifier: EUPL-1.2
"""Refreshing the materialised aggregates: incrementally (only the days touched since the last refresh) or
in full. A day is always recounted whole, so a refresh is idempotent and the order of refreshes is moot.

A deleted object (retention) leaves no trace to find its day by; the full rebuild — nightly, and the
``insights_rebuild`` command — brings such days back in line.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from weerbaar.core.figures import Series, all_series
from weerbaar.insights.models import DailyCount, Refresh


@dataclass(frozen=True)
class RefreshResult:
    series: str
    full: bool
    days: int
    rows: int


@transaction.atomic
def _series_refresh(series: Series, *, full: bool, now: datetime) -> RefreshResult:
    state = Refresh.objects.select_for_update().filter(series=series.key).first()
    counts = DailyCount.objects.filter(series=series.key)
    if full or state is None:
        counts.delete()
        rows = list(series.count(None))
        days = None
    else:
        changed = series.changed_days(state.refreshed_at)
        counts.filter(day__in=changed).delete()
        rows = list(series.count(changed)) if changed else []
        days = len(changed)
    # A series may yield one cell in parts (several statuses counted as "open"): add them up.
    cells: Counter[tuple[date, int, str, str]] = Counter()
    for d, o, r, c, n in rows:
        cells[(d, o, r, c)] += n
    DailyCount.objects.bulk_create(
        DailyCount(series=series.key, day=d, organisation_id=o, region=r, category=c, count=n)
        for (d, o, r, c), n in cells.items()
        if n
    )
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
