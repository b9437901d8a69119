# SPDX-License-Identifier: EUPL-1.2
"""Shown tables from base cells, without a database: a left-out base cell (1 to 4) changes nothing any query
shows, so no two overlapping queries — with and without one municipality, one month, one phenomenon — can be
differenced into it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from weerbaar.core import disclosure
from weerbaar.core.disclosure import Audience, rules_for
from weerbaar.core.figures import Columns, Figure, Rows
from weerbaar.insights.tables import BaseCell, build, chart_spec

ORGS, REGIONS, MONTHS, CATEGORIES = (1, 2), ("GM0855", "GM0363", ""), ("2026-01", "2026-02", "2026-03"), ("a", "b")


def _figure(rows: Rows, columns: Columns, share: str | None = None) -> Figure:
    return Figure("test", "test.series", "Test", "A test figure.", rows, columns, share=share)


FIGURES = [
    _figure(Rows.MONTH, Columns.CATEGORY, share="a"),
    _figure(Rows.MONTH, Columns.TOTAL),
    _figure(Rows.REGION, Columns.TOTAL),
    _figure(Rows.CATEGORY, Columns.TOTAL),
    _figure(Rows.REGION, Columns.CATEGORY),
]

base_cells = st.lists(
    st.builds(
        BaseCell,
        st.sampled_from(ORGS),
        st.sampled_from(REGIONS),
        st.sampled_from(MONTHS),
        st.sampled_from(CATEGORIES),
        st.integers(min_value=0, max_value=12),
    ),
    max_size=30,
    unique_by=lambda c: (c.organisation_id, c.region, c.month, c.category),
)

#: A query: which organisations (the scope), months, regions and categories it selects — whole base cells.
queries = st.tuples(
    st.sets(st.sampled_from(ORGS), min_size=1),
    st.sets(st.sampled_from(MONTHS), min_size=1),
    st.sets(st.sampled_from(REGIONS), min_size=1),
    st.sets(st.sampled_from(CATEGORIES), min_size=1),
)


def _show(
    figure: Figure, cells: list[BaseCell], query: tuple[set[int], set[str], set[str], set[str]], audience: Audience
) -> tuple[object, ...]:
    orgs, months, regions, categories = query
    selected = [
        c
        for c in cells
        if c.organisation_id in orgs and c.month in months and c.region in regions and c.category in categories
    ]
    rows = {
        Rows.MONTH: [(m, m) for m in sorted(months)],
        Rows.REGION: [(r, r) for r in sorted(regions)],
        Rows.CATEGORY: [(k, k) for k in sorted(categories)],
    }[figure.rows]
    columns = [(k, k) for k in sorted(categories)] if figure.columns == Columns.CATEGORY else [("total", "Total")]
    if figure.share is not None and figure.share not in categories:
        figure = _figure(figure.rows, figure.columns)
    table = build(
        figure, selected, rows=rows, columns=columns, exclusive=True, rules=rules_for(audience), total_label="Total"
    )
    return table.cells, table.totals, table.shares


@settings(max_examples=200, deadline=None)
@given(
    base_cells,
    st.lists(queries, min_size=1, max_size=3),
    st.sampled_from(FIGURES),
    st.sampled_from(list(Audience)),
    st.data(),
)
def test_a_left_out_cell_changes_nothing_any_query_shows(
    cells: list[BaseCell],
    qs: list[tuple[set[int], set[str], set[str], set[str]]],
    figure: Figure,
    audience: Audience,
    data: st.DataObject,
) -> None:
    """Every small base cell replaced by any other small value: every query shows exactly the same. So no
    difference of two queries (overlapping, nested, one municipality or month apart) says anything about it."""
    small = [i for i, c in enumerate(cells) if disclosure.is_suppressed(c.count)]
    other = list(cells)
    for i in small:
        c = cells[i]
        other[i] = BaseCell(c.organisation_id, c.region, c.month, c.category, data.draw(st.integers(1, 4)))
    for query in qs:
        assert _show(figure, cells, query, audience) == _show(figure, other, query, audience)


@settings(max_examples=100, deadline=None)
@given(base_cells, st.sampled_from(FIGURES))
def test_shown_numbers_are_sums_of_shown_base_cells(cells: list[BaseCell], figure: Figure) -> None:
    query = (set(ORGS), set(MONTHS), set(REGIONS), set(CATEGORIES))
    cell_texts, totals, _shares = _show(figure, cells, query, Audience.INTERNAL)
    shown_sum = sum(c.count for c in cells if not disclosure.is_suppressed(c.count))
    assert all(text != disclosure.SUPPRESSED for row in cell_texts for text in row)  # type: ignore[attr-defined]
    assert totals[-1] == str(shown_sum)  # type: ignore[index]


def test_a_table_and_its_chart() -> None:
    figure = _figure(Rows.MONTH, Columns.CATEGORY, share="a")
    cells = [
        BaseCell(1, "GM0855", "2026-01", "a", 7),
        BaseCell(1, "GM0855", "2026-01", "b", 3),  # left out
        BaseCell(2, "GM0363", "2026-01", "b", 5),
        BaseCell(1, "", "2026-02", "a", 12),
    ]
    rows = [("2026-01", "jan"), ("2026-02", "feb")]
    columns = [("a", "A"), ("b", "B")]
    internal = build(
        figure, cells, rows=rows, columns=columns, exclusive=True, rules=rules_for(Audience.INTERNAL), total_label="T"
    )
    assert internal.cells == [["7", "5", "12"], ["12", "0", "12"]]
    assert internal.totals == ["19", "5", "24"]
    assert internal.left_out == 1
    assert internal.shares == ["58 %", "100 %"]
    council = build(
        figure, cells, rows=rows, columns=columns, exclusive=True, rules=rules_for(Audience.COUNCIL), total_label="T"
    )
    assert council.cells == [["5", "5", "10"], ["10", "0", "10"]]
    assert council.shares == ["—", "—"]  # denominators under 100
    spec = chart_spec(internal, "Test")
    assert spec["labels"] == ["jan", "feb"]
    assert spec["series"] == [{"name": "A", "values": [7, 12]}, {"name": "B", "values": [5, 0]}]


def test_an_empty_table_has_no_rows_and_an_empty_chart() -> None:
    figure = _figure(Rows.REGION, Columns.CATEGORY)
    table = build(
        figure,
        [],
        rows=[],
        columns=[("a", "A"), ("b", "B")],
        exclusive=True,
        rules=rules_for(Audience.INTERNAL),
        total_label="T",
    )
    assert (table.cells, table.totals, table.left_out) == ([], [], 0)
    assert chart_spec(table, "Leeg") == {"kind": "bar", "title": "Leeg", "labels": [], "series": []}


def test_a_chart_legend_gives_long_names_whole_two_to_a_line() -> None:
    from weerbaar.insights.charts import svg

    names = ["Nog niet gehaald, nog niet verlopen", "Gehaald na de uiterste datum", "Op tijd", "Te laat"]
    spec = {"kind": "bar", "title": "T", "labels": ["2026-01"], "series": [{"name": n, "values": [5]} for n in names]}
    drawn = svg(spec, "chart-test")
    assert all(f">{name}</text>" in drawn for name in names)
    short = svg({**spec, "series": [{"name": "a", "values": [5]}] * 5}, "chart-test")
    assert short.count('y="230"') == 4 and short.count('y="246"') == 1  # five short names: four, then one
