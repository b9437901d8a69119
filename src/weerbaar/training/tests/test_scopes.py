# SPDX-License-Identifier: EUPL-1.2
"""The policy, the selectors and the scope rules agree for every actor and object of a small world: two
municipalities and a private partner, every role, modules (draft, published, shipped, another organisation's),
attempts of two people and departments managed or not."""

from typing import Any

import pytest

from weerbaar.accounts.constants import Perm, Role
from weerbaar.core.policy import can
from weerbaar.organisations.constants import OrganisationType
from weerbaar.training import scopes, selectors, services
from weerbaar.training.models import Attempt, Department, Module
from weerbaar.training.tests.factories import actor_of_user, department_with_staff, pass_module, shipped_module

pytestmark = pytest.mark.django_db


def test_object_checks_agree_with_the_lists(tilburg: Any, make_org: Any, make_user: Any) -> None:
    other = make_org("Gemeente Ander")
    private = make_org("Agrarische Vereniging", OrganisationType.AGRARISCH)
    coordinators = {
        org.pk: actor_of_user(make_user(organisation=org, role=Role.WEERBAARHEIDSCOORDINATOR), org)
        for org in (tilburg, other)
    }
    manager = make_user(organisation=tilburg, role=Role.LEIDINGGEVENDE)
    department_with_staff(coordinators[tilburg.pk], make_user, "Vergunningen", 2, manager=manager)
    department_with_staff(coordinators[tilburg.pk], make_user, "Handhaving", 2)
    department_with_staff(coordinators[other.pk], make_user, "Burgerzaken", 2)
    for org in (tilburg, other):
        actor = coordinators[org.pk]
        draft = services.module_create(actor=actor, title="Concept", summary="Nog niet af.", pass_mark=70)
        services.page_add(actor=actor, module=draft, title="P", body="T.")
        services.scenario_add(
            actor=actor, module=draft, situation="S", question="V", options=[("A", True, "j"), ("B", False, "n")]
        )
        published = services.module_create(actor=actor, title="Eigen", summary="Af.", pass_mark=70)
        services.page_add(actor=actor, module=published, title="P", body="T.")
        services.scenario_add(
            actor=actor, module=published, situation="S", question="V", options=[("A", True, "j"), ("B", False, "n")]
        )
        services.module_publish(actor=actor, module=published)
    takers = [make_user(organisation=tilburg, role=Role.MEDEWERKER) for _ in range(2)]
    for taker in takers:
        pass_module(taker, tilburg, shipped_module())

    actors = [actor_of_user(manager, tilburg), *(actor_of_user(t, tilburg) for t in takers)]
    for org in (tilburg, other, private):
        for role in Role.values:
            actors.append(actor_of_user(make_user(organisation=org, role=role), org))
    modules, attempts, departments = (
        list(Module.objects.all()),
        list(Attempt.objects.all()),
        list(Department.objects.all()),
    )
    for actor in actors:
        takeable = set(selectors.module_takeable_list(actor=actor))
        managed = set(selectors.module_managed_list(actor=actor))
        own = set(selectors.attempt_list(actor=actor))
        figures = set(Department.objects.filter(scopes.department_figures_visible(actor)))
        for module in modules:
            assert can(actor, Perm.TRAINING_TAKE, module) == (
                module in takeable and Perm.TRAINING_TAKE in actor.permissions
            )
            assert can(actor, Perm.TRAINING_MANAGE, module) == (module in managed)
            assert (selectors.module_take_get(actor=actor, uuid=module.uuid) is not None) == (module in takeable)
        for attempt in attempts:
            assert can(actor, Perm.TRAINING_TAKE, attempt) == (attempt in own)
            assert own <= {a for a in attempts if a.user_id == (actor.user.pk if actor.user else None)}
        for department in departments:
            assert can(actor, Perm.TRAINING_DEPARTMENT, department) == (
                department in figures and Perm.TRAINING_DEPARTMENT in actor.permissions
            )
        if actor.organisation == private:
            assert not (takeable or managed or own or figures)
