# SPDX-License-Identifier: EUPL-1.2
"""The map of the situational picture: a choropleth by municipality of one count figure, server-rendered
SVG with a legend and the data table beside it (no script).

The numbers are those of the figure's table, from the same base cells (``selectors.figure_base_cells``):
a municipality's value is the sum of its shown base cells under the audience's rules. A municipality whose
cells in scope were all left out (each 1 to 4) is drawn hatched and listed as "< 5": that a cell was small is
what the table's count of left-out cells says anyway, and the value itself is never added anywhere. The
boundaries are the CBS 2025 generalised ones in ``weerbaar.geo``.
"""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from weerbaar.core import disclosure
from weerbaar.core.figures import Figure, Measure, Outline, Rows, series_get
from weerbaar.core.policy import Actor
from weerbaar.geo.spatial import municipality_areas
from weerbaar.insights import selectors
from weerbaar.insights.filters import Filters
from weerbaar.insights.tables import BaseCell, is_left_out

WIDTH = 420
MARGIN = 6
#: The legend's first line below the map; each line of the legend takes 17 units (no blank space below it).
LEGEND_TOP = 12
#: A sequential scale (light to dark blue); the darker classes have 3:1 contrast on white.
BANDS = ("#d6e4f3", "#9fc0e3", "#5b8fc9", "#1f5fa8", "#0b3768")
EMPTY = "#ffffff"
OUTSIDE = "#f2f2f2"
HATCH_ID = "weerbaar-map-hatch"
SUPPRESSED, NONE, OUT_OF_SCOPE = "map-suppressed", "map-none", "map-outside"
#: The outline of an area partnership: dark magenta, dashed, so it reads apart from the blue classes.
OUTLINE = "#9b1b6b"
OUTLINE_CSS = "map-outline"


@dataclass(frozen=True)
class MapRow:
    code: str
    name: str
    text: str  # the value as shown: a (rounded) count or "< 5"
    css: str  # the class: "map-band-<i>", SUPPRESSED


@dataclass(frozen=True)
class Map:
    figure: Figure
    svg: SafeString
    rows: list[MapRow]
    #: (class, label) in the legend's order.
    legend: list[tuple[str, str]]
    left_out: int
    #: The names of the areas outlined on the map (those the viewer may see).
    outlines: list[str] = field(default_factory=list)


def map_figures(*, actor: Actor) -> list[Figure]:
    """The figures the actor may read whose rows are municipalities: the ones a map can show."""
    return [f for f in selectors.figures_readable(actor=actor) if f.rows == Rows.REGION and f.measure == Measure.COUNT]


def _breaks(values: list[int], threshold: int) -> list[int]:
    """Lower bounds of the colour classes: quantiles of the shown values (counts are skewed — a few cities,
    many small municipalities — so equal steps would put nearly every municipality in the first class), the
    first class starting at the threshold, at most as many classes as there are distinct values."""
    ordered = sorted(v for v in values if v >= threshold)
    if not ordered:
        return [threshold]
    count = min(len(BANDS), len(set(ordered)))
    bounds = {threshold} | {ordered[len(ordered) * i // count] for i in range(1, count)}
    return sorted(bounds)


def _band(value: int, bounds: list[int]) -> int:
    band = 0
    for i, low in enumerate(bounds):
        if value >= low:
            band = i
    return band


@cache
def _projection() -> tuple[float, float, float, float, int]:
    """Scale, cos(latitude), west, north and the drawing's height: a plain equirectangular projection
    around the centre of the country, good enough for a small map."""
    areas = municipality_areas()
    west = min(a.bbox[0] for a in areas)
    south = min(a.bbox[1] for a in areas)
    east = max(a.bbox[2] for a in areas)
    north = max(a.bbox[3] for a in areas)
    factor = math.cos(math.radians((north + south) / 2))
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * factor)
    height = math.ceil((north - south) * scale) + 2 * MARGIN
    return scale, factor, west, north, height


@cache
def _paths() -> dict[str, str]:
    """The SVG path of every municipality, projected and rounded to a tenth of a pixel (computed once)."""
    scale, factor, west, north, _height = _projection()
    paths: dict[str, str] = {}
    for area in municipality_areas():
        parts = []
        for polygon in area.polygons:
            for ring in polygon:
                points: list[str] = []
                for lon, lat in ring:
                    point = f"{MARGIN + (lon - west) * factor * scale:.1f},{MARGIN + (north - lat) * scale:.1f}"
                    if not points or points[-1] != point:
                        points.append(point)
                if len(points) > 2:
                    parts.append("M" + "L".join(points) + "Z")
        paths[area.code] = "".join(parts)
    return paths


def _point(lon: float, lat: float) -> str:
    scale, factor, west, north, _height = _projection()
    return f"{MARGIN + (lon - west) * factor * scale:.1f},{MARGIN + (north - lat) * scale:.1f}"


def _outline_path(geometry: dict[str, object]) -> str:
    """The SVG path of a GeoJSON Polygon or MultiPolygon, in the map's projection ("" for anything else)."""
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list):
        return ""
    polygons = coordinates if geometry.get("type") == "MultiPolygon" else [coordinates]
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = [_point(float(lon), float(lat)) for lon, lat, *_rest in ring]
            if len(points) > 2:
                parts.append("M" + "L".join(points) + "Z")
    return "".join(parts)


