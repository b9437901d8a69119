# SPDX-License-Identifier: EUPL-1.2
"""The knowledge pages through the client: search, reading versions, editing steps, sharing, the content
check on the form, and the PDF."""

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from tests.helpers import verified_client
from tests.pdf import assert_tagged_and_marked, assert_words_fit, pdf_text
from weerbaar.accounts.constants import Role
from weerbaar.audit.models import AuditEvent
from weerbaar.knowledge.constants import FacilitatorKind, Phenomenon, ScanTopic
from weerbaar.knowledge.models import BarrierModel, PracticeCase
from weerbaar.knowledge.tests.factories import editor, make_case, make_model, make_person
from weerbaar.organisations.constants import OrganisationType

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def dutch() -> Any:
    with translation.override("nl"):
        yield


def _client(organisation: Any, role: str = Role.WEERBAARHEIDSCOORDINATOR) -> Any:
    return verified_client(make_person(organisation, role))


def _step_post(version: int, **extra: str) -> dict[str, str]:
    data = {
        "version": str(version),
        "name": "Opslag",
        "needs": "Een schuur",
        "facilitators": "Verhuurders van loodsen",
        "facilitator_kind": FacilitatorKind.UNWITTING,
        "change_note": "Stap over opslag",
        "barrier-TOTAL_FORMS": "2",
        "barrier-INITIAL_FORMS": "0",
        "barrier-0-description": "Controle van leegstaande loodsen",
        "barrier-0-owner_type": OrganisationType.GEMEENTE,
        "barrier-0-reference_kind": "gebiedsmaatregel",
        "barrier-0-reference_label": "Schouw buitengebied",
    }
    data.update(extra)
    return data


def test_list_and_search(tilburg, amsterdam):
    own = make_model(editor(tilburg), title="Drugsafval Brabant")
    make_model(editor(amsterdam), title="Verborgen model")
    shared = make_model(editor(amsterdam), shared=True, title="Gedeeld huisvestingsmodel")
    client = _client(tilburg, Role.PROCESEIGENAAR)

    page = client.get(reverse("knowledge:models")).content.decode()
    assert own.title in page and shared.title in page and "Verborgen model" not in page
    page = client.get(reverse("knowledge:models"), {"q": "huisvesting"}).content.decode()
    assert shared.title in page and own.title not in page
    page = client.get(reverse("knowledge:models"), {"owner_type": "politie"}).content.decode()
    assert own.title in page
    assert client.get(reverse("knowledge:models"), {"phenomenon": "niets"}).status_code == 200
    assert AuditEvent.objects.filter(action="search", object_type="knowledge.barriermodel").exists()


def test_a_reader_cannot_edit(tilburg):
    model = make_model(editor(tilburg))
    client = _client(tilburg, Role.PROCESEIGENAAR)
    page = client.get(reverse("knowledge:model", args=[model.uuid])).content.decode()
    assert reverse("knowledge:step_add", args=[model.uuid]) not in page
    assert client.get(reverse("knowledge:step_add", args=[model.uuid])).status_code == 403


def test_a_shared_model_of_another_organisation_is_read_only(tilburg, amsterdam):
    model = make_model(editor(amsterdam), shared=True)
    client = _client(tilburg)
    page = client.get(reverse("knowledge:model", args=[model.uuid]))
    assert page.status_code == 200
    assert reverse("knowledge:step_add", args=[model.uuid]) not in page.content.decode()
    assert client.get(reverse("knowledge:step_add", args=[model.uuid])).status_code == 404
    assert client.post(reverse("knowledge:model_share", args=[model.uuid]), {"shared": ""}).status_code == 404
    assert BarrierModel.objects.get(pk=model.pk).shared


def test_adding_a_step_makes_a_new_version_and_the_old_one_stays_readable(tilburg):
    model = make_model(editor(tilburg))
    client = _client(tilburg)

    response = client.post(reverse("knowledge:step_add", args=[model.uuid]), _step_post(1))
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.version == 2
    current = client.get(reverse("knowledge:model", args=[model.uuid])).content.decode()
    assert "Opslag" in current and "Schouw buitengebied" in current and "Stap over opslag" in current
    old = client.get(reverse("knowledge:model", args=[model.uuid]), {"versie": "1"}).content.decode()
    assert 'data-testid="old-version"' in old and "Opslag" not in old
    assert client.get(reverse("knowledge:model", args=[model.uuid]), {"versie": "9"}).status_code == 404


