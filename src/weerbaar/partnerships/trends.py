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
from datetime import date

from django.utils import timezone

from weerbaar.core.disclosure import suppress
from weerbaar.geo.spatial import geometry_bbox, point_in_geometry
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


def area_trend(*, partnership: Partnership, today: date | None = None) -> Trend:
    """Suppressed counts per phenomenon and quarter of the signals with a point inside the area."""
    today = today or timezone.localdate()
    quarters = _quarters_back(today, QUARTERS)
    labels = [f"{year} K{quarter}" for year, quarter in quarters]
    bbox = geometry_bbox(partnership.area or {})
    if bbox is None:
        return Trend(labels, [])
    min_lon, min_lat, max_lon, max_lat = bbox
    first_year, first_quarter = quarters[0]
    since = date(first_year, 3 * (first_quarter - 1) + 1, 1)
    candidates = Signal.objects.filter(
        received_at__date__gte=since,
        latitude__gte=min_lat,
        latitude__lte=max_lat,
        longitude__gte=min_lon,
        longitude__lte=max_lon,
    ).values_list("phenomenon", "latitude", "longitude", "received_at")
    counts: dict[tuple[str, tuple[int, int]], int] = {}
    for phenomenon, latitude, longitude, received_at in candidates.iterator():
        if latitude is None or longitude is None:
            continue  # the bounding-box filter already excludes them; kept for the type checker
        if not point_in_geometry(partnership.area, lat=float(latitude), lon=float(longitude)):
            continue
        key = (phenomenon, _quarter(timezone.localtime(received_at).date()))
        counts[key] = counts.get(key, 0) + 1
    names = {code: str(label) for code, label in Phenomenon.choices}
    phenomena = sorted({phenomenon for phenomenon, _q in counts}, key=lambda code: names.get(code, code))
    rows = [
        TrendRow(code, names.get(code, code), [suppress(counts.get((code, quarter), 0)) for quarter in quarters])
        for code in phenomena
    ]
    return Trend(labels, rows)
