# SPDX-License-Identifier: EUPL-1.2
"""The resilience scan of Gemeente Tilburg, through the real services: a closed scan of a year ago and a
re-scan now that looks a little better (one process owner still has a draft), exposure ratings, findings
and improvement actions in several statuses. The levels come from a seeded random generator (the same on
every load). All answers are invented. Idempotent: does nothing when Tilburg has a scan.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.resilience import services
from weerbaar.resilience.constants import LEVEL_MAX, ActionStatus, TopicKind
from weerbaar.resilience.models import Assignment, Scan

ORGANISATION = "Gemeente Tilburg"
COORDINATOR = "weerbaarheid.tilburg"
OWNERS = ("proceseigenaar1.tilburg", "proceseigenaar2.tilburg", "proceseigenaar3.tilburg")
#: The exposure the coordinator gave each process (the rest keep the middle rating, 2).
EXPOSURE = {"vergunningen": 3, "brp": 3, "inkoop-aanbesteding": 3, "reisdocumenten": 1, "subsidies": 1}
#: Each process's owners (by index in OWNERS); every theme is answered by all three.
PROCESS_OWNERS = {
    "financiele-transacties": (0,),
    "inkoop-aanbesteding": (0, 1),
    "subsidies": (1,),
    "reisdocumenten": (2,),
    "vergunningen": (0, 1, 2),
    "informatie": (2,),
    "brp": (1, 2),
    "toezicht-handhaving": (0, 2),
}


def _answer(assignment: Assignment, rng: random.Random, base: float, *, submit: bool = True) -> None:
    answers = {}
    for question in assignment.topic.questions.all():
        level = max(0, min(LEVEL_MAX, round(rng.gauss(base, 0.9))))
        evidence = "Werkinstructie en steekproef" if level >= 3 and question.evidence_requested else ""
        answers[question.pk] = services.AnswerInput(level, evidence)
    services.answers_save(
        actor=actor_for(user=assignment.respondent), assignment=assignment, answers=answers, submit=submit
    )


def _scan(title: str, *, previous: Scan | None, base: float, seed: int, days_ago: int, close: bool) -> Scan:
    coordinator = actor_for(user=User.objects.get(username=COORDINATOR))
    owners = [User.objects.get(username=name) for name in OWNERS]
    rng = random.Random(seed)  # noqa: S311 - synthetic demo answers, not a secret
    opened = timezone.now() - timedelta(days=days_ago)
    scan = services.scan_open(actor=coordinator, title=title, previous=previous, at=opened)
    services.exposure_set(actor=coordinator, scan=scan, levels=EXPOSURE)
    draft_left = not close
    for topic in scan.scan_model.topics.all():
        indexes = PROCESS_OWNERS[topic.key] if topic.kind == TopicKind.PROCESS else (0, 1, 2)
        for index in indexes:
            assignment = services.assignment_add(actor=coordinator, scan=scan, topic=topic, respondent=owners[index])
            # In the open re-scan, the third owner has not submitted the population register yet.
            submit = not (draft_left and topic.key == "brp" and index == 2)
            weak = topic.key in {"subsidies", "informatie"}
            _answer(assignment, rng, base - (1.2 if weak else 0), submit=submit)
    if close:
        scan = services.scan_close(actor=coordinator, scan=scan, expected_version=None, at=opened + timedelta(days=42))
    return scan


def _actions(scan: Scan, plan: list[tuple[str, str, int, int, list[str]]]) -> None:
    coordinator = actor_for(user=User.objects.get(username=COORDINATOR))
    topics = {t.key: t for t in scan.scan_model.topics.all()}
    for title, key, owner_index, due_days, statuses in plan:
        owner = User.objects.get(username=OWNERS[owner_index])
        action = services.action_create(
            actor=coordinator,
            scan=scan,
            title=title,
            owner=owner,
            due_date=timezone.localdate() + timedelta(days=due_days),
            topic=topics[key],
        )
        for status in statuses:
            action = services.action_status_change(
                actor=coordinator, action=action, to_status=status, expected_version=None
            )


@transaction.atomic
def resilience_demo_load() -> None:
    if Scan.objects.filter(organisation__name=ORGANISATION).exists():
        return
    first = _scan("Weerbaarheidsscan 2025", previous=None, base=1.8, seed=2025, days_ago=365, close=True)
    _actions(
        first,
        [
            ("Bibob-beleidslijn actualiseren voor horeca en vastgoed", "vergunningen", 0, -30, [ActionStatus.DONE]),
            ("Adresonderzoek bij meer dan zes inschrijvingen op één adres", "brp", 1, -10, [ActionStatus.IN_PROGRESS]),
            ("Steekproef op besteding van subsidies", "subsidies", 1, 45, []),
            ("Raadplegingen van dossiers loggen en controleren", "informatie", 2, 60, [ActionStatus.IN_PROGRESS]),
            ("Integriteitsverklaring in aanbestedingen", "inkoop-aanbesteding", 0, -60, [ActionStatus.DONE]),
            ("Rotatie van toezichthouders in het buitengebied", "toezicht-handhaving", 2, 20, [ActionStatus.DROPPED]),
        ],
    )
    second = _scan("Weerbaarheidsscan 2026", previous=first, base=2.5, seed=2026, days_ago=14, close=False)
    _actions(
        second,
        [
            ("Signalenkaart voor baliemedewerkers reisdocumenten", "reisdocumenten", 2, 90, []),
            ("Dilemmasessies in de teams vergunningen en handhaving", "bewustzijn", 0, 120, []),
        ],
    )
