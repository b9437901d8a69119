# SPDX-License-Identifier: EUPL-1.2
"""A municipality running the resilience scan, built through the services (as the demo and the pages do)."""

from dataclasses import dataclass, field
from datetime import timedelta
from itertools import count

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.helpers import PASSWORD
from weerbaar.accounts import services as account_services
from weerbaar.accounts.constants import Role, ScreeningStatus
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.organisations.services import organisation_create
from weerbaar.resilience import services
from weerbaar.resilience.models import Assignment, ImprovementAction, Scan, Topic

_seq = count(1)


def make_organisation(name: str | None = None) -> Organisation:
    return organisation_create(actor=None, name=name or f"Gemeente Scan {next(_seq)}", type=OrganisationType.GEMEENTE)


def make_person(organisation: Organisation, role: str) -> User:
    n = next(_seq)
    user, _password = account_services.user_create(
        actor=None,
        username=f"scan{n}",
        first_name="Test",
        last_name=f"Scan {n}",
        email=f"scan{n}@example.invalid",
        home_organisation=organisation,
        role=role,
        screening_status=ScreeningStatus.PASSED,
        password=PASSWORD,
    )
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return user


def actor(user: User) -> Actor:
    return actor_for(user=user)


@dataclass
class Office:
    """A municipality with a coordinator, three process owners, a council member, a line manager and a
    colleague (staff member)."""

    organisation: Organisation
    coordinator: User
    owners: list[User]
    council: User
    line_manager: User
    colleague: User
    scans: list[Scan] = field(default_factory=list)

    @property
    def manager(self) -> Actor:
        return actor(self.coordinator)


def make_office(name: str | None = None) -> Office:
    organisation = make_organisation(name)
    return Office(
        organisation=organisation,
        coordinator=make_person(organisation, Role.WEERBAARHEIDSCOORDINATOR),
        owners=[make_person(organisation, Role.PROCESEIGENAAR) for _ in range(3)],
        council=make_person(organisation, Role.RAADSLID),
        line_manager=make_person(organisation, Role.LEIDINGGEVENDE),
        colleague=make_person(organisation, Role.MEDEWERKER),
    )


def topic(scan: Scan, key: str) -> Topic:
    return scan.scan_model.topics.get(key=key)


def answer_all(assignment: Assignment, levels: list[int] | int, *, submit: bool = True, evidence: str = "") -> None:
    questions = list(assignment.topic.questions.all())
    given = levels if isinstance(levels, list) else [levels] * len(questions)
    services.answers_save(
        actor=actor(assignment.respondent),
        assignment=assignment,
        answers={q.pk: services.AnswerInput(level, evidence) for q, level in zip(questions, given, strict=True)},
        submit=submit,
    )


def scanned(
    office: Office,
    *,
    level: int = 2,
    keys: tuple[str, ...] = ("vergunningen", "bewustzijn"),
    close: bool = True,
    previous: Scan | None = None,
) -> Scan:
    """A scan in which every owner answered every key at ``level`` (closed unless told otherwise)."""
    manager = office.manager
    scan = services.scan_open(actor=manager, title="Scan", previous=previous)
    for key in keys:
        for owner in office.owners:
            assignment = services.assignment_add(actor=manager, scan=scan, topic=topic(scan, key), respondent=owner)
            answer_all(assignment, level)
    if close:
        scan = services.scan_close(actor=manager, scan=scan, expected_version=None)
    office.scans.append(scan)
    return scan


def make_action(office: Office, scan: Scan, *, owner: User | None = None) -> ImprovementAction:
    return services.action_create(
        actor=office.manager,
        scan=scan,
        title="Bibob-beleid actualiseren",
        owner=owner or office.owners[0],
        due_date=timezone.localdate() + timedelta(days=90),
        topic=topic(scan, "vergunningen"),
    )
