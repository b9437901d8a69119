# SPDX-License-Identifier: EUPL-1.2
"""/api/v1/subjecten and the subjects and network of signals and cases, through HTTP with bearer tokens."""

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from weerbaar.api.services import api_token_issue
from weerbaar.audit.models import AuditEvent
from weerbaar.core.policy import Actor
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.models import Judgement, Subject
from weerbaar.correlation.tests.factories import PERSON, PERSON_VARIANT, World, case_subject, make_world, signal_with

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(geography: None) -> World:
    return make_world()


def _client(actor: Actor) -> Client:
    assert actor.user is not None
    _token, raw = api_token_issue(user=actor.user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


def _post(client: Client, name: str, body: dict[str, Any], **kwargs: Any) -> Any:
    return client.post(reverse(name, kwargs=kwargs or None), data=body, content_type="application/json")


def test_adding_a_subject_returns_its_correlations_at_once(world: World) -> None:
    signal_with([{"kind": SubjectKind.PERSOON, **PERSON}])
    response = _post(
        _client(world.director),
        "api:casussen-betrokkenen",
        {
            "soort": "persoon",
            "voornamen": "J.",
            "achternaam": "Vd Berg",
            "geboortedatum": "1980-03-07",
            "bron": "BRP-bevraging",
            "regime": "avg",
        },
        uuid=world.case.uuid,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    correlations = body["correlaties"]
    assert correlations["betrokkene"]["bronDetail"] == "BRP-bevraging"
    assert correlations["zelfde"] == []  # the director cannot see Tilburg's signal ...
    (hit,) = correlations["treffers"]  # ... only that it exists
    assert hit["treffer"] == {
        "soort": "melding",
        "organisatie": {"uuid": str(world.tilburg.uuid), "naam": "Gemeente Tilburg"},
    }
    assert set(hit) == {"treffer", "verzoekVia"}
    assert body["treffersAchtergehouden"] is False


def test_bad_subject_input_names_every_field(world: World) -> None:
    client = _client(world.director)
    response = _post(
        client,
        "api:casussen-betrokkenen",
        {"soort": "voertuig", "kenteken": "XYZ", "achternaam": "Berg", "onbekend": 1},
        uuid=world.case.uuid,
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert names == {"kenteken", "onbekend"}
    # With the values themselves valid, a field of another kind of subject is named too.
    response = _post(
        client,
        "api:casussen-betrokkenen",
        {"soort": "voertuig", "kenteken": "AB-123-C", "achternaam": "Berg"},
        uuid=world.case.uuid,
    )
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalidParams"]} == {"achternaam"}
    assert not Subject.objects.exists()  # nothing half-stored


def test_adding_to_a_signal_needs_the_intake_role(world: World) -> None:
    signal = signal_with([])
    body = {"soort": "telefoon", "telefoonnummer": "06 12345678"}
    assert _post(_client(world.analyst), "api:meldingen-betrokkenen", body, uuid=signal.uuid).status_code == 404
    response = _post(_client(world.intake), "api:meldingen-betrokkenen", body, uuid=signal.uuid)
    assert response.status_code == 201
    assert Subject.objects.get(signal=signal).phone == "+31612345678"


def test_screening_judging_and_access_requests(world: World, settings: Any) -> None:
    signal_with([{"kind": SubjectKind.PERSOON, **PERSON}])
    mine = case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    analyst = _client(world.analyst)
    answer = _post(
        analyst,
        "api:subjecten-zoeken",
        {"soort": "persoon", "achternaam": "van der Berg", "geboortedatum": "1980-03-07", "doel": "Bibob-toets"},
    )
    assert answer.status_code == 200
    results = answer.json()["resultaten"]
    assert len(results) == 2 and all(r["uitleg"] for r in results)
    assert sum(row["bijdrage"] for row in results[0]["uitleg"]) == pytest.approx(results[0]["score"], abs=1e-2)
    assert _post(analyst, "api:subjecten-zoeken", {"soort": "persoon", "achternaam": "Berg"}).status_code == 400
    # Judging: the analyst sees both.
    other = Subject.objects.get(signal__isnull=False)
    judged = _post(
        analyst,
        "api:subjecten-oordelen",
        {"ander": str(other.uuid), "oordeel": "niet_zelfde", "reden": "Ander BSN"},
        uuid=mine.uuid,
    )
    assert judged.status_code == 201 and Judgement.objects.get().verdict == "niet_zelfde"
    # The director has a hit from their own subject and may ask for access with its token, not another.
    director = _client(world.director)
    detail = director.get(reverse("api:subjecten-detail", kwargs={"uuid": mine.uuid}))
    assert detail.status_code == 200
    assert AuditEvent.objects.filter(object_uuid=mine.uuid, action="read").exists()
    # After "not the same" the signal's person is no longer a hit of the director's subject.
    assert detail.json()["correlaties"]["treffers"] == []
    refused = _post(
        director, "api:subjecten-toegangsverzoeken", {"verzoekVia": "0" * 32, "reden": "Onderzoek"}, uuid=mine.uuid
    )
    assert refused.status_code == 400
    settings.CORRELATION_SCREENINGS_PER_HOUR = 1
    again = _post(analyst, "api:subjecten-zoeken", {"soort": "persoon", "achternaam": "Berg", "doel": "x"})
    assert again.status_code == 429 and again["Content-Type"] == "application/problem+json"


def test_network_of_a_case(world: World) -> None:
    signal_with([{"kind": SubjectKind.PERSOON, **PERSON}])
    case_subject(world.director, world.case, SubjectKind.PERSOON, PERSON_VARIANT)
    response = _client(world.director).get(reverse("api:casussen-netwerk", kwargs={"uuid": world.case.uuid}))
    assert response.status_code == 200
    data = response.json()
    kinds = sorted(node["soort"] for node in data["knopen"])
    assert kinds == ["context", "hit", "subject"]
    relations = sorted(edge["relatie"] for edge in data["verbindingen"])
    assert relations == ["hit", "named_in"]
    outsider = _client(world.outsider).get(reverse("api:casussen-netwerk", kwargs={"uuid": world.case.uuid}))
    assert outsider.status_code == 404


def test_entity_ids_cannot_link_organisations(world: World) -> None:
    """A subject held by Tilburg (hidden from Breda) and the same person added by Breda are one entity;
    neither organisation gets an id the other could compare with theirs."""
    signal = signal_with([{"kind": SubjectKind.PERSOON, **PERSON}])
    director = _client(world.director)
    added = _post(
        director,
        "api:casussen-betrokkenen",
        {"soort": "persoon", "voornamen": "Jan", "achternaam": "van den Berg", "geboortedatum": "1980-03-07"},
        uuid=world.case.uuid,
    )
    assert added.status_code == 201, added.content
    breda_subject = Subject.objects.get(uuid=added.json()["correlaties"]["betrokkene"]["uuid"])
    tilburg_subject = Subject.objects.get(signal=signal)
    assert breda_subject.entity is not None and breda_subject.entity_id == tilburg_subject.entity_id
    entity_uuid = str(breda_subject.entity.uuid)

    seen_by_breda = added.json()["correlaties"]["betrokkene"]["entiteit"]
    again = director.get(reverse("api:subjecten-detail", kwargs={"uuid": breda_subject.uuid}))
    assert again.json()["correlaties"]["betrokkene"]["entiteit"] == seen_by_breda  # stable within Breda
    detail = _client(world.intake).get(reverse("api:meldingen-detail", kwargs={"uuid": signal.uuid}))
    (tilburg_view,) = detail.json()["betrokkenen"]
    seen_by_tilburg = tilburg_view["entiteit"]
    assert seen_by_breda and seen_by_tilburg and seen_by_breda != seen_by_tilburg
    assert entity_uuid not in added.content.decode() + again.content.decode() + detail.content.decode()