def _fill(css: str) -> str:
    if css == SUPPRESSED:
        return f"url(#{HATCH_ID})"
    if css == NONE:
        return EMPTY
    if css == OUT_OF_SCOPE:
        return OUTSIDE
    return BANDS[int(css.rsplit("-", 1)[1])]


def map_build(
    *,
    actor: Actor,
    figure: Figure,
    filters: Filters,
    rules: disclosure.Rules,
    cells: list[BaseCell] | None = None,
    outlines: list[Outline] | None = None,
) -> Map:
    """The map of ``figure``; ``cells``: its series' base cells when the caller has read them already;
    ``outlines``: areas drawn over it (the area partnerships the viewer may see)."""
    if cells is None:
        cells = selectors.figure_base_cells(actor=actor, figure=figure, filters=filters)
    rules = disclosure.with_threshold(rules, series_get(figure.series).threshold)
    shown: dict[str, int] = defaultdict(int)
    small: set[str] = set()
    left_out = 0
    for cell in cells:
        if not cell.region or cell.count == 0:
            continue
        if is_left_out(cell, figure, rules):
            small.add(cell.region)
            left_out += 1
        else:
            shown[cell.region] += cell.count
    values = {code: disclosure.rounded(n, rules.rounding) for code, n in shown.items()}
    bounds = _breaks(list(values.values()), rules.threshold)
    names = {area.code: area.name for area in municipality_areas()}
    rows = [MapRow(code, names.get(code, code), str(v), f"map-band-{_band(v, bounds)}") for code, v in values.items()]
    hidden = disclosure.suppressed_text(rules.threshold)
    rows += [MapRow(code, names.get(code, code), hidden, SUPPRESSED) for code in small - set(values)]
    rows.sort(key=lambda row: row.name)
    legend = _legend(bounds, max(values.values(), default=0), rules)
    drawn = [(o.name, path) for o in outlines or [] if (path := _outline_path(o.geometry))]
    if drawn:
        legend.append((OUTLINE_CSS, _("area partnership (outline)")))
    title = _("Map: %(title)s") % {"title": figure.title}
    svg = _svg(figure, rows, legend, title, drawn)
    return Map(figure, svg, rows, legend, left_out, sorted(name for name, _path in drawn))


def _legend(bounds: list[int], top: int, rules: disclosure.Rules) -> list[tuple[str, str]]:
    legend: list[tuple[str, str]] = []
    if top:
        for i, low in enumerate(bounds):
            high = bounds[i + 1] - 1 if i + 1 < len(bounds) else top
            label = str(low) if high <= low else _("%(low)d to %(high)d") % {"low": low, "high": high}
            legend.append((f"map-band-{i}", label))
    legend.append((SUPPRESSED, _("fewer than %(n)d (not shown)") % {"n": rules.threshold}))
    legend.append((NONE, _("none counted, or outside your scope")))
    return legend


def _svg(
    figure: Figure, rows: list[MapRow], legend: list[tuple[str, str]], title: str, outlines: list[tuple[str, str]]
) -> SafeString:
    _scale, _factor, _west, _north, height = _projection()
    total_height = height + LEGEND_TOP + 17 * len(legend)
    by_code = {row.code: row for row in rows}
    chart_id = f"map-{figure.slug}"
    description = _(
        "Municipalities coloured by count; hatched: fewer than 5, not shown. The numbers are in the table "
        "with this map."
    )
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="weerbaar-choropleth" viewBox="0 0 {WIDTH} {total_height}" '
            f'width="{WIDTH}" height="{total_height}" '
            f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" data-testid="map-svg">'
        ),
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        (
            f'<defs><pattern id="{HATCH_ID}" width="6" height="6" patternUnits="userSpaceOnUse" '
            'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
            '<line x1="0" y1="0" x2="0" y2="6" stroke="#555555" stroke-width="2"/></pattern></defs>'
        ),
        '<g stroke="#8a8a8a" stroke-width="0.4" stroke-linejoin="round">',
    ]
    for code, path in _paths().items():
        row = by_code.get(code)
        css = row.css if row else NONE
        parts.append(f'<path class="{css}" data-code="{code}" fill="{_fill(css)}" d="{path}"/>')
    parts.append("</g>")
    if outlines:
        parts.append(f'<g fill="none" stroke="{OUTLINE}" stroke-width="1.6" stroke-dasharray="4 2">')
        for name, path in outlines:
            parts.append(f'<path class="{OUTLINE_CSS}" d="{path}"><title>{escape(name)}</title></path>')
        parts.append("</g>")
    y = height + 16
    for css, label in legend:
        if css == OUTLINE_CSS:
            parts.append(
                f'<line x1="{MARGIN}" y1="{y - 5}" x2="{MARGIN + 16}" y2="{y - 5}" stroke="{OUTLINE}" '
                'stroke-width="1.6" stroke-dasharray="4 2"/>'
            )
        else:
            parts.append(
                f'<rect class="{css}" x="{MARGIN}" y="{y - 11}" width="16" height="12" fill="{_fill(css)}" '
                'stroke="#555555" stroke-width="0.6"/>'
            )
        parts.append(f'<text x="{MARGIN + 22}" y="{y}" font-size="12" fill="#222222">{escape(label)}</text>')
        y += 17
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it went through escape()
