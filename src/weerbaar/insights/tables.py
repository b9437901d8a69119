# SPDX-License-Identifier: EUPL-1.2
"""From base cells to a shown table: pure functions, no database.

**The base cell** is the finest unit any figure is made of: one organisation by one region by one month by one
category. A base cell of 1 to 4 (below the threshold) is *left out* of every figure — not shown as "< 5"
inside a sum, but not added at all — and every shown number is a sum of whole base cells of 0 or at least
the threshold. Filters (period in whole months, a region, a phenomenon) select whole base cells only, and
the viewer's scope selects whole organisations. So two overlapping queries — with and without one
municipality, one month more or less — differ by a sum of shown base cells: a left-out cell never enters
any total, and no difference of totals can reveal it. The number of left-out cells is stated with each
table. The audience's rounding and minimum denominator are applied on top (``weerbaar.core.disclosure``).
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from weerbaar.core import disclosure
from weerbaar.core.figures import ChartKind, Columns, Figure, Measure, Rows


@dataclass(frozen=True)
class BaseCell:
    organisation_id: int
    region: str
    month: str  # "YYYY-MM"
    category: str
    count: int
    #: The sum of the counted objects' amounts (a series with amounts); 0 otherwise.
    amount: int = 0
    #: The largest single amount among them (the dominance rule).
    amount_max: int = 0


@dataclass(frozen=True)
class Table:
    figure: Figure
    #: (key, label) of each row and column; the columns include the row total when ``totals`` is set.
    rows: list[tuple[str, str]]
    columns: list[tuple[str, str]]
    #: The text of every cell (rows by columns), the row totals in the last column when ``totals``.
    cells: list[list[str]]
    #: The footer: the column totals (and grand total), or [] for overlapping categories.
    totals: list[str]
    #: Per row, the share of the figure's share category, or [] when it has none.
    shares: list[str]
    #: How many base cells were left out: of 1 to 4 (below ``threshold``), or dominated by one amount.
    left_out: int
    #: The numbers behind the shown cells (rounded as shown), for the chart; None where nothing is shown.
    values: list[list[int | None]] = field(default_factory=list)
    #: The smallest base cell shown (the audience's, or the series' higher floor).
    threshold: int = disclosure.THRESHOLD
    #: Of ``left_out``, how many because one amount made up more than the audience's share of the sum.
    dominated: int = 0
    #: That share as a percentage, where the rule applies (a figure of amounts, an audience outside the staff).
    dominance_percent: int | None = None

    @property
    def has_totals(self) -> bool:
        return bool(self.totals)


def is_left_out(cell: BaseCell, figure: Figure, rules: disclosure.Rules) -> bool:
    """Whether the base cell enters no figure under ``rules``: a count below the threshold, or (a figure of
    amounts) a sum mostly made of one amount."""
    if disclosure.is_suppressed(cell.count, rules.threshold):
        return True
    return figure.measure == Measure.AMOUNT and disclosure.is_dominated(cell.amount, cell.amount_max, rules)


def aggregate(
    figure: Figure,
    cells: Iterable[BaseCell],
    *,
    row_keys: Sequence[str],
    column_keys: Sequence[str],
    rules: disclosure.Rules,
) -> tuple[list[list[int]], int, int]:
    """The interior (rows by columns) summed over the shown base cells, how many were left out, and how many of
    those for dominance.

    Only base cells whose keys are in ``row_keys`` and ``column_keys`` count; the caller's filters have
    already selected whole base cells. A figure of amounts sums the cells' amounts, and leaves a cell out by
    its count of objects exactly as a count figure does: a sum over fewer objects than the threshold is
    never added. For an audience with a dominance rule it also leaves out a cell whose largest amount is more
    than the rule's share of the cell's sum: every shown sum, and every difference of two shown sums, is then
    a sum of whole cells in each of which no single amount is more than that share, so no sum is mostly one
    amount either.
    """
    amounts = figure.measure == Measure.AMOUNT
    sums: dict[tuple[str, str], int] = defaultdict(int)
    left_out = dominated = 0
    for cell in cells:
        if cell.count == 0:
            continue
        if is_left_out(cell, figure, rules):
            left_out += 1
            dominated += not disclosure.is_suppressed(cell.count, rules.threshold)
            continue
        row = {Rows.MONTH: cell.month, Rows.REGION: cell.region, Rows.CATEGORY: cell.category}[figure.rows]
        column = cell.category if figure.columns == Columns.CATEGORY else "total"
        sums[(row, column)] += cell.amount if amounts else cell.count
    return [[sums.get((r, c), 0) for c in column_keys] for r in row_keys], left_out, dominated


def build(
    figure: Figure,
    cells: Iterable[BaseCell],
    *,
    rows: Sequence[tuple[str, str]],
    columns: Sequence[tuple[str, str]],
    exclusive: bool,
    rules: disclosure.Rules,
    total_label: str,
) -> Table:
    """The table as ``rules`` show it. ``rows`` and ``columns`` are (key, label) in their order."""
    interior, left_out, dominated = aggregate(
        figure, cells, row_keys=[k for k, _ in rows], column_keys=[k for k, _ in columns], rules=rules
    )
    column_list = list(columns)
    totals: list[str] = []
    with_totals = exclusive and len(columns) > 1 and bool(rows)
    if figure.measure == Measure.AMOUNT:
        # Every sum is of base cells of at least the threshold of objects, whatever its size in euros or
        # months: shown as a whole number (rounded for publication), never as "< 5" (which is about a count).
        unit = figure.unit or disclosure.Unit.EUROS
        texts = [[disclosure.show_amount(v, unit, rules) for v in row] for row in interior]
    elif with_totals:
        protected = disclosure.protect_table_for(interior, rules)
        if protected is None:  # cannot happen with sums of shown base cells; withhold rather than risk it
            protected = [[disclosure.NOT_SHOWN] * (len(columns) + 1) for _ in range(len(rows) + 1)]
        texts, totals = protected[:-1], protected[-1]
        column_list.append(("total", total_label))
    else:
        texts = [[disclosure.show(v, rules) for v in row] for row in interior]
        if exclusive and rows:
            column_total = [sum(row[c] for row in interior) for c in range(len(columns))]
            totals = [disclosure.show(t, rules) for t in column_total]
    shares: list[str] = []
    if figure.share is not None:
        position = [k for k, _ in columns].index(figure.share)
        shares = [disclosure.audience_share(row[position], sum(row), rules) for row in interior]
    values: list[list[int | None]] = [[_number(text) for text in row[: len(columns)]] for row in texts]
    percent = rules.dominance_percent if figure.measure == Measure.AMOUNT else None
    return Table(
        figure, list(rows), column_list, texts, totals, shares, left_out, values, rules.threshold, dominated, percent
    )


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def chart_spec(table: Table, title: str) -> dict[str, Any]:
    """The chart as data (kind, labels, series), for the SVG here and a later printed report alike."""
    figure = table.figure
    width = len(table.values[0]) if table.values else 0
    series_columns = [label for _key, label in table.columns[:width]]
    return {
        "kind": str(figure.chart if figure.rows == Rows.MONTH else ChartKind.BAR),
        "title": title,
        "labels": [label for _key, label in table.rows],
        "series": [{"name": name, "values": [row[i] for row in table.values]} for i, name in enumerate(series_columns)],
    }