def test_a_stale_step_form_is_refused_and_bad_input_is_a_message(tilburg):
    model = make_model(editor(tilburg))
    client = _client(tilburg)
    client.post(reverse("knowledge:step_add", args=[model.uuid]), _step_post(1))

    stale = client.post(reverse("knowledge:step_add", args=[model.uuid]), _step_post(1))
    assert stale.status_code == 409
    bad = client.post(
        reverse("knowledge:step_edit", args=[model.uuid, 1]),
        _step_post(2, **{"name": "", "barrier-0-owner_type": "niets", "barrier-0-reference_label": ""}),
    )
    assert bad.status_code == 400
    assert "utrecht-alert--error" in bad.content.decode()
    assert client.get(reverse("knowledge:step_edit", args=[model.uuid, 99])).status_code == 404
    assert BarrierModel.objects.get(pk=model.pk).version == 2


def test_editing_a_step_keeps_untouched_barriers(tilburg):
    model = make_model(editor(tilburg))
    client = _client(tilburg)
    form = client.get(reverse("knowledge:step_edit", args=[model.uuid, 1])).content.decode()
    assert "Barrière 1" in form
    step = model.current.steps.get(position=1)
    barriers = list(step.barriers.all())
    data = _step_post(1)
    data.update(
        {
            "barrier-TOTAL_FORMS": "3",
            "barrier-INITIAL_FORMS": "2",
            "barrier-0-key": str(barriers[0].key),
            "barrier-0-description": barriers[0].description,
            "barrier-0-owner_type": barriers[0].owner_type,
            "barrier-0-reference_kind": "gebiedsmaatregel",
            "barrier-0-reference_label": "Camera's bij de wegen",
            "barrier-0-instruments": barriers[0].instruments,
            "barrier-1-key": str(barriers[1].key),
            "barrier-1-description": barriers[1].description,
            "barrier-1-owner_type": barriers[1].owner_type,
            "barrier-1-DELETE": "on",
        }
    )
    assert client.post(reverse("knowledge:step_edit", args=[model.uuid, 1]), data).status_code == 302
    model.refresh_from_db()
    new_step = model.current.steps.get(position=1)
    assert [b.key for b in new_step.barriers.all()] == [barriers[0].key]


def test_removing_a_step_and_sharing(tilburg, amsterdam):
    model = make_model(editor(tilburg))
    client = _client(tilburg)
    response = client.post(reverse("knowledge:step_remove", args=[model.uuid, 1]), {"version": "1"})
    assert response.status_code == 302
    assert [s.name for s in BarrierModel.objects.get(pk=model.pk).current.steps.all()] == ["Stap 2"]

    other = _client(amsterdam)
    assert other.get(reverse("knowledge:model", args=[model.uuid])).status_code == 404
    client.post(reverse("knowledge:model_share", args=[model.uuid]), {"shared": "on"})
    assert other.get(reverse("knowledge:model", args=[model.uuid])).status_code == 200


def test_creating_a_model_and_editing_its_title(tilburg):
    client = _client(tilburg)
    bad = client.post(reverse("knowledge:model_create"), {"title": "", "phenomenon": "onbekend"})
    assert bad.status_code == 200 and "utrecht-form-field-error-message" in bad.content.decode()
    response = client.post(
        reverse("knowledge:model_create"), {"title": "Mensenhandel", "phenomenon": Phenomenon.MENSENHANDEL}
    )
    model = BarrierModel.objects.get(title="Mensenhandel")
    assert response["Location"] == reverse("knowledge:model", args=[model.uuid])
    response = client.post(
        reverse("knowledge:model_edit", args=[model.uuid]),
        {
            "version": "1",
            "title": "Mensenhandel en uitbuiting",
            "phenomenon": Phenomenon.MENSENHANDEL,
            "summary": "Uitbuiting",
            "change_note": "Titel",
        },
    )
    assert response.status_code == 302
    model.refresh_from_db()
    assert (model.title, model.version) == ("Mensenhandel en uitbuiting", 2)


def test_the_case_form_refuses_identifiers_in_dutch(tilburg):
    client = _client(tilburg)
    response = client.post(
        reverse("knowledge:case_create"),
        {
            "title": "Vaten",
            "phenomenon": Phenomenon.DRUGSAFVALDUMPING,
            "what_happened": "Een bus met kenteken 12-ABC-3 reed weg.",
            "lessons": "Let op.",
        },
    )
    assert response.status_code == 400
    assert "kenteken" in response.content.decode().lower()
    assert not PracticeCase.objects.exists()


def test_a_case_with_linked_barriers(tilburg):
    actor = editor(tilburg)
    model = make_model(actor)
    key = str(model.current.steps.all()[0].barriers.all()[0].key)
    client = _client(tilburg)
    response = client.post(
        reverse("knowledge:case_create"),
        {
            "title": "Vaten in een schuur",
            "phenomenon": Phenomenon.DRUGSAFVALDUMPING,
            "what_happened": "Een loonwerker vond vaten.",
            "lessons": "Vroeg melden helpt.",
            "barrier_keys": [key],
        },
    )
    case = PracticeCase.objects.get()
    assert response["Location"] == reverse("knowledge:case", args=[case.uuid])
    page = client.get(reverse("knowledge:case", args=[case.uuid])).content.decode()
    assert "Barrière 1" in page
    model_page = client.get(reverse("knowledge:model", args=[model.uuid])).content.decode()
    assert "Vaten in een schuur" in model_page
    assert "Vaten in een schuur" in client.get(reverse("knowledge:cases"), {"q": "loonwerker"}).content.decode()


