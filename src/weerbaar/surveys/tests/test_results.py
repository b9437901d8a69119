# SPDX-License-Identifier: EUPL-1.2
"""The results selector: only for a closed survey with at least 5 responses; counts of 1 to 4 as "< 5";
and — checked by brute force on random response sets — no hidden count can be worked out from the figures
shown (each hidden cell has at least two values that fit every shown cell and total)."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from weerbaar.core.disclosure import NOT_SHOWN, SUPPRESSED, protect_counts, protect_table
from weerbaar.geo.services import geography_load
from weerbaar.partnerships.tests.factories import make_area
from weerbaar.surveys.constants import QuestionKind, Status
from weerbaar.surveys.models import Survey
from weerbaar.surveys.selectors import QuestionResult, survey_results
from weerbaar.surveys.tests.bruteforce import pinned_cells
from weerbaar.surveys.tests.factories import bulk_responses, make_survey, move

#: The standard questionnaire's question numbers used below (0-based).
GROUP, SCALE, MULTIPLE = 0, 1, 3


def _keep_three_questions(survey: Survey) -> Survey:
    """The group question, the scale and the first multiple-choice question (small, for brute force)."""
    keep = {q.pk for q in list(survey.questions.all()) if q.position in (GROUP + 1, SCALE + 1, MULTIPLE + 1)}
    survey.questions.exclude(pk__in=keep).delete()
    return survey


def check(result: QuestionResult, threshold: int = 5) -> None:
    """Every hidden cell of the question's table has at least two values fitting all shown figures."""
    if result.withheld:
        return
    n = int(result.total.text)
    if result.kind == QuestionKind.MULTIPLE:
        # Each option with its complement (did not choose it): a table of its own.
        for row in result.rows:
            if result.columns:
                sizes = [int(c.text) for c in result.column_totals]
                chosen = [c.text for c in row.cells]
                # The complement row is not shown, so every one of its cells is unknown beyond its column.
                shown = [[*chosen, row.total.text], _complement(chosen, sizes, row.total.text, n, threshold)]
                assert not pinned_cells(shown, [*sizes, n], rows_add_up=True, threshold=threshold), (result.text, shown)
            else:
                shown = [[row.total.text], _complement([], [], row.total.text, n, threshold)]
                assert not pinned_cells(shown, [n], rows_add_up=False, threshold=threshold), (result.text, shown)
        return
    if result.columns:
        sizes = [int(c.text) for c in result.column_totals]
        shown = [[*(c.text for c in row.cells), row.total.text] for row in result.rows]
        assert not pinned_cells(shown, [*sizes, n], rows_add_up=True, threshold=threshold), (result.text, shown)
    else:
        shown = [[row.total.text] for row in result.rows]
        assert not pinned_cells(shown, [n], rows_add_up=False, threshold=threshold), (result.text, shown)


def _complement(chosen: list[str], sizes: list[int], total: str, n: int, threshold: int = 5) -> list[str]:
    """The not-chosen row, which is not shown: exact where the chosen cell is shown (the column minus it); where
    that is hidden, "any value" (the column sums tie it to the chosen cell all the same)."""
    return [
        str(s - int(c)) if c not in (SUPPRESSED, f"< {threshold}", NOT_SHOWN) else "*"
        for c, s in zip([*chosen, total], [*sizes, n], strict=True)
    ]


class ResultsAreProtected(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        geography_load()
        cls.partnership = make_area().partnership
        cls.survey = _keep_three_questions(make_survey(cls.partnership))
        move(move(cls.survey, Status.OPEN), Status.GESLOTEN)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        groups=st.lists(st.integers(0, 3), min_size=0, max_size=30),
        data=st.data(),
    )
    def test_no_hidden_count_can_be_worked_out(self, groups: list[int], data: st.DataObject) -> None:
        # Skewed group sizes, tiny ones included: the first group is often large, the others small.
        choices = []
        for group in groups:
            scale = data.draw(st.integers(0, 4))
            multiple = data.draw(st.lists(st.integers(0, 4), min_size=1, max_size=3, unique=True))
            choices.append([group, scale, multiple])
        bulk_responses(self.survey, choices)
        results = survey_results(Survey.objects.get(pk=self.survey.pk))
        if len(groups) < 5:
            assert not results.available
            assert not results.questions
            return
        assert results.available
        for question in results.questions:
            for text in figures(question):
                assert not re.fullmatch(r"[1-4]", text), (question.text, text)
            check(question)


def figures(result: QuestionResult) -> list[str]:
    texts = [result.total.text, *(c.text for c in result.column_totals)]
    for row in result.rows:
        texts += [row.total.text, *(c.text for c in row.cells)]
    return texts


def test_the_brute_force_finds_a_count_left_recoverable() -> None:
    """The checker itself: primary suppression alone leaves a single "< 5" recoverable from the total."""
    assert pinned_cells([["< 5"], ["12"], ["7"]], [21], rows_add_up=False) == [(0, 0)]
    assert pinned_cells([["< 5", "10", "—"], ["6", "8", "14"]], [8, 18, 26], rows_add_up=True)
    status = protect_counts([2, 12, 7])
    assert status is not None and status.count("shown") == 1


def test_tables_that_cannot_be_protected_are_withheld() -> None:
    # Six people, one of whom said yes: "< 5" and "—" with a total of 6 would give the yes away.
    assert protect_counts([1, 5]) is None
    assert protect_table([[5, 5], [0, 0]]) == [["shown", "shown", "shown"], ["shown", "shown", "shown"]]
    with pytest.raises(ValueError, match="column total"):
        protect_table([[1, 5], [2, 5]])
