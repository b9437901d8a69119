# SPDX-License-Identifier: EUPL-1.2
"""Small-count suppression: the one rule every page, export and API answer with counts uses.

A count of 0 stays 0 (an empty cell reveals nobody); 1 up to the threshold is shown as "< 5"; a share whose
numerator or denominator is a suppressed cell is not shown at all, because a percentage over a small group
points at persons as surely as the count does. Figures for the public and the council come with their own
audiences later; the threshold here is the floor for all of them. An audience that needs a higher floor
(staff figures of the resilient organisation: groups of at least 10) passes ``threshold``; it never lowers it.
"""

from typing import Final

THRESHOLD: Final = 5
SUPPRESSED: Final = "< 5"
NOT_SHOWN: Final = "—"


def _floor(threshold: int) -> int:
    if threshold < THRESHOLD:
        raise ValueError(f"The threshold is at least {THRESHOLD}.")
    return threshold


def is_suppressed(count: int, threshold: int = THRESHOLD) -> bool:
    return 0 < count < _floor(threshold)


def suppressed_label(threshold: int = THRESHOLD) -> str:
    """How a suppressed count reads: "< 5", or "< 10" under a higher threshold."""
    return SUPPRESSED if threshold == THRESHOLD else f"< {_floor(threshold)}"


def suppress(count: int, threshold: int = THRESHOLD) -> str:
    """The count as shown: itself, or "< 5" for 1 to 4."""
    return suppressed_label(threshold) if is_suppressed(count, threshold) else str(count)


def share(numerator: int, denominator: int, threshold: int = THRESHOLD) -> str:
    """A percentage, or "—" when it would rest on a suppressed cell (or on nothing)."""
    if denominator == 0 or is_suppressed(numerator, threshold) or denominator < _floor(threshold):
        return NOT_SHOWN
    return f"{round(100 * numerator / denominator)} %"


# --- Tables with totals: complementary suppression -------------------------------------------------
#
# With totals shown, one hidden cell in a row or column is the total minus the cells shown. So a table
# hides more than its small cells: it hides further cells (secondary suppression) until every hidden cell
# has at least two values that fit every figure shown. The proof for each hidden cell is an *alternative
# table*: the cell and three (or, in a list, one) other hidden cells moved by ±1 so that every shown cell,
# every shown total and every row and column sum stay as they are, and every moved cell stays within what
# a reader knows of it. A reader knows that a cell shown as "< 5" holds 1 to 4 and — knowing this rule —
# that a cell shown as "—" holds at least 5 (0 is always shown as 0, 1 to 4 as "< 5"). Zero cells and the
# column totals are never hidden. A table that cannot be protected that way is not shown at all.

SHOWN: Final = "shown"
PRIMARY: Final = "primary"  # 1 to 4, shown as "< 5"
SECONDARY: Final = "secondary"  # 5 or more, hidden to protect a primary cell, shown as "—"


def _in_domain(value: int, status: str, threshold: int = THRESHOLD) -> bool:
    if status == PRIMARY:
        return 0 < value < threshold
    return value >= threshold


def cell_display(count: int, status: str, threshold: int = THRESHOLD) -> str:
    """What a cell shows: the count, "< 5" or "—"."""
    if status == PRIMARY:
        return suppressed_label(threshold)
    if status == SECONDARY:
        return NOT_SHOWN
    return str(count)


def _moves(
    cells: list[tuple[int, int, int]], values: list[list[int]], status: list[list[str]], threshold: int = THRESHOLD
) -> bool:
    """Whether moving ``cells`` (row, column, sign) by +1 or by -1 keeps each within its known range."""
    return any(
        all(_in_domain(values[r][c] + step * sign, status[r][c], threshold) for r, c, sign in cells) for step in (1, -1)
    )


