# SPDX-License-Identifier: EUPL-1.2
"""Server-rendered SVG from a chart specification (``tables.chart_spec``): bars or lines, one colour per
series, a legend, no script. The chart is an image with a text alternative; the data table beside it is the
accessible form of the same numbers."""

from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

#: Distinguishable colours (also for the common colour vision deficiencies), each with 3:1 contrast on white.
PALETTE = ("#1f5fa8", "#c05a00", "#2e7d32", "#7b3fa0", "#b0003a", "#00707a", "#6d5d00", "#4a4a4a")
WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 64


def _nice_max(value: int) -> int:
    for step in (5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000):
        if value <= step * 4:
            return max(step * 4, step)
    return value


def svg(spec: dict[str, Any], chart_id: str) -> SafeString:
    labels: list[str] = [str(label) for label in spec["labels"]]
    series: list[dict[str, Any]] = spec["series"]
    values = [v for s in series for v in s["values"] if v is not None]
    top = _nice_max(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    n = max(len(labels), 1)
    slot = plot_w / n
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="weerbaar-chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
            f'role="img" aria-labelledby="{title_id} {desc_id}">'
        ),
        f'<title id="{title_id}">{escape(spec["title"])}</title>',
        f'<desc id="{desc_id}">{escape(_describe(spec))}</desc>',
    ]

    def y(value: float) -> float:
        return TOP + plot_h - (value / top) * plot_h if top else TOP + plot_h

    for i in range(5):
        tick = top * i // 4
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#d0d0d0"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" font-size="11" fill="#333">{tick}</text>'
        )
    if spec["kind"] == "line":
        for index, s in enumerate(series):
            colour = PALETTE[index % len(PALETTE)]
            points = [f"{LEFT + slot * (i + 0.5):.1f},{y(v):.1f}" for i, v in enumerate(s["values"]) if v is not None]
            if points:
                parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(points)}"/>')
                parts.extend(
                    f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="3" fill="{colour}"/>' for p in points
                )
    else:
        width = slot * 0.8 / max(len(series), 1)
        for index, s in enumerate(series):
            colour = PALETTE[index % len(PALETTE)]
            for i, v in enumerate(s["values"]):
                if v:
                    x = LEFT + slot * i + slot * 0.1 + width * index
                    parts.append(
                        f'<rect x="{x:.1f}" y="{y(v):.1f}" width="{width:.1f}" height="{y(0) - y(v):.1f}" '
                        f'fill="{colour}"/>'
                    )
    every = max(1, n // 12)
    for i, label in enumerate(labels):
        if i % every == 0:
            x = LEFT + slot * (i + 0.5)
            parts.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 14}" text-anchor="middle" font-size="11" fill="#333">'
                f"{escape(label[:14])}</text>"
            )
    # The legend: four names to a line, or two longer ones where up to four series would not fit (a name cut
    # short reads as another name).
    columns = 4 if len(series) > 4 or all(len(str(s["name"])) <= 22 for s in series) else 2
    width_each, length = (WIDTH - LEFT) // columns, 22 if columns == 4 else 48
    for index, s in enumerate(series[:8]):
        colour = PALETTE[index % len(PALETTE)]
        x = LEFT + (index % columns) * width_each
        row_y = HEIGHT - 30 + (index // columns) * 16
        parts.append(
            f'<rect x="{x}" y="{row_y - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{row_y}" font-size="11" fill="#333">{escape(str(s["name"])[:length])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text in it went through escape()


def _describe(spec: dict[str, Any]) -> str:
    names = ", ".join(str(s["name"]) for s in spec["series"])
    return gettext("%(series)s. The numbers are in the table with this chart.") % {"series": names}
