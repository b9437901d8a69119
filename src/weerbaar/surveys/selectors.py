# SPDX-License-Identifier: EUPL-1.2
"""Reads of the area survey, scoped by the actor (``scopes.py``), and its results — only as suppressed
aggregates (``survey_results``), the one way any page, API answer or other app gets at the answers.
"""

from collections import Counter
from dataclasses import dataclass
from uuid import UUID

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from weerbaar.core.disclosure import (
    NOT_SHOWN,
    SHOWN,
    THRESHOLD,
    cell_display,
    protect_counts,
    protect_table,
    share,
    suppress,
)
from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING
from weerbaar.partnerships.models import Partnership
from weerbaar.surveys import scopes
from weerbaar.surveys.constants import QuestionKind, Status
from weerbaar.surveys.models import Answer, Question, Survey

# --- Surveys -----------------------------------------------------------------------------------------


def survey_list(*, actor: Actor, partnership: Partnership | None = None) -> QuerySet[Survey]:
    """Surveys of the partnerships the actor is a member of (of one partnership when given) and staff surveys
    the actor may see, newest first, with ``response_count`` (show it only through
    ``core.disclosure.suppress`` with the survey's threshold)."""
    rule = scopes.survey_visible(actor)
    if rule is NOTHING:
        return Survey.objects.none()
    surveys = Survey.objects.filter(pk__in=Survey.objects.filter(rule).values("pk"))
    if partnership is not None:
        surveys = surveys.filter(partnership=partnership)
    return surveys.select_related("partnership").annotate(response_count=Count("responses", distinct=True))


def staff_survey_list(*, actor: Actor) -> QuerySet[Survey]:
    """The staff surveys of the organisation the actor acts for, newest first, with ``response_count``."""
    rule = scopes.staff_survey_visible(actor)
    if rule is NOTHING:
        return Survey.objects.none()
    return Survey.objects.filter(rule).annotate(response_count=Count("responses", distinct=True))


def staff_survey_get(*, actor: Actor, uuid: UUID | str) -> Survey | None:
    return staff_survey_list(actor=actor).filter(uuid=uuid).first()


def survey_get(*, actor: Actor, uuid: UUID | str) -> Survey | None:
    return survey_list(actor=actor).filter(uuid=uuid).first()


@dataclass(frozen=True)
class LinkCounts:
    total: int
    used: int


def link_counts(*, survey: Survey) -> LinkCounts:
    """How many links there are and how many were used; never which."""
    counts = survey.links.aggregate(total=Count("pk"), used=Count("pk", filter=Q(used=True)))
    return LinkCounts(total=counts["total"], used=counts["used"])


def questions_of(survey: Survey) -> list[Question]:
    return list(survey.questions.prefetch_related("options"))


# --- Results -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultCell:
    """A figure as shown: ``text`` is the count, "< 5" or "—"; ``value`` only when the count is shown."""

    text: str
    value: int | None


@dataclass(frozen=True)
class ResultRow:
    label: str
    cells: tuple[ResultCell, ...]  # one per breakdown column (empty without a breakdown)
    total: ResultCell
    share: str  # of all responses, through core.disclosure.share


@dataclass(frozen=True)
class QuestionResult:
    uuid: UUID
    text: str
    kind: str
    is_group: bool
    #: Rows are the options; for a multiple-choice question each row counts those who chose the option.
    rows: tuple[ResultRow, ...]
    #: The breakdown's columns (respondent groups; small groups folded together) and their sizes.
    columns: tuple[str, ...]
    column_totals: tuple[ResultCell, ...]
    total: ResultCell
    #: True when the question's figures cannot be shown without pointing at someone: nothing is shown.
    withheld: bool


@dataclass(frozen=True)
class SurveyResults:
    survey: UUID
    title: str
    purpose: str
    status: str
    available: bool
    #: Why the results are not available (empty when they are).
    reason: str
    responses: str  # the number of responses, suppressed
    questions: tuple[QuestionResult, ...]


def _cell(count: int, status: str, threshold: int = THRESHOLD) -> ResultCell:
    return ResultCell(cell_display(count, status, threshold), count if status == SHOWN else None)


def _columns(
    sizes: list[int], labels: list[str], status: list[str], threshold: int = THRESHOLD
) -> list[tuple[str, list[int]]]:
    """The breakdown's columns as (label, group indexes): groups of no one are left out; hidden groups are
    folded into one column together with the smallest shown ones until it holds at least the threshold, so
    every column's size is a figure the group question's own table already gives. Fewer than two columns:
    no breakdown (it would repeat the totals)."""
    folded = [k for k, s in enumerate(status) if s != SHOWN]
    shown = sorted((sizes[k], k) for k, s in enumerate(status) if s == SHOWN and sizes[k] > 0)
    while folded and sum(sizes[k] for k in folded) < threshold and shown:
        folded.append(shown.pop(0)[1])
    columns = [(labels[k], [k]) for k in sorted(k for _size, k in shown)]
    if folded:
        columns.append((" + ".join(labels[k] for k in sorted(folded)), sorted(folded)))
    return columns if len(columns) >= 2 else []


def _withheld(question: Question) -> QuestionResult:
    return QuestionResult(
        question.uuid, question.text, question.kind, question.is_group, (), (), (), ResultCell(NOT_SHOWN, None), True
    )


