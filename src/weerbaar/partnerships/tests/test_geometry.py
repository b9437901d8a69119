# SPDX-License-Identifier: EUPL-1.2
"""The prepared area answers point-in-area exactly as ``geo.spatial.point_in_geometry`` does: on random
drawn areas (several polygons, holes, overlapping parts) and on the CBS boundaries the project ships."""

import math
import random
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from weerbaar.geo.spatial import municipalities_geometry, point_in_geometry
from weerbaar.partnerships.geometry import PreparedArea


def _ring(centre: tuple[float, float], radius: float, wobble: list[float]) -> list[list[float]]:
    count = len(wobble)
    points = [
        [
            round(centre[0] + radius * (1 + w) * math.cos(2 * math.pi * n / count), 5),
            round(centre[1] + radius * (1 + w) * math.sin(2 * math.pi * n / count), 5),
        ]
        for n, w in enumerate(wobble)
    ]
    return [*points, points[0]]


polygon = st.builds(
    lambda lon, lat, radius, wobble, hole: (
        [_ring((lon, lat), radius, wobble)] + ([_ring((lon, lat), radius * 0.3, [0.0] * 6)] if hole else [])
    ),
    st.floats(5.0, 5.6),
    st.floats(51.4, 51.8),
    st.floats(0.01, 0.2),
    st.lists(st.floats(-0.6, 0.6), min_size=3, max_size=60),
    st.booleans(),
)


@settings(max_examples=60, deadline=None)
@given(polygons=st.lists(polygon, min_size=1, max_size=4), seed=st.integers(0, 2**32 - 1))
def test_the_prepared_area_agrees_with_point_in_geometry_on_drawn_areas(
    polygons: list[list[list[list[float]]]], seed: int
) -> None:
    geometry = {"type": "MultiPolygon", "coordinates": polygons}
    prepared = PreparedArea(geometry)
    rng = random.Random(seed)  # noqa: S311 - test points, not secrets
    points = [(rng.uniform(51.1, 52.1), rng.uniform(4.7, 5.9)) for _n in range(300)]
    # Points on vertices and on the middle of edges too: where rounding would show first.
    points += [(y, x) for poly in polygons for ring in poly for x, y in ring[:10]]
    points += [((a[1] + b[1]) / 2, (a[0] + b[0]) / 2) for poly in polygons for ring in poly for a, b in pairwise(ring)]
    for lat, lon in points:
        assert prepared.contains(lat=lat, lon=lon) == point_in_geometry(geometry, lat=lat, lon=lon), (lat, lon)


def test_the_prepared_area_agrees_on_real_municipal_boundaries() -> None:
    geometry = municipalities_geometry(["GM0757", "GM0845", "GM1948", "GM0824"])
    prepared = PreparedArea(geometry)
    rng = random.Random(7)  # noqa: S311 - test points, not secrets
    inside = 0
    for _n in range(5000):
        lat, lon = rng.uniform(51.45, 51.75), rng.uniform(5.05, 5.75)
        expected = point_in_geometry(geometry, lat=lat, lon=lon)
        inside += expected
        assert prepared.contains(lat=lat, lon=lon) == expected, (lat, lon)
    assert 500 < inside < 4500  # the sample has points on both sides of the boundary


def test_an_empty_area_contains_nothing() -> None:
    assert not PreparedArea({}).contains(lat=51.6, lon=5.3)
    assert not PreparedArea({"type": "MultiPolygon", "coordinates": []}).contains(lat=51.6, lon=5.3)
