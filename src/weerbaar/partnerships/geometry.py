# SPDX-License-Identifier: EUPL-1.2
"""The area of a partnership: composed from municipalities, or drawn elsewhere and uploaded as GeoJSON.

Stored as one GeoJSON MultiPolygon in WGS84 (longitude, latitude), used for point-in-area
(``geo.spatial.point_in_geometry``, the same ray casting that routes signals) and drawn on the maps.
An uploaded area is checked here with a readable message per problem; nothing else is accepted.
"""

import json
import math
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from weerbaar.geo.spatial import geometry_bbox, municipalities_geometry

#: The Netherlands with a margin (the same bounds as a signal's point).
_LON = (3.3, 7.3)
_LAT = (50.7, 53.6)
#: Enough for a detailed drawing of a rural area; far below what would slow a page.
MAX_POINTS = 20_000
MAX_BYTES = 2 * 1024 * 1024


def _invalid(message: str) -> ValidationError:
    return ValidationError({"area_geojson": [message]})


def _polygons_of(data: Any) -> list[Any]:
    """The polygons (lists of rings) of a Polygon, MultiPolygon, Feature or FeatureCollection."""
    if not isinstance(data, dict):
        raise _invalid(_("The file is not GeoJSON: it should hold a Polygon or MultiPolygon."))
    kind = data.get("type")
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list) or not features:
            raise _invalid(_("The FeatureCollection holds no features."))
        return [polygon for feature in features for polygon in _polygons_of(feature)]
    if kind == "Feature":
        return _polygons_of(data.get("geometry"))
    if kind == "Polygon":
        return [data.get("coordinates")]
    if kind == "MultiPolygon":
        coordinates = data.get("coordinates")
        if not isinstance(coordinates, list):
            raise _invalid(_("The MultiPolygon has no coordinates."))
        return list(coordinates)
    raise _invalid(_("Only an area is accepted (a Polygon or MultiPolygon), not %(kind)s.") % {"kind": str(kind)[:40]})


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _invalid(_("A coordinate is not a number."))
    return float(value)


def _ring(ring: Any) -> list[list[float]]:
    if not isinstance(ring, list) or len(ring) < 4:
        raise _invalid(_("A ring of the area has fewer than four points."))
    points = []
    for point in ring:
        if not isinstance(point, list) or len(point) < 2:
            raise _invalid(_("A point of the area is not a pair of coordinates."))
        lon, lat = _number(point[0]), _number(point[1])
        if not (_LON[0] <= lon <= _LON[1] and _LAT[0] <= lat <= _LAT[1]):
            raise _invalid(
                _(
                    "The area lies (partly) outside the Netherlands. Coordinates must be WGS84 longitude and "
                    "latitude (e.g. 5.3, 51.6), not Dutch RD coordinates."
                )
            )
        points.append([round(lon, 5), round(lat, 5)])
    if points[0] != points[-1]:
        raise _invalid(_("A ring of the area is not closed: its last point must equal its first."))
    return points


def area_from_geojson(text: str) -> dict[str, Any]:
    """A validated MultiPolygon from uploaded or pasted GeoJSON; ``ValidationError`` on ``area_geojson``."""
    if len(text.encode()) > MAX_BYTES:
        raise _invalid(_("The area file may be at most 2 MB."))
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise _invalid(_("The file is not valid JSON.")) from exc
    polygons = []
    for polygon in _polygons_of(data):
        if not isinstance(polygon, list) or not polygon:
            raise _invalid(_("A polygon of the area has no rings."))
        polygons.append([_ring(ring) for ring in polygon])
    if not polygons:
        raise _invalid(_("The file holds no area."))
    if sum(len(ring) for polygon in polygons for ring in polygon) > MAX_POINTS:
        raise _invalid(_("The area has more than %(max)s points; simplify it first.") % {"max": MAX_POINTS})
    return {"type": "MultiPolygon", "coordinates": polygons}


def area_from_municipalities(codes: list[str]) -> dict[str, Any]:
    """The area made of the municipalities' boundaries (CBS 2025, generalised)."""
    return municipalities_geometry(codes)


# --- Point-in-area for many points -------------------------------------------------------------------

#: Cells per side of the grid over the area's bounding box.
GRID = 128
_OUTSIDE, _INSIDE, _BOUNDARY = 0, 1, 2


