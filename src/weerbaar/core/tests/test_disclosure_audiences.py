# SPDX-License-Identifier: EUPL-1.2
"""The audiences' disclosure rules: rounding for published figures, the minimum denominator, and that no
hidden cell of a protected table can be worked out from what an audience is shown (rounded or not)."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from weerbaar.core import disclosure
from weerbaar.core.disclosure import Audience, rules_for

AUDIENCES = list(Audience)


def test_rules_per_audience() -> None:
    internal, council = rules_for(Audience.INTERNAL), rules_for(Audience.COUNCIL)
    assert (internal.threshold, internal.rounding, internal.published) == (5, 1, False)
    assert (council.rounding, council.min_denominator, council.published) == (5, 100, True)
    assert rules_for(Audience.PUBLIC) == council
    assert rules_for(Audience.INTERNAL, threshold=10).threshold == 10
    with pytest.raises(ValueError, match="floor"):
        rules_for(Audience.PUBLIC, threshold=3)


def test_show_and_share_per_audience() -> None:
    internal, council = rules_for(Audience.INTERNAL), rules_for(Audience.COUNCIL)
    assert [disclosure.show(n, internal) for n in (0, 3, 5, 12)] == ["0", "< 5", "5", "12"]
    assert [disclosure.show(n, council) for n in (0, 3, 5, 7, 8, 12, 13)] == ["0", "< 5", "5", "5", "10", "10", "15"]
    # A share over 40 is shown internally, but published only over a denominator of 100 or more.
    assert disclosure.audience_share(10, 40, internal) == "25 %"
    assert disclosure.audience_share(10, 40, council) == disclosure.NOT_SHOWN
    assert disclosure.audience_share(30, 120, council) == "25 %"
    assert disclosure.audience_share(3, 120, council) == disclosure.NOT_SHOWN  # a small numerator stays hidden


def test_existing_callers_keep_their_answers() -> None:
    assert disclosure.suppress(4) == "< 5" and disclosure.share(9, 40, threshold=10) == "—"
    assert disclosure.protect_table([[5, 5], [0, 0]]) == [["shown"] * 3, ["shown"] * 3]


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(AUDIENCES))
def test_rounding_stays_close_and_never_reveals_a_small_count(count: int, audience: Audience) -> None:
    rules = rules_for(audience)
    text = disclosure.show(count, rules)
    if 0 < count < rules.threshold:
        assert text == "< 5"
    else:
        shown = int(text)
        assert abs(shown - count) <= rules.rounding // 2
        assert shown % rules.rounding == 0
        assert (shown == 0) == (count == 0)


def _known(text: str, rules: disclosure.Rules) -> range:
    """What a reader knows of a cell from its text alone (the rule being public)."""
    if text == disclosure.suppressed_text(rules.threshold):
        return range(1, rules.threshold)
    if text == disclosure.NOT_SHOWN:
        return range(rules.threshold, 10_000)
    value = int(text)
    if rules.rounding == 1 or value == 0:
        return range(value, value + 1)
    low = max(value - rules.rounding // 2, rules.threshold if value else 0)
    return range(low, value + rules.rounding // 2 + 1)


def _alternative_exists(
    interior: list[list[int]], r: int, c: int, shown: list[list[str]], rules: disclosure.Rules
) -> bool:
    """Another table fitting every text shown (cells, row totals, column totals) in which cell (r, c) differs:
    the cell and three others moved by one around a rectangle (the row total counts as a column)."""
    values = [[*row, sum(row)] for row in interior]
    width = len(values[0])
    total = width - 1
    for r2, c2, step in itertools.product(range(len(values)), range(width), (1, -1)):
        if r2 == r or c2 == c:
            continue
        coef_c = -1 if c == total else 1
        coef_c2 = -1 if c2 == total else 1
        sign = -coef_c * coef_c2
        moves = [(r, c, step), (r2, c, -step), (r, c2, sign * step), (r2, c2, -sign * step)]
        if all(values[a][b] + d in _known(shown[a][b], rules) for a, b, d in moves):
            return True
    return False


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.lists(st.integers(min_value=0, max_value=14), min_size=2, max_size=4), min_size=2, max_size=4).filter(
        lambda rows: len({len(r) for r in rows}) == 1
    ),
    st.sampled_from(AUDIENCES),
)
def test_no_hidden_cell_is_derivable_from_what_an_audience_sees(interior: list[list[int]], audience: Audience) -> None:
    rules = rules_for(audience)
    width = len(interior[0])
    if any(disclosure.is_suppressed(sum(row[c] for row in interior)) for c in range(width)):
        return  # such a table must be folded first (protect_table refuses it)
    shown = disclosure.protect_table_for(interior, rules)
    if shown is None:
        return
    body, footer = shown[:-1], shown[-1]
    # The column totals and the grand total are shown (rounded for a published audience).
    assert footer == [disclosure.show(sum(row[c] for row in interior), rules) for c in range(width)] + [
        disclosure.show(sum(map(sum, interior)), rules)
    ]
    for r, row in enumerate(body):
        for c, text in enumerate(row):
            value = [*interior[r], sum(interior[r])][c]
            assert value in _known(text, rules), (text, value)
            if text in (disclosure.NOT_SHOWN, disclosure.suppressed_text(rules.threshold)):
                assert _alternative_exists(interior, r, c, body, rules), (interior, body)
