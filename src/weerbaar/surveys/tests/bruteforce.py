# SPDX-License-Identifier: EUPL-1.2
"""What a reader can work out from a shown table, by brute force: every table of non-negative integers that
fits every figure shown, each hidden cell within what the reader knows of it ("< 5": 1 to 4; "—": at least
5, the rule being public; with a threshold of 10, "< 10": 1 to 9 and "—": at least 10). Independent of the
suppression code: it reads only the displayed texts."""

from collections.abc import Iterator

from weerbaar.core.disclosure import NOT_SHOWN, SUPPRESSED

Grid = list[list[str]]
#: A cell the reader knows nothing of beyond its column (a row that is not shown at all).
ANY = "*"


def _domain(text: str, cap: int, threshold: int = 5) -> range:
    if text == ANY:
        return range(cap + 1)
    if text == (SUPPRESSED if threshold == 5 else f"< {threshold}"):
        return range(1, min(threshold - 1, cap) + 1)
    if text == NOT_SHOWN:
        return range(threshold, cap + 1)
    value = int(text)
    return range(value, value + 1)


def solutions(
    shown: Grid, column_totals: list[int], *, rows_add_up: bool, threshold: int = 5
) -> Iterator[list[list[int]]]:
    """Tables fitting ``shown`` (rows by columns plus the row total); the columns add up to ``column_totals`` (the
    last one is the grand total, over the row totals); with ``rows_add_up`` each row's cells add up to its total."""
    width = len(column_totals)
    domains = [[_domain(text, column_totals[c], threshold) for c, text in enumerate(row)] for row in shown]
    current: list[list[int]] = []

    def walk(r: int, used: list[int]) -> Iterator[list[list[int]]]:
        if r == len(shown):
            if used == column_totals:
                yield [list(row) for row in current]
            return
        for row in _rows(domains[r], used):
            current.append(row)
            yield from walk(r + 1, [u + v for u, v in zip(used, row, strict=True)])
            current.pop()

    def _rows(row_domains: list[range], used: list[int]) -> Iterator[list[int]]:
        def cells(c: int, acc: list[int]) -> Iterator[list[int]]:
            if c == width:
                if not rows_add_up or width == 1 or sum(acc[:-1]) == acc[-1]:
                    yield list(acc)
                return
            left = column_totals[c] - used[c]
            options = row_domains[c]
            if rows_add_up and c == width - 1 and width > 1:
                total = sum(acc)
                options = range(total, total + 1) if total in row_domains[c] else range(0)
            for v in options:
                if v > left:
                    break
                acc.append(v)
                yield from cells(c + 1, acc)
                acc.pop()

        yield from cells(0, [])

    yield from walk(0, [0] * width)


def pinned_cells(
    shown: Grid, column_totals: list[int], *, rows_add_up: bool, threshold: int = 5
) -> list[tuple[int, int]]:
    """The hidden cells that have only one value fitting everything shown (should be none)."""
    small = SUPPRESSED if threshold == 5 else f"< {threshold}"
    hidden = [(r, c) for r, row in enumerate(shown) for c, text in enumerate(row) if text in (small, NOT_SHOWN)]
    seen: dict[tuple[int, int], set[int]] = {cell: set() for cell in hidden}
    for table in solutions(shown, column_totals, rows_add_up=rows_add_up, threshold=threshold):
        for r, c in hidden:
            seen[(r, c)].add(table[r][c])
        if all(len(values) >= 2 for values in seen.values()):
            return []
    return [cell for cell, values in seen.items() if len(values) < 2]
