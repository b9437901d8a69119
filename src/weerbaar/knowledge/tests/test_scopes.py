# SPDX-License-Identifier: EUPL-1.2
"""The rules of ``scopes.py`` agree with themselves everywhere they are used, on random worlds.

Each example builds two municipalities, a RIEC and a private partner, people with random roles (screened or
not), barrier models and practice cases written by random editors, some shared. Then, for every (actor,
item): the policy, the ``is_*`` checks and the selectors agree with membership in the list-level filters —
both ways — and an editor of another organisation never edits.
"""

from functools import partial
from itertools import count
from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.scopes import make_person
from weerbaar.accounts.constants import Perm, Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor, can
from weerbaar.knowledge import scopes, selectors, services
from weerbaar.knowledge.models import BarrierModel, PracticeCase
from weerbaar.knowledge.tests.factories import make_case, make_model
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.services import organisation_create

ROLES = [
    Role.WEERBAARHEIDSCOORDINATOR,
    Role.RIEC_ANALIST,
    Role.PROCESEIGENAAR,
    Role.CASUSREGISSEUR,
    Role.MEDEWERKER,
    Role.RAADSLID,
    Role.PARTNERVERTEGENWOORDIGER,
]
ORG_TYPES = [OrganisationType.GEMEENTE, OrganisationType.GEMEENTE, OrganisationType.RIEC, OrganisationType.AGRARISCH]
_seq = count(1)
_person = partial(make_person, label="Kennis")

world = st.fixed_dictionaries(
    {
        "people": st.lists(
            st.tuples(st.integers(0, len(ORG_TYPES) - 1), st.sampled_from(ROLES), st.booleans()),
            min_size=1,
            max_size=5,
        ),
        # (author organisation among the public ones, shared) per item
        "models": st.lists(st.tuples(st.integers(0, 2), st.booleans()), min_size=1, max_size=3),
        "cases": st.lists(st.tuples(st.integers(0, 2), st.booleans()), max_size=2),
    }
)


def _build(plan: dict[str, Any]) -> tuple[list[Actor], list[BarrierModel], list[PracticeCase]]:
    orgs = [organisation_create(actor=None, name=f"Organisatie {next(_seq)}", type=t) for t in ORG_TYPES]
    editors = [
        actor_for(user=_person(orgs[0], Role.WEERBAARHEIDSCOORDINATOR, True)),
        actor_for(user=_person(orgs[1], Role.WEERBAARHEIDSCOORDINATOR, False)),
        actor_for(user=_person(orgs[2], Role.RIEC_ANALIST, True)),
    ]
    users = [_person(orgs[i], role, screened) for i, role, screened in plan["people"]]
    models = [make_model(editors[i], shared=shared) for i, shared in plan["models"]]
    cases = [make_case(editors[i], shared=shared) for i, shared in plan["cases"]]
    return editors + [actor_for(user=u) for u in users], models, cases


class KnowledgeScopeAgreement(TestCase):
    @settings(max_examples=25, deadline=None)
    @given(plan=world)
    def test_the_rules_agree_everywhere(self, plan: dict[str, Any]) -> None:
        actors, models, cases = _build(plan)
        for actor in actors:
            listed = set(selectors.barrier_model_list(actor=actor))
            editable = set(BarrierModel.objects.filter(scopes.barrier_model_editable(actor)))
            listed_cases = set(selectors.practice_case_list(actor=actor))
            editable_cases = set(PracticeCase.objects.filter(scopes.practice_case_editable(actor)))
            for model in models:
                visible = model in listed
                event(f"visible: {visible}")
                assert can(actor, Perm.KNOWLEDGE_VIEW, model) == visible
                assert scopes.is_visible(actor, model) == visible
                assert (selectors.barrier_model_get(actor=actor, uuid=model.uuid) is not None) == visible
                assert visible == (
                    Perm.KNOWLEDGE_VIEW in actor.permissions
                    and (model.shared or model.organisation_id == actor.organisation_id)
                )
                edits = model in editable
                assert can(actor, Perm.KNOWLEDGE_EDIT, model) == edits
                assert edits == (
                    Perm.KNOWLEDGE_EDIT in actor.permissions and model.organisation_id == actor.organisation_id
                )
                assert not edits or visible
                keys = [str(b.key) for s in model.current.steps.all() for b in s.barriers.all()]
                assert bool(selectors.barriers_by_key(actor=actor, keys=keys)) == visible
            for case in cases:
                visible = case in listed_cases
                assert can(actor, Perm.KNOWLEDGE_VIEW, case) == visible
                assert (selectors.practice_case_get(actor=actor, uuid=case.uuid) is not None) == visible
                assert can(actor, Perm.KNOWLEDGE_EDIT, case) == (case in editable_cases)
        # Sharing is reversible and the rules follow it.
        model = models[0]
        owner = next(a for a in actors[:3] if a.organisation_id == model.organisation_id)
        services.barrier_model_share(actor=owner, barrier_model=model, shared=not model.shared)
        for actor in actors:
            expected = Perm.KNOWLEDGE_VIEW in actor.permissions and (
                model.shared or model.organisation_id == actor.organisation_id
            )
            assert scopes.is_visible(actor, model) == expected
