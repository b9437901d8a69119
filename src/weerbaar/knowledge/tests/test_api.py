# SPDX-License-Identifier: EUPL-1.2
"""The knowledge base in the API: what each caller sees, the detail's shape, filters and their refusals."""

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.audit.models import AuditEvent
from weerbaar.knowledge.tests.factories import editor, make_case, make_model, make_person

pytestmark = pytest.mark.django_db


def test_lists_show_own_and_shared_items_only(tilburg, amsterdam):
    own = make_model(editor(tilburg), title="Eigen")
    make_model(editor(amsterdam), title="Verborgen")
    shared = make_model(editor(amsterdam), shared=True, title="Gedeeld")
    case = make_case(editor(amsterdam), shared=True)
    make_case(editor(amsterdam))
    client = verified_client(make_person(tilburg, Role.PROCESEIGENAAR))

    body = client.get(reverse("knowledge_api:barrieremodellen-list")).json()
    assert {row["uuid"] for row in body["results"]} == {str(own.uuid), str(shared.uuid)}
    cases = client.get(reverse("knowledge_api:praktijkcasussen-list")).json()
    assert [row["uuid"] for row in cases["results"]] == [str(case.uuid)]
    assert set(cases["results"][0]) == {
        "uuid",
        "titel",
        "fenomeen",
        "organisatie",
        "gedeeld",
        "watGebeurde",
        "lessen",
        "barrieres",
        "gewijzigdOp",
    }


def test_detail_has_steps_barriers_and_versions_but_no_person(tilburg, amsterdam):
    model = make_model(editor(tilburg))
    client = verified_client(make_person(tilburg, Role.RIEC_ANALIST))
    response = client.get(reverse("knowledge_api:barrieremodellen-detail", args=[model.uuid]))
    assert response.status_code == 200
    body = response.json()
    assert [step["naam"] for step in body["stappen"]] == ["Stap 1", "Stap 2"]
    barrier = body["stappen"][0]["barrieres"][0]
    assert barrier["eigenaarType"] == "gemeente"
    assert barrier["verwijzingen"] == [{"soort": "gebiedsmaatregel", "naam": "Camera's bij de wegen"}]
    assert body["versies"][0]["versie"] == 1
    assert "Kennis" not in response.content.decode()  # the editor's name is never in the API
    assert AuditEvent.objects.filter(action="read", object_uuid=model.uuid).exists()

    other = verified_client(make_person(amsterdam, Role.RIEC_ANALIST))
    assert other.get(reverse("knowledge_api:barrieremodellen-detail", args=[model.uuid])).status_code == 404


def test_filters_and_their_refusals(tilburg):
    model = make_model(editor(tilburg))
    client = verified_client(make_person(tilburg, Role.WEERBAARHEIDSCOORDINATOR))
    url = reverse("knowledge_api:barrieremodellen-list")
    assert client.get(url, {"eigenaarType": "politie"}).json()["count"] == 1
    assert client.get(url, {"eigenaarType": "riec"}).json()["count"] == 0
    assert client.get(url, {"fenomeen": model.phenomenon}).json()["count"] == 1
    refused = client.get(url, {"fenomeen": "onzin"})
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("application/problem+json")
