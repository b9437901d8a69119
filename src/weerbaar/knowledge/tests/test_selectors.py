# SPDX-License-Identifier: EUPL-1.2
"""What each actor sees of the knowledge base, and the search."""

import pytest

from weerbaar.accounts.constants import Role
from weerbaar.knowledge import selectors, services
from weerbaar.knowledge.constants import Phenomenon
from weerbaar.knowledge.services import BarrierInput, StepInput
from weerbaar.knowledge.tests.factories import actor_of_user, editor, make_case, make_model, make_person
from weerbaar.organisations.constants import OrganisationType

pytestmark = pytest.mark.django_db


def test_others_see_shared_items_only(tilburg, amsterdam):
    author = editor(tilburg)
    private = make_model(author, title="Eigen model")
    shared = make_model(author, shared=True, title="Gedeeld model")
    private_case = make_case(author)
    shared_case = make_case(author, shared=True)
    colleague = actor_of_user(make_person(tilburg, Role.PROCESEIGENAAR))
    other = editor(amsterdam)

    assert set(selectors.barrier_model_list(actor=colleague)) == {private, shared}
    assert list(selectors.barrier_model_list(actor=other)) == [shared]
    assert selectors.barrier_model_get(actor=other, uuid=private.uuid) is None
    assert selectors.barrier_model_get(actor=other, uuid=shared.uuid) == shared
    assert set(selectors.practice_case_list(actor=colleague)) == {private_case, shared_case}
    assert list(selectors.practice_case_list(actor=other)) == [shared_case]
    assert selectors.practice_case_get(actor=other, uuid="geen-uuid") is None


def test_without_the_code_nothing_is_seen(tilburg):
    make_model(editor(tilburg), shared=True)
    staff = actor_of_user(make_person(tilburg, Role.MEDEWERKER))
    assert not selectors.barrier_model_list(actor=staff).exists()
    assert not selectors.barriers_for(actor=staff, phenomenon=Phenomenon.DRUGSAFVALDUMPING).exists()


def test_search_by_text_phenomenon_and_owner_type(tilburg):
    actor = editor(tilburg)
    waste = make_model(actor, title="Drugsafval")
    housing = services.barrier_model_create(
        actor=actor,
        title="Huisvesting",
        phenomenon=Phenomenon.HUISVESTING_ARBEIDSMIGRANTEN,
        steps=[
            StepInput(
                name="Werving",
                needs="Uitzendbureau",
                barriers=(BarrierInput(description="Inspectie", owner_type=OrganisationType.BELASTINGDIENST),),
            )
        ],
    )

    assert list(selectors.barrier_model_list(actor=actor, text="werving")) == [housing]
    assert list(selectors.barrier_model_list(actor=actor, text="uitzendbureau")) == [housing]
    assert list(selectors.barrier_model_list(actor=actor, text="barrière 1")) == [waste]
    assert list(selectors.barrier_model_list(actor=actor, phenomenon=Phenomenon.DRUGSAFVALDUMPING)) == [waste]
    assert list(selectors.barrier_model_list(actor=actor, owner_type=OrganisationType.BELASTINGDIENST)) == [housing]
    assert set(selectors.barrier_model_list(actor=actor, owner_type=OrganisationType.GEMEENTE)) == {waste}


def test_search_looks_at_the_current_version_only(tilburg):
    actor = editor(tilburg)
    model = make_model(actor)
    services.barrier_model_step_remove(actor=actor, barrier_model=model, expected_version=1, position=1, change_note="")
    assert not selectors.barrier_model_list(actor=actor, text="Stap 1").exists()
    assert list(selectors.barrier_model_list(actor=actor, text="Stap 2")) == [model]


def test_barriers_for_a_phenomenon_are_those_of_current_visible_versions(tilburg, amsterdam):
    actor = editor(tilburg)
    model = make_model(actor)
    make_model(editor(amsterdam))  # not shared: never seen from Tilburg
    services.barrier_model_step_remove(actor=actor, barrier_model=model, expected_version=1, position=1, change_note="")

    barriers = list(selectors.barriers_for(actor=actor, phenomenon=Phenomenon.DRUGSAFVALDUMPING))
    assert [b.description for b in barriers] == ["Barrière 2", "Controle 2"]
    assert not selectors.barriers_for(actor=actor, phenomenon=Phenomenon.MENSENHANDEL).exists()
    assert len(selectors.barrier_choices(actor=actor)) == 2