class PreparedArea:
    """An area prepared to answer point-in-area for thousands of points: the same answer as
    ``geo.spatial.point_in_geometry`` (the same even-odd ray casting per ring, a point inside a polygon's
    exterior and in none of its holes), without converting the GeoJSON again for every point and without
    looking at every edge.

    A grid over the bounding box knows, per cell, whether the area's boundary comes near it; a cell that
    no edge comes near lies wholly inside or wholly outside, decided once by its centre. Only points in
    cells near the boundary are ray-cast, and then only against the edges that span their latitude band
    (a crossing is only possible with those). ``test_geometry.py`` checks it against ``point_in_geometry``.
    """

    def __init__(self, geometry: dict[str, Any]) -> None:
        kind = geometry.get("type") if geometry else None
        coordinates = (geometry.get("coordinates") or []) if geometry else []
        parts = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
        #: (polygon, ring) of every ring: ring 0 is the exterior, the others are holes.
        self._rings: list[tuple[int, int]] = []
        edges: list[tuple[int, float, float, float, float]] = []
        for p, polygon in enumerate(parts):
            for r, ring in enumerate(polygon):
                ring_id = len(self._rings)
                self._rings.append((p, r))
                points = [(float(point[0]), float(point[1])) for point in ring]
                j = len(points) - 1
                for i in range(len(points)):
                    # As geo.spatial._inside pairs them: point i with the one before it.
                    (xi, yi), (xj, yj) = points[i], points[j]
                    edges.append((ring_id, xi, yi, xj, yj))
                    j = i
        self._polygons = len(parts)
        self.bbox = geometry_bbox(geometry) if geometry else None
        if self.bbox is None or not edges:
            self.bbox = None
            return
        min_x, min_y, max_x, max_y = self.bbox
        self._min_x, self._min_y = min_x, min_y
        self._n = GRID
        self._dx = (max_x - min_x) / self._n or 1e-9
        self._dy = (max_y - min_y) / self._n or 1e-9
        n = self._n
        self._bands: list[list[tuple[int, float, float, float, float]]] = [[] for _ in range(n)]
        cells = bytearray(n * n)
        for edge in edges:
            _ring_id, xi, yi, xj, yj = edge
            j0 = self._cell(xi, min(yi, yj))[1]
            j1 = self._cell(xi, max(yi, yj))[1]
            for j in range(j0, j1 + 1):
                self._bands[j].append(edge)
                # The part of the edge within this band, its x-range, and one cell of margin all round so
                # that floating-point rounding at a cell's border cannot matter.
                low, high = min_y + j * self._dy, min_y + (j + 1) * self._dy
                if yi == yj:
                    xs = (xi, xj)
                else:
                    t0 = min(max((low - yi) / (yj - yi), 0.0), 1.0)
                    t1 = min(max((high - yi) / (yj - yi), 0.0), 1.0)
                    xs = (xi + t0 * (xj - xi), xi + t1 * (xj - xi))
                i0, i1 = self._cell(min(xs), low)[0], self._cell(max(xs), low)[0]
                for jj in range(max(0, j - 1), min(n - 1, j + 1) + 1):
                    for i in range(max(0, i0 - 1), min(n - 1, i1 + 1) + 1):
                        cells[jj * n + i] = _BOUNDARY
        # Neighbouring cells that the boundary comes near neither of are on the same side of it: one ray
        # cast per run of such cells in a row.
        for j in range(n):
            state = None
            for i in range(n):
                if cells[j * n + i] == _BOUNDARY:
                    state = None
                    continue
                if state is None:
                    lon = min_x + (i + 0.5) * self._dx
                    lat = min_y + (j + 0.5) * self._dy
                    state = _INSIDE if self._ray_cast(lon, lat, j) else _OUTSIDE
                cells[j * n + i] = state
        self._cells = cells

    def _cell(self, lon: float, lat: float) -> tuple[int, int]:
        n = self._n
        i = int((lon - self._min_x) / self._dx)
        j = int((lat - self._min_y) / self._dy)
        return min(max(i, 0), n - 1), min(max(j, 0), n - 1)

    def _ray_cast(self, lon: float, lat: float, band: int) -> bool:
        odd: set[int] = set()
        for ring_id, xi, yi, xj, yj in self._bands[band]:
            if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
                odd ^= {ring_id}
        if not odd:
            return False
        exteriors = {self._rings[ring_id][0] for ring_id in odd if self._rings[ring_id][1] == 0}
        holes = {self._rings[ring_id][0] for ring_id in odd if self._rings[ring_id][1] > 0}
        return bool(exteriors - holes)

    def contains(self, *, lat: float, lon: float) -> bool:
        if self.bbox is None:
            return False
        min_x, min_y, max_x, max_y = self.bbox
        if not (min_x <= lon <= max_x and min_y <= lat <= max_y):
            return False
        i, j = self._cell(lon, lat)
        state = self._cells[j * self._n + i]
        if state != _BOUNDARY:
            return state == _INSIDE
        return self._ray_cast(lon, lat, j)


#: Prepared areas by partnership, its version and the moment it was last changed; an area changes only
#: through ``partnership_update``, which raises the version, so an entry never goes stale.
_PREPARED: dict[tuple[int, int, str], PreparedArea] = {}
_PREPARED_MAX = 64


def prepared_area(partnership: Any) -> PreparedArea:
    """The partnership's area, prepared once per process and version (see :class:`PreparedArea`)."""
    key = (partnership.pk, partnership.version, str(partnership.updated_at))
    found = _PREPARED.get(key)
    if found is None:
        if len(_PREPARED) >= _PREPARED_MAX:
            _PREPARED.clear()
        found = _PREPARED[key] = PreparedArea(partnership.area or {})
    return found
