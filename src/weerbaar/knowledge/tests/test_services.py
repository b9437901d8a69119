# SPDX-License-Identifier: EUPL-1.2
"""The knowledge base's writes: versioning, the anonymity check, sharing, and who may write."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from weerbaar.accounts.constants import Role
from weerbaar.audit.models import AuditEvent
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.knowledge import selectors, services
from weerbaar.knowledge.constants import Phenomenon
from weerbaar.knowledge.models import BarrierModelVersion
from weerbaar.knowledge.services import BarrierInput, StepInput
from weerbaar.knowledge.tests.factories import actor_of_user, editor, make_case, make_model, make_person
from weerbaar.organisations.constants import OrganisationType

pytestmark = pytest.mark.django_db


def test_create_writes_version_one_with_its_steps_barriers_and_references(tilburg):
    actor = editor(tilburg)
    model = make_model(actor)

    assert model.version == 1
    assert model.organisation == tilburg
    assert not model.shared
    version = selectors.barrier_model_version(barrier_model=model)
    assert version is not None
    assert version.created_by == actor.user
    assert [step.name for step in version.steps.all()] == ["Stap 1", "Stap 2"]
    first = version.steps.all()[0].barriers.all()[0]
    assert first.owner_type == OrganisationType.GEMEENTE
    assert [(r.kind, r.label) for r in first.references.all()] == [("gebiedsmaatregel", "Camera's bij de wegen")]
    assert AuditEvent.objects.filter(object_uuid=model.uuid, action="create").exists()


def test_editing_writes_a_new_version_and_keeps_the_old_one(tilburg):
    actor = editor(tilburg)
    model = make_model(actor)
    first_keys = {b.key for b in selectors.barrier_model_version(barrier_model=model).steps.all()[0].barriers.all()}

    changed = StepInput(
        name="Stap 1 herzien",
        barriers=(BarrierInput(description="Nieuwe barrière", owner_type=OrganisationType.RIEC),),
    )
    model = services.barrier_model_step_save(
        actor=actor, barrier_model=model, expected_version=1, position=1, step=changed, change_note="Stap 1 herzien"
    )

    assert model.version == 2
    old = selectors.barrier_model_version(barrier_model=model, number=1)
    new = selectors.barrier_model_version(barrier_model=model, number=2)
    assert [s.name for s in old.steps.all()] == ["Stap 1", "Stap 2"]
    assert [s.name for s in new.steps.all()] == ["Stap 1 herzien", "Stap 2"]
    assert new.change_note == "Stap 1 herzien"
    assert new.created_by == actor.user
    # The untouched step's barriers keep their identity; the replaced ones are new.
    assert {b.key for b in new.steps.all()[1].barriers.all()} == {b.key for b in old.steps.all()[1].barriers.all()}
    assert not first_keys & {b.key for b in new.steps.all()[0].barriers.all()}
    assert [v.number for v in selectors.barrier_model_history(barrier_model=model)] == [2, 1]
    assert BarrierModelVersion.objects.filter(barrier_model=model).count() == 2


def test_adding_and_removing_a_step(tilburg):
    actor = editor(tilburg)
    model = make_model(actor)
    model = services.barrier_model_step_save(
        actor=actor, barrier_model=model, expected_version=1, position=None, step=StepInput(name="Geld"), change_note=""
    )
    assert [s.name for s in model.current.steps.all()] == ["Stap 1", "Stap 2", "Geld"]
    model = services.barrier_model_step_remove(
        actor=actor, barrier_model=model, expected_version=2, position=1, change_note="Stap 1 weg"
    )
    assert [s.name for s in model.current.steps.all()] == ["Stap 2", "Geld"]
    with pytest.raises(ValidationError):
        services.barrier_model_step_remove(
            actor=actor, barrier_model=model, expected_version=3, position=9, change_note=""
        )


def test_a_stale_edit_is_refused(tilburg):
    actor = editor(tilburg)
    model = make_model(actor)
    services.barrier_model_step_save(
        actor=actor, barrier_model=model, expected_version=1, position=None, step=StepInput(name="A"), change_note=""
    )
    with pytest.raises(StaleVersionError):
        services.barrier_model_step_save(
            actor=actor,
            barrier_model=model,
            expected_version=1,
            position=None,
            step=StepInput(name="B"),
            change_note="",
        )


def test_an_unknown_owner_type_is_refused(tilburg):
    actor = editor(tilburg)
    bad = [StepInput(name="X", barriers=(BarrierInput(description="Y", owner_type="niets"),))]
    with pytest.raises(ValidationError):
        services.barrier_model_create(actor=actor, title="T", phenomenon=Phenomenon.OVERIG, steps=bad)


def test_only_the_author_organisations_editors_write(tilburg, amsterdam):
    model = make_model(editor(tilburg), shared=True)
    other = editor(amsterdam)
    reader = actor_of_user(make_person(tilburg, Role.PROCESEIGENAAR))

    for actor in (other, reader):
        with pytest.raises(PermissionDenied):
            services.barrier_model_share(actor=actor, barrier_model=model, shared=False)
        with pytest.raises(PermissionDenied):
            services.barrier_model_step_save(
                actor=actor,
                barrier_model=model,
                expected_version=1,
                position=None,
                step=StepInput(name="Z"),
                change_note="",
            )
    with pytest.raises(PermissionDenied):
        services.barrier_model_create(actor=reader, title="T", phenomenon=Phenomenon.OVERIG)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Een auto met kenteken 12-ABC-3 reed weg.", "licence plate"),
        ("Mail naar piet@example.nl voor meer.", "e-mail address"),
        ("Bel 06-12345678 als het weer gebeurt.", "phone number"),
        ("Geld ging naar NL91ABNA0417164300.", "bank account number"),
        ("Het pand aan 5038 AB 12 stond leeg.", "address"),
    ],
)
def test_a_practice_case_refuses_identifiers(tilburg, text, kind):
    actor = editor(tilburg)
    with pytest.raises(ValidationError) as refused:
        services.practice_case_create(
            actor=actor, title="Casus", phenomenon=Phenomenon.OVERIG, what_happened=text, lessons="Les"
        )
    assert "what_happened" in refused.value.message_dict
    assert kind in refused.value.message_dict["what_happened"][0]


def test_a_practice_case_allows_service_numbers_and_plain_text(tilburg):
    case = services.practice_case_create(
        actor=editor(tilburg),
        title="Casus",
        phenomenon=Phenomenon.OVERIG,
        what_happened="De boer belde 0900-8844 over een schuur in het buitengebied.",
        lessons="Les",
    )
    assert case.pk is not None


def test_a_practice_case_links_only_visible_barriers(tilburg, amsterdam):
    own = editor(tilburg)
    own_model = make_model(own)
    hidden = make_model(editor(amsterdam))
    own_key = str(own_model.current.steps.all()[0].barriers.all()[0].key)
    hidden_key = str(hidden.current.steps.all()[0].barriers.all()[0].key)

    case = make_case(own, barrier_keys=[own_key])
    assert case.barrier_keys == [own_key]
    with pytest.raises(ValidationError):
        make_case(own, barrier_keys=[hidden_key])
    with pytest.raises(ValidationError):
        make_case(own, barrier_keys=["geen-uuid"])
    assert selectors.practice_cases_for(actor=own, barrier_model=own_model) == [case]


def test_updating_a_practice_case_checks_again_and_versions(tilburg):
    actor = editor(tilburg)
    case = make_case(actor)
    with pytest.raises(ValidationError):
        services.practice_case_update(
            actor=actor,
            case=case,
            expected_version=1,
            title="T",
            phenomenon=Phenomenon.OVERIG,
            what_happened="info@example.nl",
            lessons="L",
        )
    updated = services.practice_case_update(
        actor=actor,
        case=case,
        expected_version=1,
        title="T",
        phenomenon=Phenomenon.OVERIG,
        what_happened="Anders",
        lessons="L",
    )
    assert updated.version == 2
    with pytest.raises(StaleVersionError):
        services.practice_case_update(
            actor=actor,
            case=case,
            expected_version=1,
            title="T",
            phenomenon=Phenomenon.OVERIG,
            what_happened="Anders",
            lessons="L",
        )


def test_sharing_is_audited_and_reversible(tilburg):
    actor = editor(tilburg)
    model = make_model(actor)
    services.barrier_model_share(actor=actor, barrier_model=model, shared=True)
    assert model.shared
    services.barrier_model_share(actor=actor, barrier_model=model, shared=False)
    assert not model.shared
    assert AuditEvent.objects.filter(object_uuid=model.uuid, action="update").count() == 2


def test_a_barrier_model_refuses_identifiers_too(tilburg):
    actor = editor(tilburg)
    with pytest.raises(ValidationError) as refused:
        services.barrier_model_create(
            actor=actor,
            title="T",
            phenomenon=Phenomenon.OVERIG,
            steps=[StepInput(name="Opslag", facilitators="Verhuurder, bel 06-12345678")],
        )
    assert "facilitators" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.barrier_model_create(
            actor=actor,
            title="T",
            phenomenon=Phenomenon.OVERIG,
            steps=[
                StepInput(
                    name="Opslag",
                    barriers=(
                        BarrierInput(description="Controle bij 5038 AB 12", owner_type=OrganisationType.GEMEENTE),
                    ),
                )
            ],
        )
    assert "barriers" in refused.value.message_dict
