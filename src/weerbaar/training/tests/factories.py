# SPDX-License-Identifier: EUPL-1.2
"""Builders for training tests: a municipality's coordinator, departments with staff, the shipped module,
and answers that pass or fail it."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor
from weerbaar.organisations.models import Organisation
from weerbaar.training import services
from weerbaar.training.models import Department, Module
from weerbaar.training.standard import TITLE


def actor_of_user(user: User, organisation: Organisation) -> Actor:
    return actor_for(user=user, organisation_uuid=organisation.uuid)


def shipped_module() -> Module:
    return Module.objects.get(organisation__isnull=True, title=TITLE)


def answers_for(module: Module, *, right: int) -> dict[int, int]:
    """Answers to every scenario of ``module``: the first ``right`` ones right, the rest wrong."""
    result = {}
    for number, scenario in enumerate(module.scenarios.prefetch_related("options"), start=1):
        options = list(scenario.options.all())
        good = next(o for o in options if o.correct)
        bad = next(o for o in options if not o.correct)
        result[scenario.pk] = (good if number <= right else bad).pk
    return result


def department_with_staff(
    coordinator: Actor,
    make_user: Callable[..., User],
    name: str,
    size: int,
    *,
    manager: User | None = None,
) -> tuple[Department, list[User]]:
    organisation = coordinator.organisation
    assert organisation is not None
    department = services.department_create(actor=coordinator, name=name)
    staff = [
        make_user(organisation=organisation, role=Role.MEDEWERKER, username=f"{name.lower()}{i}") for i in range(size)
    ]
    services.department_members_set(
        actor=coordinator, department=department, members=staff, managers=[manager] if manager else []
    )
    return department, staff


def pass_module(user: User, organisation: Organisation, module: Module) -> Any:
    actor = actor_of_user(user, organisation)
    return services.attempt_submit(actor=actor, module=module, answers=answers_for(module, right=99))


def in_days(days: int) -> Any:
    return timezone.localdate() + timedelta(days=days)
