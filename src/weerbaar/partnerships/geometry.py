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

from weerbaar.geo.spatial import municipalities_geometry

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
