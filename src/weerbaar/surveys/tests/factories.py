# SPDX-License-Identifier: EUPL-1.2
"""Synthetic surveys for tests, built through the services; responses either through a link (as a
respondent gives them) or in bulk (for results)."""

from collections.abc import Sequence

from django.utils import timezone

from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.tests.factories import facilitator_actor
from weerbaar.surveys import services
from weerbaar.surveys.constants import Purpose, QuestionKind, Status
from weerbaar.surveys.models import Answer, Question, Response, Survey


def make_survey(partnership: Partnership, *, title: str = "Nulmeting (synthetisch)") -> Survey:
    return services.survey_create_from_standard(
        actor=facilitator_actor(partnership), partnership=partnership, title=title, purpose=Purpose.NULMETING
    )


def move(survey: Survey, to_status: str) -> Survey:
    return services.survey_transition(
        actor=facilitator_actor(survey.partnership), survey=survey, expected_version=None, to_status=to_status
    )


def open_survey(partnership: Partnership) -> Survey:
    return move(make_survey(partnership), Status.OPEN)


def first_answers(survey: Survey) -> dict[int, list[int]]:
    """A complete set of answers: the first option of every question."""
    return {q.pk: [q.options.all()[0].pk] for q in survey.questions.prefetch_related("options")}


def bulk_responses(survey: Survey, choices: Sequence[Sequence[int | Sequence[int]]]) -> None:
    """One response per item of ``choices``: per question (in order) the index of the chosen option, or a
    list of indexes for a multiple-choice question."""
    questions: list[Question] = list(survey.questions.prefetch_related("options"))
    today = timezone.localdate()
    for picks in choices:
        response = Response.objects.create(survey=survey, submitted_on=today)
        rows = []
        for question, pick in zip(questions, picks, strict=True):
            options = list(question.options.all())
            indexes = list(pick) if isinstance(pick, Sequence) else [pick]
            if question.kind != QuestionKind.MULTIPLE:
                assert len(indexes) == 1
            rows += [Answer(response=response, question=question, option=options[i]) for i in indexes]
        Answer.objects.bulk_create(rows)
