# SPDX-License-Identifier: EUPL-1.2
"""Demo surveys of "Buitengebied De Meierij", through the real services: a closed 0-measurement with 60
responses, a closed 1-measurement a year on with 70 that looks a little better, and a draft. The answers
are drawn from a seeded random generator (the same on every load) and given through single-use links, as a
respondent gives them. All answers are invented. Idempotent: does nothing when the partnership has surveys.
"""

import random
from collections.abc import Sequence

from django.db import transaction
from django.utils import translation

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.demo.partnerships import NAME
from weerbaar.partnerships.models import Partnership
from weerbaar.surveys import services
from weerbaar.surveys.constants import Purpose, Status
from weerbaar.surveys.models import Question, Survey

#: Per question of the standard questionnaire (in order): the weights of its options in the 0-measurement
#: and in the 1-measurement; for a multiple-choice question the chance of each option being chosen.
WEIGHTS: tuple[tuple[Sequence[float], Sequence[float]], ...] = (
    ((50, 32, 10, 8), (48, 34, 10, 8)),  # respondent group
    ((8, 20, 37, 28, 7), (4, 14, 34, 37, 11)),  # feeling safe, 1 to 5
    ((27, 73), (19, 81)),  # victim
    ((0.30, 0.22, 0.35, 0.08, 0.35), (0.22, 0.15, 0.27, 0.05, 0.45)),  # noticed (multiple)
    ((16, 84), (11, 89)),  # approached
    ((38, 42, 20), (52, 36, 12)),  # would report
    ((0.25, 0.40, 0.22, 0.15, 0.35), (0.18, 0.28, 0.12, 0.12, 0.48)),  # why not (multiple)
    ((34, 66), (55, 45)),  # knows the community police officer
    ((18, 82), (33, 67)),  # knows the BOA
)


def _answers(questions: list[Question], rng: random.Random, later: bool) -> dict[int, list[int]]:
    answers = {}
    for question, weights in zip(questions, WEIGHTS, strict=True):
        options = list(question.options.all())
        chances = weights[1 if later else 0]
        if question.kind == "meervoudig":
            chosen = [o.pk for o, p in zip(options, chances, strict=True) if rng.random() < p]
            answers[question.pk] = chosen or [options[-1].pk]
        else:
            answers[question.pk] = [rng.choices(options, weights=chances)[0].pk]
    return answers


def _survey(partnership: Partnership, title: str, purpose: str, responses: int, seed: int, later: bool) -> Survey:
    facilitator = actor_for(user=User.objects.get(username="gebied.boxtel"))
    survey = services.survey_create_from_standard(
        actor=facilitator, partnership=partnership, title=title, purpose=purpose
    )
    survey = services.survey_transition(actor=facilitator, survey=survey, expected_version=None, to_status=Status.OPEN)
    questions = list(survey.questions.prefetch_related("options"))
    rng = random.Random(seed)  # noqa: S311 - synthetic demo answers, not a secret
    tokens = services.links_generate(actor=facilitator, survey=survey, count=responses + 10)
    for token in tokens[:responses]:
        services.response_submit(token=token, answers=_answers(questions, rng, later))
    return services.survey_transition(
        actor=facilitator, survey=survey, expected_version=None, to_status=Status.GESLOTEN
    )


@transaction.atomic
def surveys_demo_load() -> None:
    partnership = Partnership.objects.filter(name=NAME).first()
    if partnership is None or partnership.surveys.exists():
        return
    with translation.override("nl"):
        _survey(partnership, "0-meting bewoners en ondernemers 2025", Purpose.NULMETING, 60, seed=2025, later=False)
        _survey(partnership, "1-meting bewoners en ondernemers 2026", Purpose.EEN_METING, 70, seed=2026, later=True)
        facilitator = actor_for(user=User.objects.get(username="gebied.boxtel"))
        services.survey_create_from_standard(
            actor=facilitator,
            partnership=partnership,
            title="Tussentijdse peiling schuren en loodsen",
            purpose=Purpose.TUSSENTIJDS,
        )
