# SPDX-License-Identifier: EUPL-1.2
"""The dominance rule for sums, without a database: built from the single amounts of each base cell (one
intervention's euros levied), no shown sum and no difference of two nested queries' sums is mostly one amount
for an audience outside the organisation's staff; what a dominated cell holds changes nothing any query
shows; published sums are rounded; the staff read every sum of enough interventions."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from weerbaar.core import disclosure
from weerbaar.core.disclosure import Audience, Unit, rules_for
from weerbaar.core.figures import Figure, Measure, Rows
from weerbaar.insights.tables import BaseCell, Table, build

ORGS, REGIONS, MONTHS, CATEGORIES = (1, 2), ("GM0855", "GM0363", ""), ("2026-01", "2026-02", "2026-03"), ("a", "b")
Key = tuple[int, str, str, str]
Query = tuple[set[int], set[str], set[str], set[str]]


def _figure(rows: Rows) -> Figure:
    return Figure(
        "bedragen", "test.amounts", "Amounts", "A test figure.", rows, measure=Measure.AMOUNT, unit=Unit.EUROS
    )


FIGURES = [_figure(Rows.MONTH), _figure(Rows.REGION), _figure(Rows.CATEGORY)]
RULED = [Audience.PARTNERS, Audience.COUNCIL, Audience.PUBLIC]

#: Single amounts: mostly modest, now and then one large seizure that can dominate a cell.
amounts = st.one_of(st.integers(1, 5_000), st.integers(1, 5_000), st.integers(50_000, 2_000_000))
#: The single amounts of each base cell (organisation, region, month, category), 1 to 12 of them.
worlds = st.dictionaries(
    st.tuples(st.sampled_from(ORGS), st.sampled_from(REGIONS), st.sampled_from(MONTHS), st.sampled_from(CATEGORIES)),
    st.lists(amounts, min_size=1, max_size=12),
    max_size=24,
)
queries = st.tuples(
    st.sets(st.sampled_from(ORGS), min_size=1),
    st.sets(st.sampled_from(MONTHS), min_size=1),
    st.sets(st.sampled_from(REGIONS), min_size=1),
    st.sets(st.sampled_from(CATEGORIES), min_size=1),
)


def _cells(world: dict[Key, list[int]]) -> list[BaseCell]:
    return [BaseCell(o, r, m, c, len(xs), sum(xs), max(xs)) for (o, r, m, c), xs in world.items()]


def _selects(query: Query, key: Key) -> bool:
    orgs, months, regions, categories = query
    o, r, m, c = key
    return o in orgs and m in months and r in regions and c in categories


def _axes(figure: Figure) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    rows = {
        Rows.MONTH: [(m, m) for m in MONTHS],
        Rows.REGION: [(r, r) for r in REGIONS],
        Rows.CATEGORY: [(k, k) for k in CATEGORIES],
    }[figure.rows]
    return rows, [(k, k) for k in CATEGORIES]


def _table(figure: Figure, world: dict[Key, list[int]], query: Query, audience: Audience) -> Table:
    rows, columns = _axes(figure)
    selected = {key: xs for key, xs in world.items() if _selects(query, key)}
    return build(
        figure, _cells(selected), rows=rows, columns=columns, exclusive=False, rules=rules_for(audience), total_label=""
    )


def _place(figure: Figure, key: Key) -> tuple[str, str]:
    _o, r, m, c = key
    return {Rows.MONTH: m, Rows.REGION: r, Rows.CATEGORY: c}[figure.rows], c


def _contributions(figure: Figure, world: dict[Key, list[int]], query: Query, place: tuple[str, str]) -> list[int]:
    """The single amounts that a shown sum at ``place`` may hold: those of the selected base cells at that place
    with enough interventions. (Which of them the rule lets in is what the test checks, not assumes.)"""
    return [
        x
        for key, xs in world.items()
        if _selects(query, key) and _place(figure, key) == place and len(xs) >= disclosure.THRESHOLD
        for x in xs
    ]


def _extend(query: Query, more: Query) -> Query:
    return (query[0] | more[0], query[1] | more[1], query[2] | more[2], query[3] | more[3])


@settings(max_examples=300, deadline=None)
@given(worlds, queries, queries, st.sampled_from(FIGURES))
def test_no_shown_sum_or_difference_of_two_is_mostly_one_amount(
    world: dict[Key, list[int]], query: Query, more: Query, figure: Figure
) -> None:
    """For the partners (exact sums under the rule): every shown sum, and the difference of the sums of a query
    and a wider one (one month, municipality, organisation or category more), is a sum of whole cells of at least
    5 amounts whose largest amount is at most half of it."""
    share = rules_for(Audience.PARTNERS).dominance
    assert share == Fraction(1, 2)
    wider = _extend(query, more)
    narrow_table = _table(figure, world, query, Audience.PARTNERS)
    wide_table = _table(figure, world, wider, Audience.PARTNERS)
    rows, columns = _axes(figure)
    for i, (row, _label) in enumerate(rows):
        for j, (column, _label2) in enumerate(columns):
            narrow, wide = int(narrow_table.cells[i][j]), int(wide_table.cells[i][j])
            assert 0 <= narrow <= wide
            # Whatever entered a shown sum came from the cells the query selects (of enough amounts) ...
            candidates = _contributions(figure, world, wider, (row, column))
            assert wide <= sum(candidates)
            # ... and of each cell either all amounts entered or none: the sum is one of the sums of whole cells.
            cell_sums = [
                sum(xs)
                for key, xs in world.items()
                if _selects(wider, key)
                and _place(figure, key) == (row, column)
                and len(xs) >= disclosure.THRESHOLD
                and max(xs) <= share * sum(xs)
            ]
            assert wide == sum(cell_sums)
            # No single amount of a shown cell is more than half of the sum or of the difference.
            entered_wide = [
                xs
                for key, xs in world.items()
                if _selects(wider, key)
                and _place(figure, key) == (row, column)
                and len(xs) >= disclosure.THRESHOLD
                and max(xs) <= share * sum(xs)
            ]
            entered_difference = [
                xs
                for key, xs in world.items()
                if _selects(wider, key)
                and not _selects(query, key)
                and _place(figure, key) == (row, column)
                and len(xs) >= disclosure.THRESHOLD
                and max(xs) <= share * sum(xs)
            ]
            assert all(max(xs) <= share * wide for xs in entered_wide)
            assert sum(map(sum, entered_difference)) == wide - narrow
            assert all(max(xs) <= share * (wide - narrow) for xs in entered_difference)


@settings(max_examples=200, deadline=None)
@given(worlds, st.lists(queries, min_size=1, max_size=3), st.sampled_from(FIGURES), st.sampled_from(RULED), st.data())
def test_what_a_dominated_cell_holds_changes_nothing_any_query_shows(
    world: dict[Key, list[int]], qs: list[Query], figure: Figure, audience: Audience, data: st.DataObject
) -> None:
    """Every dominated cell replaced by any other dominated cell (another large amount, other small ones): every
    query shows exactly the same, caption included. So no reader can tell its amounts, alone or by differencing."""
    share = rules_for(audience).dominance
    assert share is not None
    dominated = [key for key, xs in world.items() if len(xs) >= disclosure.THRESHOLD and max(xs) > share * sum(xs)]
    other = dict(world)
    for key in dominated:
        n = len(world[key])
        small = data.draw(st.lists(st.integers(0, 1_000), min_size=n - 1, max_size=n - 1))
        large = data.draw(st.integers(sum(small) + 1, 10_000_000))
        other[key] = [large, *small]
    for query in qs:
        before, after = _table(figure, world, query, audience), _table(figure, other, query, audience)
        assert (before.cells, before.left_out, before.dominated) == (after.cells, after.left_out, after.dominated)


@settings(max_examples=200, deadline=None)
@given(worlds, queries, st.sampled_from(FIGURES), st.sampled_from([Audience.COUNCIL, Audience.PUBLIC]))
def test_published_sums_are_the_partners_sums_rounded_to_a_thousand_euros(
    world: dict[Key, list[int]], query: Query, figure: Figure, audience: Audience
) -> None:
    exact, published = _table(figure, world, query, Audience.PARTNERS), _table(figure, world, query, audience)
    for exact_row, published_row in zip(exact.cells, published.cells, strict=True):
        for text, shown in zip(exact_row, published_row, strict=True):
            value, rounded = int(text), int(shown)
            assert rounded % 1000 == 0
            assert rounded == 0 if value == 0 else (rounded >= 1000 and abs(rounded - value) <= max(500, 1000 - value))
    assert published.left_out == exact.left_out and published.dominance_percent == 50


def test_the_staff_read_a_dominated_sum_and_small_cells_stay_out_for_everyone() -> None:
    figure = _figure(Rows.MONTH)
    world: dict[Key, list[int]] = {
        (1, "GM0855", "2026-01", "a"): [100_000, 10, 10, 10, 10],  # dominated
        (1, "GM0855", "2026-02", "a"): [300, 300, 300, 300, 300],  # shown
        (1, "GM0363", "2026-02", "a"): [900_000, 1, 1, 1],  # too few, for everyone
    }
    everything: Query = (set(ORGS), set(MONTHS), set(REGIONS), set(CATEGORIES))
    internal = _table(figure, world, everything, Audience.INTERNAL)
    assert [row[0] for row in internal.cells] == ["100040", "1500", "0"]
    assert (internal.left_out, internal.dominated, internal.dominance_percent) == (1, 0, None)
    partners = _table(figure, world, everything, Audience.PARTNERS)
    assert [row[0] for row in partners.cells] == ["0", "1500", "0"]
    assert (partners.left_out, partners.dominated, partners.dominance_percent) == (2, 1, 50)
    council = _table(figure, world, everything, Audience.COUNCIL)
    assert [row[0] for row in council.cells] == ["0", "2000", "0"]


def test_months_of_closure_are_rounded_to_five_for_publication() -> None:
    rules = rules_for(Audience.COUNCIL)
    assert [disclosure.show_amount(v, Unit.MONTHS, rules) for v in (0, 1, 12, 13)] == ["0", "5", "10", "15"]
    assert disclosure.show_amount(1499, Unit.EUROS, rules) == "1000"
    assert disclosure.show_amount(1499, Unit.EUROS, rules_for(Audience.INTERNAL)) == "1499"
    assert not disclosure.is_dominated(100, 50, rules) and disclosure.is_dominated(100, 51, rules)
    assert not disclosure.is_dominated(100, 100, rules_for(Audience.INTERNAL))