def survey_results(survey: Survey) -> SurveyResults:
    """The survey's results as suppressed aggregates (docs/surveys.md): per question the count per option
    and a breakdown by respondent group, with complementary suppression so that no hidden count can be
    worked out from the figures shown. Only for a closed survey with at least the survey's threshold of
    responses (5 for a partnership's survey, 10 for a staff survey), which is also the smallest figure shown.

    The caller decides who may see them (``scopes.survey_visible``: every member of the partnership; the
    organisation's integrity coordinator and council members for a staff survey).
    """
    n = survey.responses.count()
    t = survey.threshold

    def unavailable(reason: str) -> SurveyResults:
        return SurveyResults(
            survey.uuid, survey.title, survey.purpose, survey.status, False, reason, suppress(n, t), ()
        )

    if survey.status != Status.GESLOTEN:
        return unavailable(_("The results are shown once the survey is closed."))
    if n < t:
        if t == THRESHOLD:
            return unavailable(_("The results are shown only with at least 5 responses."))
        return unavailable(_("The results are shown only with at least %(n)d responses.") % {"n": t})
    questions = questions_of(survey)
    answers = list(
        Answer.objects.filter(response__survey=survey).values_list("response_id", "question_id", "option_id")
    )
    group_question = next((q for q in questions if q.is_group), None)
    group_of: dict[int, int] = {}
    columns: list[tuple[str, list[int]]] = []
    results = []
    if group_question is not None:
        group_options = [o.pk for o in group_question.options.all()]
        group_of = {r: group_options.index(o) for r, q, o in answers if q == group_question.pk}
        sizes = [0] * len(group_options)
        for k in group_of.values():
            sizes[k] += 1
        group_status = protect_counts(sizes, t)
        if group_status is not None:
            columns = _columns(sizes, [o.label for o in group_question.options.all()], group_status, t)
    column_of_group = {k: c for c, (_label, groups) in enumerate(columns) for k in groups}
    chosen: Counter[tuple[int, int, int | None]] = Counter()
    for response_id, question_id, option_id in answers:
        chosen[(question_id, option_id, column_of_group.get(group_of.get(response_id, -1)))] += 1
    column_sizes = [sum(1 for k in group_of.values() if column_of_group.get(k) == c) for c in range(len(columns))]
    for question in questions:
        options = list(question.options.all())
        if question.is_group or not columns:
            counts = [sum(v for (q, o, _c), v in chosen.items() if q == question.pk and o == opt.pk) for opt in options]
            results.append(_list_result(question, options, counts, n, t))
            continue
        interior = [[chosen[(question.pk, opt.pk, c)] for c in range(len(columns))] for opt in options]
        results.append(_table_result(question, options, interior, columns, column_sizes, n, t))
    return SurveyResults(survey.uuid, survey.title, survey.purpose, survey.status, True, "", str(n), tuple(results))


def _row(label: str, cells: tuple[ResultCell, ...], total: int, status: str, n: int, t: int) -> ResultRow:
    return ResultRow(label, cells, _cell(total, status, t), share(total, n, t) if status == SHOWN else NOT_SHOWN)


def _list_result(question: Question, options: list, counts: list[int], n: int, t: int) -> QuestionResult:  # type: ignore[type-arg]
    rows = []
    if question.kind == QuestionKind.MULTIPLE:
        for option, count in zip(options, counts, strict=True):
            status = protect_counts([count, n - count], t)
            if status is None:
                return _withheld(question)
            rows.append(_row(option.label, (), count, status[0], n, t))
    else:
        statuses = protect_counts(counts, t)
        if statuses is None:
            return _withheld(question)
        rows = [_row(o.label, (), c, s, n, t) for o, c, s in zip(options, counts, statuses, strict=True)]
    return QuestionResult(
        question.uuid,
        question.text,
        question.kind,
        question.is_group,
        tuple(rows),
        (),
        (),
        ResultCell(str(n), n),
        False,
    )


def _table_result(
    question: Question,
    options: list,  # type: ignore[type-arg]
    interior: list[list[int]],
    columns: list[tuple[str, list[int]]],
    column_sizes: list[int],
    n: int,
    t: int,
) -> QuestionResult:
    rows = []
    if question.kind == QuestionKind.MULTIPLE:
        for option, counts in zip(options, interior, strict=True):
            # Each option is its own pair: chose it, did not choose it.
            pair = protect_table([counts, [size - c for size, c in zip(column_sizes, counts, strict=True)]], t)
            if pair is None:
                return _withheld(question)
            cells = tuple(_cell(c, s, t) for c, s in zip(counts, pair[0], strict=False))
            rows.append(_row(option.label, cells, sum(counts), pair[0][-1], n, t))
    else:
        table = protect_table(interior, t)
        if table is None:
            return _withheld(question)
        for option, counts, row_status in zip(options, interior, table, strict=True):
            cells = tuple(_cell(c, s, t) for c, s in zip(counts, row_status, strict=False))
            rows.append(_row(option.label, cells, sum(counts), row_status[-1], n, t))
    return QuestionResult(
        question.uuid,
        question.text,
        question.kind,
        question.is_group,
        tuple(rows),
        tuple(label for label, _groups in columns),
        tuple(ResultCell(str(size), size) for size in column_sizes),
        ResultCell(str(n), n),
        False,
    )
