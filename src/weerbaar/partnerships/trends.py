# SPDX-License-Identifier: EUPL-1.2
"""What area A shows of area B, and nothing else: counts per phenomenon of the signals located inside the
partnership's area, per quarter, suppressed by ``core.disclosure`` (1 to 4 shown as "< 5").

This module and ``own_reports`` are the only doors from area B into area A (an import contract in
``pyproject.toml`` holds it). No signal, number, date, place or status leaves this module: only
phenomena, quarters and suppressed counts. Signals without a point are not counted (their municipality
alone cannot place them inside an area that covers part of it). There are no row or column totals, so a
suppressed cell cannot be worked out from them.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.core.cache import cache
from django.db import connections
from django.db.models import Count, FloatField, QuerySet, Sum
from django.db.models.functions import Cast, ExtractQuarter, ExtractYear
from django.utils import timezone

from weerbaar.core.disclosure import suppress
from weerbaar.partnerships.geometry import PreparedArea, prepared_area
from weerbaar.partnerships.models import Partnership
from weerbaar.signals.constants import Phenomenon
from weerbaar.signals.models import Signal

#: How many quarters the trend covers, the current one included.
QUARTERS = 4


@dataclass(frozen=True)
class TrendRow:
    phenomenon: str
    label: str
    cells: list[str]


@dataclass(frozen=True)
class Trend:
    quarters: list[str]
    rows: list[TrendRow]


def _quarter(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _quarters_back(today: date, count: int) -> list[tuple[int, int]]:
    year, quarter = _quarter(today)
    found = []
    for _step in range(count):
        found.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return list(reversed(found))


#: How long a computed trend stays in the cache at most; it is replaced as soon as a signal in the area's
#: bounding box is added, changed or removed (the key holds a fingerprint of them), or the area changes.
CACHE_SECONDS = 24 * 60 * 60


def _signals_near(
    partnership: Partnership, bbox: tuple[float, float, float, float], since: datetime
) -> QuerySet[Signal]:
    """Signals received since ``since`` with a point inside the bounding box of the area."""
    min_lon, min_lat, max_lon, max_lat = bbox
    return Signal.objects.filter(
        received_at__gte=since,
        latitude__gte=min_lat,
        latitude__lte=max_lat,
        longitude__gte=min_lon,
        longitude__lte=max_lon,
    ).order_by()


def _fingerprint(signals: QuerySet[Signal]) -> str:
    """Changes whenever a signal among them is added, removed or changed (every change raises its version)."""
    found = signals.aggregate(count=Count("pk"), ids=Sum("pk"), versions=Sum("version"))
    return f"{found['count']}.{found['ids'] or 0}.{found['versions'] or 0}"


def _counts(area: PreparedArea, signals: QuerySet[Signal]) -> dict[tuple[str, tuple[int, int]], int]:
    """Signals inside the area per phenomenon and quarter (in the local time zone)."""
    rows_query = signals.values_list(
        "phenomenon",
        Cast("latitude", FloatField()),
        Cast("longitude", FloatField()),
        ExtractYear("received_at"),
        ExtractQuarter("received_at"),
    )
    # Thousands of rows of plain numbers: read straight from the cursor, without a converter call per value.
    sql, params = rows_query.query.sql_with_params()
    with connections[rows_query.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    contains = area.contains
    counts: dict[tuple[str, tuple[int, int]], int] = {}
    for phenomenon, latitude, longitude, year, quarter in rows:
        if contains(lat=latitude, lon=longitude):
            key = (phenomenon, (int(year), int(quarter)))
            counts[key] = counts.get(key, 0) + 1
    return counts


def area_trend(*, partnership: Partnership, today: date | None = None) -> Trend:
    """Suppressed counts per phenomenon and quarter of the signals with a point inside the area.

    The database narrows the signals to the period and the area's bounding box and works out each one's
    quarter; the area, prepared once per version (``geometry.prepared_area``), decides each point. The
    result is cached per partnership, area version and period under a fingerprint of those signals, so a
    start page shown again reads one aggregate instead of thousands of rows, and shows a new signal at once.
    """
    today = today or timezone.localdate()
    quarters = _quarters_back(today, QUARTERS)
    labels = [f"{year} K{quarter}" for year, quarter in quarters]
    area = prepared_area(partnership)
    if area.bbox is None:
        return Trend(labels, [])
    first_year, first_quarter = quarters[0]
    since = datetime.combine(
        date(first_year, 3 * (first_quarter - 1) + 1, 1), time.min, tzinfo=timezone.get_current_timezone()
    )
    signals = _signals_near(partnership, area.bbox, since)
    period = f"{first_year}K{first_quarter}"
    key = f"partnerships:trend:{partnership.uuid}:{partnership.version}:{period}:{_fingerprint(signals)}"
    counts = cache.get(key)
    if counts is None:
        counts = _counts(area, signals)
        cache.set(key, counts, CACHE_SECONDS)
    names = {code: str(label) for code, label in Phenomenon.choices}
    phenomena = sorted({phenomenon for phenomenon, _q in counts}, key=lambda code: names.get(code, code))
    rows = [
        TrendRow(code, names.get(code, code), [suppress(counts.get((code, quarter), 0)) for quarter in quarters])
        for code in phenomena
    ]
    return Trend(labels, rows)
