# SPDX-License-Identifier: EUPL-1.2
"""Small-count suppression: the one rule every page, export and API answer with counts uses.

A count of 0 stays 0 (an empty cell reveals nobody); 1 up to the threshold is shown as "< 5"; a share whose
numerator or denominator is a suppressed cell is not shown at all, because a percentage over a small group
points at persons as surely as the count does. Each audience has its own rules on top (:class:`Audience`,
:func:`rules_for`): published figures (the council, the public) are rounded to 5 and show percentages only
over 100 or more; the threshold here is the floor for all of them. A caller with a higher floor (an
organisation's staff figures: 10) passes ``threshold=``; every function takes it, and "< 5" becomes "< 10".
"""

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Final

THRESHOLD: Final = 5
SUPPRESSED: Final = "< 5"
NOT_SHOWN: Final = "—"


def suppressed_text(threshold: int = THRESHOLD) -> str:
    """How a suppressed count reads: "< 5" (or "< 10" for a threshold of 10)."""
    return SUPPRESSED if threshold == THRESHOLD else f"< {threshold}"


def is_suppressed(count: int, threshold: int = THRESHOLD) -> bool:
    if threshold < THRESHOLD:
        raise ValueError("The threshold is never below the platform's floor.")
    return 0 < count < threshold


def suppress(count: int, threshold: int = THRESHOLD) -> str:
    """The count as shown: itself, or "< 5" for 1 to 4."""
    return suppressed_text(threshold) if is_suppressed(count, threshold) else str(count)


def share(numerator: int, denominator: int, threshold: int = THRESHOLD) -> str:
    """A percentage, or "—" when it would rest on a suppressed cell (or on nothing)."""
    if denominator == 0 or is_suppressed(numerator, threshold) or denominator < threshold:
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
        return suppressed_text(threshold)
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


# --- Audiences ---------------------------------------------------------------------------------------
#
# Who reads a figure decides how coarse it is. Internal staff and partners read exact counts above the
# threshold; what is published (to the council, whose documents may become public, and to the public) is
# rounded to a multiple of 5 and shows a percentage only over a denominator of 100 or more. Rounding is
# applied after suppression and only to shown cells, so it only ever widens what a reader can infer.


class Audience(StrEnum):
    INTERNAL = "internal"
    PARTNERS = "partners"
    COUNCIL = "council"
    PUBLIC = "public"


@dataclass(frozen=True)
class Rules:
    threshold: int
    #: Shown counts are rounded to a multiple of this (1: not rounded).
    rounding: int
    #: A percentage needs a denominator of at least this.
    min_denominator: int
    #: The dominance rule for sums (euros, months): a base cell whose largest single contribution is more
    #: than this share of its sum is left out like a small cell. None: no such rule (the organisation's own
    #: staff, who know the amounts anyway).
    dominance: Fraction | None = None

    @property
    def published(self) -> bool:
        return self.rounding > 1

    @property
    def dominance_percent(self) -> int | None:
        """The dominance share as a whole percentage, for a caption."""
        return None if self.dominance is None else round(100 * self.dominance)


class Unit(StrEnum):
    """What a sum is of: the rounding of a published sum depends on it."""

    EUROS = "euros"
    MONTHS = "months"


PUBLISHED_ROUNDING: Final = 5
PUBLISHED_MIN_DENOMINATOR: Final = 100
#: At most half of a sum may come from one contribution (one intervention's amount) for anyone outside the
#: organisation's staff: below that, no reader can tell one contribution from the sum it is shown in.
DOMINANCE_SHARE: Final = Fraction(1, 2)
#: Published sums are rounded: euros to the nearest thousand (what a council compares is tens or hundreds of
#: thousands; the last digits would tell which single amount went in or out between two reports), months of
#: closure to a multiple of 5, like counts.
PUBLISHED_AMOUNT_ROUNDING: Final = {Unit.EUROS: 1000, Unit.MONTHS: 5}

