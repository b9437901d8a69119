# SPDX-License-Identifier: EUPL-1.2
"""Demo awareness training at Gemeente Tilburg, through the real services: four departments, a training
round of the shipped module with a due date a month ahead, and completions.

Vergunningen (24 staff, 20 passed), Handhaving (18, 11), Publiekszaken (30, 12) and Financiën (8, 5: fewer
than 10, so its figures are suppressed). The line manager ``leidinggevende.tilburg`` leads Vergunningen;
``medewerker1.tilburg`` works there and has not done the training yet. The other staff are records without a
log-in (no password is hashed for them, which keeps the load fast); every name is invented. Idempotent:
does nothing when Tilburg has departments.
"""

from datetime import timedelta

from django.apps import apps as django_apps
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.constants import ROLE_PERMISSIONS, Role
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor
from weerbaar.organisations.models import Organisation
from weerbaar.training import services
from weerbaar.training.models import Department, Module
from weerbaar.training.standard import TITLE, install

ORGANISATION = "Gemeente Tilburg"
#: (department, staff, passed)
DEPARTMENTS = (("Vergunningen", 24, 20), ("Handhaving", 18, 11), ("Publiekszaken", 30, 12), ("Financiën", 8, 5))
FIRST = ("Anna", "Bas", "Chantal", "Dirk", "Esra", "Frank", "Gwen", "Hamza", "Iris", "Jeroen", "Kim", "Luuk")
LAST = ("Aarts", "Bosch", "Claassen", "Donkers", "Evers", "Fleuren", "Gerritsen", "Hoeks", "IJpelaar", "Jacobs")


def answers_for(module: Module, *, right: int) -> dict[int, int]:
    """Answers to every scenario of ``module``: the first ``right`` ones right, the rest wrong."""
    result = {}
    for number, scenario in enumerate(module.scenarios.prefetch_related("options"), start=1):
        options = list(scenario.options.all())
        good = next(o for o in options if o.correct)
        bad = next(o for o in options if not o.correct)
        result[scenario.pk] = (good if number <= right else bad).pk
    return result


def _coordinator(organisation: Organisation) -> Actor:
    """The resilience coordinator acting for Tilburg: the demo's coordinator when it exists, otherwise the
    line manager given the coordinator's role for the load only (nothing is stored about that)."""
    user = User.objects.filter(username="weerbaarheid.tilburg").first() or User.objects.get(
        username="leidinggevende.tilburg"
    )
    role = Role.WEERBAARHEIDSCOORDINATOR
    return Actor(user=user, organisation=organisation, roles=frozenset({role}), permissions=ROLE_PERMISSIONS[role])


def _staff(organisation: Organisation, department: str, count: int) -> list[User]:
    """Staff records without a log-in (an unusable password), each with the staff member's role."""
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=f"demo.{department.lower()[:6]}.{n:02d}",
            first_name=FIRST[n % len(FIRST)],
            last_name=LAST[(n * 7 + len(department)) % len(LAST)],
            email="",
            home_organisation=organisation,
            password=unusable,
        )
        for n in range(count)
    )
    RoleAssignment.objects.bulk_create(
        RoleAssignment(user=user, organisation=organisation, role=Role.MEDEWERKER) for user in users
    )
    return users


@transaction.atomic
def training_demo_load() -> None:
    organisation = Organisation.objects.get(name=ORGANISATION)
    if Department.objects.filter(organisation=organisation).exists():
        return
    coordinator = _coordinator(organisation)
    manager = User.objects.get(username="leidinggevende.tilburg")
    colleague = User.objects.get(username="medewerker1.tilburg")
    install(django_apps)  # the shipped module; a test that empties the database removed it
    module = Module.objects.get(organisation__isnull=True, title=TITLE)
    due = timezone.localdate() + timedelta(days=30)
    for name, size, passed in DEPARTMENTS:
        department = services.department_create(actor=coordinator, name=name)
        staff = _staff(organisation, name, size - 1 if name == "Vergunningen" else size)
        if name == "Vergunningen":
            staff.append(colleague)  # last: among those who have not passed yet
        services.department_members_set(
            actor=coordinator,
            department=department,
            members=staff,
            managers=[manager] if name == "Vergunningen" else [],
        )
        services.assignment_create(actor=coordinator, module=module, due_date=due, department=department)
        for n, user in enumerate(staff[:passed]):
            taker = actor_for(user=user, organisation_uuid=organisation.uuid)
            if n % 4 == 0:  # a quarter needed a second try
                services.attempt_submit(actor=taker, module=module, answers=answers_for(module, right=2))
            services.attempt_submit(actor=taker, module=module, answers=answers_for(module, right=5 + n % 2))
