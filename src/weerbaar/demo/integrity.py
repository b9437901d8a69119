# SPDX-License-Identifier: EUPL-1.2
"""Demo data of integrity at Gemeente Tilburg, through the real services: two confidential reports to the
integrity coordinator (``integriteit.tilburg``) — one handed over as a threat incident, one answered with
advice — and a closed staff survey with 120 responses from a seeded random generator (the same on every
load), given through single-use links as staff give them. Everything is invented. Idempotent: does nothing
when Tilburg already has integrity reports.
"""

import random
from collections.abc import Sequence
from datetime import timedelta

from django.db import transaction
from django.utils import timezone, translation

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.integrity import services
from weerbaar.integrity.constants import Kind, Status, WhenHappened
from weerbaar.integrity.models import PressureReport
from weerbaar.organisations.models import Organisation
from weerbaar.surveys import services as survey_services
from weerbaar.surveys.constants import Status as SurveyStatus
from weerbaar.surveys.models import Question

ORGANISATION = "Gemeente Tilburg"
COORDINATOR = "integriteit.tilburg"
STAFF_RESPONSES = 120

#: Per question of the standard staff questionnaire (in order): the weights of its options; for the
#: multiple-choice question the chance of each option being chosen.
STAFF_WEIGHTS: tuple[Sequence[float], ...] = (
    (34, 26, 22, 38),  # kind of work
    (23, 77),  # intimidated or threatened
    (9, 91),  # offered something
    (21, 44, 35),  # function vulnerable
    (9, 21, 36, 26, 8),  # knows what to do, 1 to 5
    (0.55, 0.38, 0.27, 0.2),  # knows (multiple)
    (41, 43, 16),  # would report
)


def _reports(organisation: Organisation) -> None:
    coordinator = actor_for(user=User.objects.get(username=COORDINATOR))
    staff = actor_for(user=User.objects.get(username="medewerker.tilburg"))
    director = actor_for(user=User.objects.get(username="regisseur.tilburg"))
    pressure = services.report_submit(
        actor=staff,
        kind=Kind.DRUK,
        when=WhenHappened.AFGELOPEN_WEEK,
        account=(
            "Een aanvrager van een exploitatievergunning wachtte mij twee keer op bij de parkeerplaats. Hij zei "
            "dat hij weet waar ik woon en dat het 'verstandig' is als zijn aanvraag snel rond is."
        ),
        contact="Telefonisch, liefst na 16.00 uur.",
    )
    pressure = services.report_transition(
        actor=coordinator,
        report=pressure,
        to_status=Status.IN_GESPREK,
        reason="Gesprek ingepland.",
        expected_version=None,
    )
    services.note_add(
        actor=coordinator,
        report=pressure,
        text="Gesproken met de medewerker. Hij wil dat de veiligheidscoördinator het oppakt; toestemming gegeven.",
    )
    services.report_to_incident(
        actor=coordinator,
        report=pressure,
        expected_version=None,
        forms=["intimidatie", "bedreiging"],
        channel="persoonlijk",
        target="persoon",
        office="ambtenaar",
        occurred_at=timezone.now() - timedelta(days=4),
        severity=4,
        description=(
            "Een medewerker van de vergunningverlening is twee keer bij de parkeerplaats opgewacht door een "
            "aanvrager, die liet merken te weten waar hij woont."
        ),
    )
    offer = services.report_submit(
        actor=director,
        kind=Kind.AANBOD,
        when=WhenHappened.AFGELOPEN_MAAND,
        account=(
            "Een vastgoedondernemer wiens pand in een Bibob-toets zit, bood mij kaarten voor een voetbalwedstrijd "
            "en een diner aan 'om eens rustig bij te praten'. Ik heb het afgeslagen."
        ),
    )
    offer = services.report_transition(
        actor=coordinator, report=offer, to_status=Status.IN_GESPREK, expected_version=None
    )
    services.note_add(
        actor=coordinator,
        report=offer,
        text="Advies: aanbod schriftelijk afwijzen, vastleggen in het geschenkenregister, contact via de afdeling.",
    )
    services.report_transition(actor=coordinator, report=offer, to_status=Status.ADVIES, expected_version=None)


def _answers(questions: list[Question], rng: random.Random) -> dict[int, list[int]]:
    answers = {}
    for question, weights in zip(questions, STAFF_WEIGHTS, strict=True):
        options = list(question.options.all())
        if question.kind == "meervoudig":
            chosen = [o.pk for o, p in zip(options, weights, strict=True) if rng.random() < p]
            answers[question.pk] = chosen or [options[-1].pk]
        else:
            answers[question.pk] = [rng.choices(options, weights=weights)[0].pk]
    return answers


def _staff_survey(organisation: Organisation) -> None:
    coordinator = actor_for(user=User.objects.get(username=COORDINATOR))
    survey = survey_services.staff_survey_create(
        actor=coordinator, organisation=organisation, title="Personeelsenquête integriteit en agressie 2026"
    )
    survey = survey_services.survey_transition(
        actor=coordinator, survey=survey, expected_version=None, to_status=SurveyStatus.OPEN
    )
    questions = list(survey.questions.prefetch_related("options"))
    rng = random.Random(2026)  # noqa: S311 - synthetic demo answers, not a secret
    tokens = survey_services.links_generate(actor=coordinator, survey=survey, count=STAFF_RESPONSES + 30)
    for token in tokens[:STAFF_RESPONSES]:
        survey_services.response_submit(token=token, answers=_answers(questions, rng))
    survey_services.survey_transition(
        actor=coordinator, survey=survey, expected_version=None, to_status=SurveyStatus.GESLOTEN
    )


@transaction.atomic
def integrity_demo_load() -> None:
    organisation = Organisation.objects.filter(name=ORGANISATION).first()
    if organisation is None or PressureReport.objects.filter(organisation=organisation).exists():
        return
    with translation.override("nl"):
        _reports(organisation)
        _staff_survey(organisation)
