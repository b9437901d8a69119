# SPDX-License-Identifier: EUPL-1.2
"""Point-in-polygon routing against the CBS 2025 municipal boundaries (TopoJSON in ``geo/data``).

The boundaries are generalised: fine for routing a signal to its municipality, not for legal boundaries.
"""

import json
from dataclasses import dataclass
from functools import cache

from weerbaar.geo.services import DATA_DIR

Ring = list[tuple[float, float]]


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: exterior ring, then holes
    bbox: tuple[float, float, float, float]  # min lon, min lat, max lon, max lat


def _decode_arcs(topology: dict) -> list[Ring]:  # type: ignore[type-arg]
    scale_x, scale_y = topology["transform"]["scale"]
    translate_x, translate_y = topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    return arcs


def _ring(arc_indexes: list[int], arcs: list[Ring]) -> Ring:
    ring: Ring = []
    for index in arc_indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points if not ring else points[1:])
    return ring


@cache
def municipality_areas() -> tuple[Area, ...]:
    topology = json.loads((DATA_DIR / "gemeente_2025.topojson").read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    areas = []
    for geometry in next(iter(topology["objects"].values()))["geometries"]:
        parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        polygons = tuple(tuple(_ring(ring, arcs) for ring in polygon) for polygon in parts)
        xs = [x for polygon in polygons for x, _y in polygon[0]]
        ys = [y for polygon in polygons for _x, y in polygon[0]]
        props = geometry["properties"]
        areas.append(Area(props["statcode"], props["statnaam"], polygons, (min(xs), min(ys), max(xs), max(ys))))
    return tuple(areas)


def _inside(ring: Ring, lon: float, lat: float) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def municipality_code_at(*, lat: float, lon: float) -> str | None:
    """The CBS code (GM####) of the municipality containing the point, or None (sea, abroad)."""
    for area in municipality_areas():
        min_x, min_y, max_x, max_y = area.bbox
        if not (min_x <= lon <= max_x and min_y <= lat <= max_y):
            continue
        for polygon in area.polygons:
            if _inside(polygon[0], lon, lat) and not any(_inside(hole, lon, lat) for hole in polygon[1:]):
                return area.code
    return None


def municipalities_geojson() -> dict:  # type: ignore[type-arg]
    """The boundaries as GeoJSON, for the offline base layer of the maps."""
    features = [
        {
            "type": "Feature",
            "properties": {"code": area.code, "naam": area.name},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [
                    [[[round(x, 4), round(y, 4)] for x, y in ring] for ring in polygon] for polygon in area.polygons
                ],
            },
        }
        for area in municipality_areas()
    ]
    return {"type": "FeatureCollection", "features": features}


def _geometry_polygons(geometry: dict) -> list[list[Ring]]:  # type: ignore[type-arg]
    """The polygons of a GeoJSON Polygon or MultiPolygon, each as its exterior ring and then its holes."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates") or []
    parts = [coordinates] if kind == "Polygon" else coordinates if kind == "MultiPolygon" else []
    return [[[(float(x), float(y)) for x, y, *_rest in ring] for ring in polygon] for polygon in parts]


def geometry_bbox(geometry: dict) -> tuple[float, float, float, float] | None:  # type: ignore[type-arg]
    """min lon, min lat, max lon, max lat of a GeoJSON (Multi)Polygon; None when it has no rings."""
    points = [point for polygon in _geometry_polygons(geometry) for point in polygon[0]] if geometry else []
    if not points:
        return None
    xs = [x for x, _y in points]
    ys = [y for _x, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def point_in_geometry(geometry: dict, *, lat: float, lon: float) -> bool:  # type: ignore[type-arg]
    """Whether the point lies inside a GeoJSON Polygon or MultiPolygon (the same ray casting as routing)."""
    return any(
        _inside(polygon[0], lon, lat) and not any(_inside(hole, lon, lat) for hole in polygon[1:])
        for polygon in _geometry_polygons(geometry)
    )


def municipalities_geometry(codes: list[str]) -> dict:  # type: ignore[type-arg]
    """One GeoJSON MultiPolygon made of the boundaries of the given municipalities (CBS codes).

    The polygons are put side by side, not dissolved: the shared borders stay, which changes nothing for
    point-in-area and shows on a map which municipalities make up the area.
    """
    wanted = set(codes)
    polygons = [
        [[[round(x, 5), round(y, 5)] for x, y in ring] for ring in polygon]
        for area in municipality_areas()
        if area.code in wanted
        for polygon in area.polygons
    ]
    return {"type": "MultiPolygon", "coordinates": polygons}