def _rectangle(a: int, b: int, a2: int, b2: int, total: int) -> list[tuple[int, int, int]]:
    """The four cells of a move through (a, b): the row equation counts the total column negatively."""
    coef_b = -1 if b == total else 1
    coef_b2 = -1 if b2 == total else 1
    sign = -coef_b * coef_b2
    return [(a, b, 1), (a2, b, -1), (a, b2, sign), (a2, b2, -sign)]


def protect_table(interior: list[list[int]], threshold: int = THRESHOLD) -> list[list[str]] | None:
    """The status of every cell of ``interior`` (rows by columns) and of its row totals (an extra last column).

    The column totals and the grand total are shown; each column total must be 0 or at least the threshold
    (fold small columns first). Returns None when the table cannot be protected: show none of it.
    """
    if not interior:
        return []
    width = len(interior[0])
    for column in range(width):
        if is_suppressed(sum(row[column] for row in interior), threshold):
            raise ValueError("A column total below the threshold cannot be shown; fold the column first.")
    values = [[*row, sum(row)] for row in interior]
    total = width  # the index of the row-total column
    status = [[PRIMARY if is_suppressed(v, threshold) else SHOWN for v in row] for row in values]
    hidden = {SECONDARY, PRIMARY}

    def protected(a: int, b: int) -> bool:
        for a2 in range(len(values)):
            for b2 in range(width + 1):
                if a2 == a or b2 == b:
                    continue
                cells = _rectangle(a, b, a2, b2, total)
                if all(status[r][c] in hidden for r, c, _s in cells) and _moves(cells, values, status, threshold):
                    return True
        return False

    while True:
        open_cells = [
            (r, c) for r, row in enumerate(status) for c, s in enumerate(row) if s in hidden and not protected(r, c)
        ]
        if not open_cells:
            return status
        a, b = open_cells[0]
        best: tuple[int, int, list[tuple[int, int]]] | None = None
        for a2 in range(len(values)):
            for b2 in range(width + 1):
                if a2 == a or b2 == b:
                    continue
                cells = _rectangle(a, b, a2, b2, total)
                new = [(r, c) for r, c, _s in cells if status[r][c] == SHOWN]
                if any(values[r][c] == 0 for r, c in new):
                    continue
                trial = [[SECONDARY if (r, c) in new else s for c, s in enumerate(row)] for r, row in enumerate(status)]
                if not _moves(cells, values, trial, threshold):
                    continue
                cost = (len(new), sum(values[r][c] for r, c in new))
                if best is None or cost < best[:2]:
                    best = (cost[0], cost[1], new)
        if best is None:
            return None
        for r, c in best[2]:
            status[r][c] = SECONDARY


def protect_counts(counts: list[int], threshold: int = THRESHOLD) -> list[str] | None:
    """The status of each count of a list whose total is shown (a list with one total, no breakdown).

    The same rule as :func:`protect_table` with pairs instead of rectangles: one hidden count goes up by one
    and another down by one. None: the list cannot be protected.
    """
    status = [PRIMARY if is_suppressed(v, threshold) else SHOWN for v in counts]

    def fits(i: int, j: int, trial: list[str]) -> bool:
        return any(
            _in_domain(counts[i] + step, trial[i], threshold) and _in_domain(counts[j] - step, trial[j], threshold)
            for step in (1, -1)
        )

    def protected(i: int) -> bool:
        return any(j != i and status[j] != SHOWN and fits(i, j, status) for j in range(len(counts)))

    while True:
        open_cells = [i for i, s in enumerate(status) if s != SHOWN and not protected(i)]
        if not open_cells:
            return status
        i = open_cells[0]
        candidates = []
        for j, s in enumerate(status):
            if j == i or s != SHOWN or counts[j] == 0:
                continue
            trial = [SECONDARY if k == j else t for k, t in enumerate(status)]
            if fits(i, j, trial):
                candidates.append((counts[j], j))
        if not candidates:
            return None
        status[min(candidates)[1]] = SECONDARY
