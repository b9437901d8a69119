# SPDX-License-Identifier: EUPL-1.2
"""Area A's API: the same policy and ceiling as the pages; problem+json for what it refuses."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from weerbaar.api.services import api_token_issue
from weerbaar.notifications.models import OutboxMessage
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships import services
from weerbaar.partnerships.constants import DataClass, LegalBasis
from weerbaar.partnerships.models import AreaAlert, Participant
from weerbaar.partnerships.tests.factories import Area, facilitator_actor, make_area

pytestmark = pytest.mark.usefixtures("geography")

ALERTS = reverse("partnerships_api:gebiedsberichten-list")


def _client(user: Any) -> Client:
    _token, raw = api_token_issue(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def area() -> Area:
    return make_area()


def test_a_member_lists_and_reads_the_partnership_and_its_participants(area: Area) -> None:
    client = _client(area.private_reps[OrganisationType.AGRARISCH])
    listing = client.get(reverse("partnerships_api:gebiedssamenwerkingen-list"))
    assert listing.status_code == 200 and listing["API-Version"]
    assert [p["uuid"] for p in listing.json()["results"]] == [str(area.partnership.uuid)]
    detail = client.get(
        reverse("partnerships_api:gebiedssamenwerkingen-detail", kwargs={"uuid": area.partnership.uuid})
    )
    body = detail.json()
    assert body["nummer"] == area.partnership.number and body["gemeenten"] == ["GM0757"]
    assert body["gebied"]["type"] == "MultiPolygon"
    assert body["gereedheid"]["gereed"] is False and body["gereedheid"]["convenantGetekend"] is False
    participants = client.get(
        reverse("partnerships_api:gebiedssamenwerking-deelnemers", kwargs={"uuid": area.partnership.uuid})
    ).json()["results"]
    by_org = {p["organisatie"]["naam"]: p for p in participants}
    assert by_org[area.police.name]["plafond"] == DataClass.PERSOONLIJK
    assert set(participants[0]) == {
        "uuid",
        "organisatie",
        "soortOrganisatie",
        "plafond",
        "afgesprokenPlafond",
        "rechtsgrond",
        "toegetredenOp",
        "vertrokkenOp",
    }


def test_the_participants_route_shows_the_effective_ceiling_not_what_was_stored(area: Area) -> None:
    farmers = area.participants[OrganisationType.AGRARISCH]
    Participant.objects.filter(pk=farmers.pk).update(ceiling=DataClass.PERSOONLIJK, legal_basis=LegalBasis.WGS)
    client = _client(area.police_officer)
    participants = client.get(
        reverse("partnerships_api:gebiedssamenwerking-deelnemers", kwargs={"uuid": area.partnership.uuid})
    ).json()["results"]
    row = next(p for p in participants if p["uuid"] == str(farmers.uuid))
    assert row["plafond"] == DataClass.OPERATIONEEL and row["afgesprokenPlafond"] == DataClass.PERSOONLIJK


def test_a_member_at_aggregate_level_gets_404_on_operational_routes(area: Area) -> None:
    agents = area.participants[OrganisationType.MAKELAAR]
    services.participant_ceiling_set(
        actor=facilitator_actor(area.partnership),
        participant=agents,
        ceiling=DataClass.AGGREGAAT,
        legal_basis=LegalBasis.CONVENANT,
    )
    client = _client(area.private_reps[OrganisationType.MAKELAAR])
    assert client.get(reverse("partnerships_api:gebiedssamenwerkingen-list")).json()["results"] == []
    detail = client.get(
        reverse("partnerships_api:gebiedssamenwerkingen-detail", kwargs={"uuid": area.partnership.uuid})
    )
    assert detail.status_code == 404 and detail["Content-Type"] == "application/problem+json"


def _alert(**overrides: Any) -> dict[str, Any]:
    return {"thema": "drugsafval", "tekst": "Vaten met drugsafval langs de Esschestroom.", **overrides}


def test_the_police_send_an_alert_and_the_partners_are_mailed(area: Area) -> None:
    client = _client(area.police_officer)
    response = client.post(
        ALERTS,
        _alert(
            gebiedssamenwerking=str(area.partnership.uuid),
            locatie="Esschestroom",
            breedtegraad=51.59061,
            lengtegraad=5.32911,
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    alert = AreaAlert.objects.get(uuid=body["uuid"])
    assert response["Location"].endswith(str(alert.uuid))
    assert body["breedtegraad"] == 51.591 and body["afzender"]["naam"] == area.police.name
    assert body["gelezen"] is True
    assert OutboxMessage.objects.count() == len(area.private_reps) + 2
    farmer = _client(area.private_reps[OrganisationType.AGRARISCH])
    listed = farmer.get(ALERTS, {"gebiedssamenwerking": str(area.partnership.uuid)}).json()["results"]
    assert [a["uuid"] for a in listed] == [str(alert.uuid)] and listed[0]["gelezen"] is False
    assert "afzenderNaam" not in listed[0] and area.police_officer.display_name not in str(listed[0])


def test_an_alert_with_a_licence_plate_is_refused_as_problem_json(area: Area) -> None:
    response = _client(area.police_officer).post(
        ALERTS,
        _alert(gebiedssamenwerking=str(area.partnership.uuid), tekst="Busje VX-123-Z bij de schuur."),
        content_type="application/json",
    )
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    names = [p["name"] for p in response.json()["invalidParams"]]
    assert names == ["tekst"]
    assert not AreaAlert.objects.exists()


def test_those_who_may_not_send_learn_nothing_about_the_partnership(area: Area) -> None:
    for user in (area.private_reps[OrganisationType.AGRARISCH], area.fire_officer):
        response = _client(user).post(
            ALERTS, _alert(gebiedssamenwerking=str(area.partnership.uuid)), content_type="application/json"
        )
        assert response.status_code in (400, 404)
        if response.status_code == 400:
            assert [p["name"] for p in response.json()["invalidParams"]] == ["gebiedssamenwerking"]
    assert not AreaAlert.objects.exists()


def test_an_unknown_field_in_the_alert_is_refused(area: Area) -> None:
    response = _client(area.police_officer).post(
        ALERTS,
        _alert(gebiedssamenwerking=str(area.partnership.uuid), kenteken="VX-123-Z"),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert [p["name"] for p in response.json()["invalidParams"]] == ["kenteken"]


def test_a_malformed_partnership_filter_is_a_400(area: Area) -> None:
    response = _client(area.police_officer).get(ALERTS, {"gebiedssamenwerking": "geen-uuid"})
    assert response.status_code == 400