def test_case_edit_and_share(tilburg, amsterdam):
    case = make_case(editor(tilburg))
    client = _client(tilburg)
    other = _client(amsterdam)
    assert other.get(reverse("knowledge:case", args=[case.uuid])).status_code == 404
    client.post(reverse("knowledge:case_share", args=[case.uuid]), {"shared": "on"})
    assert other.get(reverse("knowledge:case", args=[case.uuid])).status_code == 200
    assert other.get(reverse("knowledge:case_edit", args=[case.uuid])).status_code == 404
    stale = client.post(
        reverse("knowledge:case_edit", args=[case.uuid]),
        {"version": "7", "title": "T", "phenomenon": Phenomenon.OVERIG, "what_happened": "W", "lessons": "L"},
    )
    assert stale.status_code == 409


def test_the_pdf_is_tagged_with_classification_and_page_numbers(tilburg):
    from weerbaar.knowledge import services
    from weerbaar.knowledge.tests.factories import steps

    actor = editor(tilburg)
    model = make_model(actor)
    services.barrier_model_revise(
        actor=actor,
        barrier_model=model,
        expected_version=1,
        title=model.title,
        phenomenon=model.phenomenon,
        summary="Een lange samenvatting. " * 20,
        steps=steps(9),
        change_note="Meer stappen",
    )
    client = _client(tilburg, Role.PROCESEIGENAAR)
    response = client.get(reverse("knowledge:model_pdf", args=[model.uuid]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert assert_tagged_and_marked(pdf, classification="Vertrouwelijk") > 1
    assert_words_fit(pdf)
    text = pdf_text(pdf)
    assert "Stap 9" in text and "Barrière 9" in text and "Meer stappen" in text
    old = b"".join(client.get(reverse("knowledge:model_pdf", args=[model.uuid]), {"versie": "1"}).streaming_content)
    assert "Stap 9" not in pdf_text(old)
    assert AuditEvent.objects.filter(action="export", object_uuid=model.uuid).count() == 2


def test_the_step_form_links_a_barrier_to_scan_topics_and_the_next_version_keeps_them(tilburg):
    model = make_model(editor(tilburg))
    client = _client(tilburg)
    step = model.current.steps.get(position=1)
    barriers = list(step.barriers.all())
    data = _step_post(1)
    data.update(
        {
            "barrier-TOTAL_FORMS": "2",
            "barrier-INITIAL_FORMS": "2",
            "barrier-0-key": str(barriers[0].key),
            "barrier-0-description": barriers[0].description,
            "barrier-0-owner_type": barriers[0].owner_type,
            "barrier-0-topics": [ScanTopic.BRP, ScanTopic.VERGUNNINGEN],
            "barrier-1-key": str(barriers[1].key),
            "barrier-1-description": barriers[1].description,
            "barrier-1-owner_type": barriers[1].owner_type,
        }
    )
    assert client.post(reverse("knowledge:step_edit", args=[model.uuid, 1]), data).status_code == 302
    model.refresh_from_db()
    first = model.current.steps.get(position=1).barriers.get(key=barriers[0].key)
    # Stored in the scan's order, whatever order the form sent.
    assert first.topics == [ScanTopic.VERGUNNINGEN, ScanTopic.BRP]
    page = client.get(reverse("knowledge:model", args=[model.uuid])).content.decode()
    assert "Vergunningen en ontheffingen, Basisregistratie personen" in page
    form = client.get(reverse("knowledge:step_edit", args=[model.uuid, 1])).content.decode()
    assert re.search(rf'value="{ScanTopic.BRP}"[^>]*checked', form)
    assert not re.search(rf'value="{ScanTopic.SUBSIDIES}"[^>]*checked', form)
    # Another step added: the next version keeps the barrier's topics.
    added = client.post(reverse("knowledge:step_add", args=[model.uuid]), _step_post(2, name="Afvoer"))
    assert added.status_code == 302
    model.refresh_from_db()
    assert model.current.steps.get(position=1).barriers.get(key=barriers[0].key).topics == first.topics
    api = client.get(reverse("knowledge_api:barrieremodellen-detail", args=[model.uuid])).json()
    assert api["stappen"][0]["barrieres"][0]["scanonderwerpen"] == ["vergunningen", "brp"]