_RULES: Final = {
    Audience.INTERNAL: Rules(THRESHOLD, 1, THRESHOLD),
    Audience.PARTNERS: Rules(THRESHOLD, 1, THRESHOLD, DOMINANCE_SHARE),
    Audience.COUNCIL: Rules(THRESHOLD, PUBLISHED_ROUNDING, PUBLISHED_MIN_DENOMINATOR, DOMINANCE_SHARE),
    Audience.PUBLIC: Rules(THRESHOLD, PUBLISHED_ROUNDING, PUBLISHED_MIN_DENOMINATOR, DOMINANCE_SHARE),
}


def rules_for(audience: Audience | str, threshold: int = THRESHOLD) -> Rules:
    """The audience's rules; a caller's higher threshold (never a lower one) replaces the floor."""
    if threshold < THRESHOLD:
        raise ValueError("The threshold is never below the platform's floor.")
    rules = _RULES[Audience(audience)]
    return Rules(
        max(rules.threshold, threshold), rules.rounding, max(rules.min_denominator, threshold), rules.dominance
    )


def with_threshold(rules: Rules, threshold: int) -> Rules:
    """``rules`` with a higher floor (a series of staff figures counts groups of at least 10): never lower."""
    if threshold <= rules.threshold:
        return rules
    return Rules(threshold, rules.rounding, max(rules.min_denominator, threshold), rules.dominance)


def is_dominated(total: int, largest: int, rules: Rules) -> bool:
    """Whether one contribution (``largest``) is more than the audience's share of the sum ``total``: such a
    sum would tell that contribution (roughly), so it is left out like a small count."""
    if rules.dominance is None or largest <= 0:
        return False
    return largest > rules.dominance * total


def show_amount(total: int, unit: Unit | str, rules: Rules) -> str:
    """A sum (of base cells that are each shown) as ``rules`` show it: exact, or rounded for publication."""
    if not rules.published:
        return str(total)
    return str(rounded_amount(total, PUBLISHED_AMOUNT_ROUNDING[Unit(unit)]))


def rounded_amount(total: int, base: int) -> int:
    """``total`` to the nearest multiple of ``base`` (halves up); a positive sum never rounds to 0, which would
    read as "nothing levied"."""
    if base <= 1 or total <= 0:
        return total
    return max(base, base * ((total + base // 2) // base))


def rounded(count: int, base: int) -> int:
    """``count`` to the nearest multiple of ``base`` (halves up); a shown count of at least the threshold never
    rounds below it, because the threshold (5 or more) is itself a multiple or rounds up to one."""
    if base <= 1:
        return count
    return max(base, base * ((count + base // 2) // base)) if count > 0 else 0


def show(count: int, rules: Rules) -> str:
    """One count as ``rules`` show it: 0, "< 5", or the (rounded) count."""
    if is_suppressed(count, rules.threshold):
        return suppressed_text(rules.threshold)
    return str(rounded(count, rules.rounding))


def audience_share(numerator: int, denominator: int, rules: Rules) -> str:
    """A percentage under ``rules``: "—" over a suppressed cell or below the audience's minimum denominator."""
    if denominator < rules.min_denominator:
        return NOT_SHOWN
    return share(numerator, denominator, rules.threshold)


def cell_text(count: int, status: str, rules: Rules) -> str:
    """What a cell of a protected table shows under ``rules``: "< 5", "—" or the (rounded) count."""
    if status == SHOWN:
        return str(rounded(count, rules.rounding))
    return cell_display(count, status, rules.threshold)


def protect_table_for(interior: list[list[int]], rules: Rules) -> list[list[str]] | None:
    """:func:`protect_table` under an audience's rules: the text of every interior cell and row total (an
    extra last column) and a last row of column totals and the grand total. None: show none of it."""
    status = protect_table(interior, threshold=rules.threshold)
    if status is None:
        return None
    if not interior:
        return []
    width = len(interior[0])
    body = [
        [cell_text(v, s, rules) for v, s in zip([*row, sum(row)], statuses, strict=True)]
        for row, statuses in zip(interior, status, strict=True)
    ]
    totals = [sum(row[c] for row in interior) for c in range(width)]
    return [*body, [str(rounded(t, rules.rounding)) for t in [*totals, sum(totals)]]]
