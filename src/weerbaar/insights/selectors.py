# SPDX-License-Identifier: EUPL-1.2
"""Reading the situational picture: the materialised aggregates, within the viewer's scope, as tables under
the viewer's audience rules. Each series' scope (registered by its domain app) selects the aggregate rows;
this module states no visibility rule of its own."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Min, Q
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from weerbaar.core import disclosure
from weerbaar.core.figures import PHENOMENON, Columns, Figure, Rows, all_figures, either, is_nothing, series_get
from weerbaar.core.policy import Actor
from weerbaar.geo.selectors import municipality_list
from weerbaar.insights.filters import Filters
from weerbaar.insights.models import CategoryTotal, MonthlyCount, Refresh
from weerbaar.insights.tables import BaseCell, Table, build, is_left_out


@dataclass(frozen=True)
class Shown:
    table: Table
    #: Whether the phenomenon filter applies to this figure (its categories are phenomena).
    filtered_by_phenomenon: bool


def figure_base_cells(*, actor: Actor, figure: Figure, filters: Filters) -> list[BaseCell]:
    """The base cells (organisation by region by month by category) of the figure's series that the actor may
    read and the filters select — whole cells only."""
    series = series_get(figure.series)
    scope = series.scope(actor)
    rows = MonthlyCount.objects.filter(scope & Q(series=series.key), month__gte=filters.start, month__lte=filters.end)
    if filters.region:
        rows = rows.filter(region=filters.region)
    if filters.phenomenon and series.dimension == PHENOMENON:
        rows = rows.filter(category=filters.phenomenon)
    # One row per base cell (the monthly counts are unique by series, month, organisation, region, category).
    cells = rows.values_list("organisation_id", "region", "month", "category", "count", "amount", "amount_max")
    return [BaseCell(o, r, m.strftime("%Y-%m"), c, n, a, x) for o, r, m, c, n, a, x in cells.order_by()]


def base_cells_by_series(*, actor: Actor, figures: list[Figure], filters: Filters) -> dict[str, list[BaseCell]]:
    """The base cells of the series of all ``figures`` in one query (a dashboard shows many figures): the same
    rows :func:`figure_base_cells` selects per series, each series through its own scope."""
    parts = []
    for key in {figure.series for figure in figures}:
        series = series_get(key)
        part = series.scope(actor) & Q(series=key)
        if filters.phenomenon and series.dimension == PHENOMENON:
            part &= Q(category=filters.phenomenon)
        parts.append(part)
    cells: dict[str, list[BaseCell]] = {}
    scope = either(*parts)
    if is_nothing(scope):
        return cells
    rows = MonthlyCount.objects.filter(scope, month__gte=filters.start, month__lte=filters.end)
    if filters.region:
        rows = rows.filter(region=filters.region)
    for key, o, r, m, c, n, a, x in rows.values_list(
        "series", "organisation_id", "region", "month", "category", "count", "amount", "amount_max"
    ).order_by():
        cells.setdefault(key, []).append(BaseCell(o, r, m.strftime("%Y-%m"), c, n, a, x))
    return cells


def _region_names(codes: set[str]) -> dict[str, str]:
    names = dict(municipality_list().filter(code__in=codes).values_list("code", "name"))
    return {code: names.get(code, code) if code else _("Municipality not known") for code in codes}


def figure_table(
    *, actor: Actor, figure: Figure, filters: Filters, rules: disclosure.Rules, cells: list[BaseCell] | None = None
) -> Shown:
    """The figure as ``rules`` show it; ``cells``: its series' base cells when already read
    (:func:`base_cells_by_series`)."""
    series = series_get(figure.series)
    rules = disclosure.with_threshold(rules, series.threshold)
    if cells is None:
        cells = figure_base_cells(actor=actor, figure=figure, filters=filters)
    categories = [(key, str(label)) for key, label in series.categories]
    phenomenon = filters.phenomenon if series.dimension == PHENOMENON else ""
    if phenomenon:
        categories = [(k, label) for k, label in categories if k == phenomenon]
    if figure.rows == Rows.MONTH:
        rows = [(month, month) for month in filters.months()]
    elif figure.rows == Rows.CATEGORY:
        rows = categories
    else:
        # Only regions with a shown base cell: a row of a region whose cells were all left out is not listed.
        codes = {c.region for c in cells if not is_left_out(c, figure, rules)}
        names = _region_names(codes)
        rows = sorted(((code, names[code]) for code in codes), key=lambda item: (item[0] == "", item[1]))
    columns = categories if figure.columns == Columns.CATEGORY else [("total", pgettext("figure column", "Count"))]
    table = build(
        figure, cells, rows=rows, columns=columns, exclusive=series.exclusive, rules=rules, total_label=_("Total")
    )
    return Shown(table, bool(phenomenon))


def figures_readable(*, actor: Actor) -> list[Figure]:
    """The figures over whose series the actor has any scope at all (an empty scope shows no figure)."""
    return [f for f in all_figures() if not is_nothing(series_get(f.series).scope(actor))]


def figure_get(*, actor: Actor, slug: str) -> Figure | None:
    return next((f for f in figures_readable(actor=actor) if f.slug == slug), None)


def category_totals(key: str) -> dict[str, int] | None:
    """A series' totals per category over everything (no scope: for overviews that count all objects and
    state their own rule), or None when the series was never counted."""
    if not Refresh.objects.filter(series=key).exists():
        return None
    return dict(CategoryTotal.objects.filter(series=key).values_list("category", "count"))


def refreshed_at() -> datetime | None:
    """When the aggregates were last brought up to date (the oldest series' refresh)."""
    value: datetime | None = Refresh.objects.aggregate(at=Min("refreshed_at"))["at"]
    return value


def table_rows(table: Table) -> list[list[str]]:
    """The table as rows of text (header, body, totals), as the CSV file and the API give it."""
    header = ["", *(label for _key, label in table.columns)]
    if table.shares:
        header.append(_("Share"))
    body = [
        [label, *cells, *([table.shares[i]] if table.shares else [])]
        for i, ((_key, label), cells) in enumerate(zip(table.rows, table.cells, strict=True))
    ]
    footer = [[_("Total"), *table.totals]] if table.totals else []
    return [header, *body, *footer]
