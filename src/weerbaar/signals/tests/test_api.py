# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/meldingen`` and ``/api/v1/publiek/meldingen``: validation, idempotency, scoping, anonymity."""

import json
import logging
import re
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import IntegrityError, connection
from django.test import Client
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.api.services import api_token_issue
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.core.tests.cache_keys import stored_cache_keys
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals import idempotency, services
from weerbaar.signals.constants import Channel, Status
from weerbaar.signals.models import AnonymousReceipt, IdempotencyKey, Signal
from weerbaar.signals.services import receipt_code_hash
from weerbaar.signals.tests.factories import AMSTERDAM_POINT, make_signal

pytestmark = pytest.mark.django_db

URL = "/api/v1/meldingen"
PUBLIC_URL = "/api/v1/publiek/meldingen"


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "fenomeen": "drugsafvaldumping",
        "indicatoren": ["vaten", "chemische_geur"],
        "omschrijving": "Twintig vaten met een anijsgeur aan de rand van het maisveld.",
        "datumVoorval": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "locatie": {"soort": "punt", "breedtegraad": 51.55551, "lengtegraad": 5.0913},
        "betrokkenen": [{"soort": "voertuig", "kenteken": "ab-123-c"}],
        "drugsafval": {"soortDumping": "vaten", "volumeLiters": 400, "soortGrondeigenaar": "agrarier"},
    }
    data.update(overrides)
    return data


@pytest.fixture
def tilburg(geography: None, make_org: Any) -> Any:
    return make_org("Gemeente Tilburg", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))


@pytest.fixture
def amsterdam(geography: None, make_org: Any) -> Any:
    return make_org(
        "Gemeente Amsterdam", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0363")
    )


def token_client(user: Any) -> Client:
    _token, raw = api_token_issue(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def partner(tilburg: Any, make_user: Any) -> tuple[Client, Any]:
    user = make_user(organisation=tilburg, role=Role.PARTNERVERTEGENWOORDIGER, username="partner.systeem")
    return token_client(user), user


@pytest.fixture
def intake(tilburg: Any, make_user: Any) -> tuple[Client, Any]:
    user = make_user(organisation=tilburg, role=Role.MELDPUNT, username="meldpunt.tilburg")
    return token_client(user), user


def post(client: Client, data: Any, key: str | None = None, url: str = URL, **extra: Any) -> Any:
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(url, data=data, content_type="application/json", headers=headers, **extra)


def invalid_names(response: Any) -> dict[str, str]:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {p["name"]: p["reason"] for p in response.json()["invalidParams"]}


# --- Reporting ------------------------------------------------------------------------------------


def test_create_routes_to_the_municipality_and_answers_with_location(partner: tuple[Client, Any], tilburg: Any) -> None:
    client, user = partner
    response = post(client, body())
    assert response.status_code == 201, response.content
    answer = response.json()
    assert set(answer) == {"uuid", "nummer", "status", "gemeentecode"}
    assert answer["status"] == Status.ONTVANGEN and answer["gemeentecode"] == "GM0855"
    assert response["Location"] == f"/api/v1/meldingen/{answer['uuid']}"
    assert "Idempotent-Replayed" not in response
    signal = Signal.objects.get(uuid=answer["uuid"])
    assert signal.number == answer["nummer"]
    assert signal.organisation == tilburg and signal.reporter == user
    assert signal.channel == Channel.KETENPARTNER
    assert signal.subjects.get().plate == "AB123C"
    assert signal.drug_waste.volume_litres == 400


def test_address_and_area_locations(partner: tuple[Client, Any]) -> None:
    client, _user = partner
    address = {"soort": "adres", "straat": "Kerkstraat", "huisnummer": "12a", "postcode": "5038ab"}
    response = post(client, body(locatie={**address, "gemeentecode": "GM0855"}))
    assert response.status_code == 201, response.content
    signal = Signal.objects.get(uuid=response.json()["uuid"])
    assert (signal.postcode, signal.municipality.code) == ("5038 AB", "GM0855")
    response = post(client, body(locatie={"soort": "gebied", "gemeentecode": "GM0855"}))
    assert response.status_code == 201, response.content


@pytest.mark.parametrize(
    ("change", "name"),
    [
        ({"betrokkenen": [{"soort": "adres", "postcode": "12345", "huisnummer": "1"}]}, "betrokkenen.0.postcode"),
        ({"betrokkenen": [{"soort": "bedrijf", "kvkNummer": "1234567"}]}, "betrokkenen.0.kvkNummer"),
        ({"betrokkenen": [{"soort": "voertuig", "kenteken": "ABC-DEF-1"}]}, "betrokkenen.0.kenteken"),
        ({"betrokkenen": [{"soort": "iban", "iban": "NL91ABNA0417164301"}]}, "betrokkenen.0.iban"),
        ({"betrokkenen": [{"soort": "telefoon", "telefoonnummer": "12345"}]}, "betrokkenen.0.telefoonnummer"),
        ({"betrokkenen": [{"soort": "email", "email": "geen-adres"}]}, "betrokkenen.0.email"),
        ({"betrokkenen": [{"soort": "voertuig"}]}, "betrokkenen.0.kenteken"),
        ({"betrokkenen": [{"soort": "voertuig", "kenteken": "AB123C", "iban": "x"}]}, "betrokkenen.0.iban"),
        ({"betrokkenen": []}, "betrokkenen"),
        ({"locatie": {"soort": "punt", "breedtegraad": 48.85, "lengtegraad": 2.35}}, "locatie.breedtegraad"),
        ({"locatie": {"soort": "punt", "breedtegraad": 52.0, "lengtegraad": 9.0}}, "locatie.lengtegraad"),
        ({"locatie": {"soort": "punt"}}, "locatie.breedtegraad"),
        ({"locatie": {"soort": "gebied", "gemeentecode": "GM9999"}}, "locatie.gemeentecode"),
        ({"locatie": {"soort": "gebied", "gemeentecode": "Tilburg"}}, "locatie.gemeentecode"),
        ({"locatie": {"soort": "gebied"}}, "locatie.gemeentecode"),
        ({"locatie": {"soort": "adres", "gemeentecode": "GM0855"}}, "locatie.postcode"),
        ({"datumVoorval": (timezone.localdate() + timedelta(days=1)).isoformat()}, "datumVoorval"),
        ({"datumVoorval": "gisteren"}, "datumVoorval"),
        ({"fenomeen": "onbekend"}, "fenomeen"),
        ({"indicatoren": ["geen_indicator"]}, "indicatoren.0"),
        ({"omschrijving": ""}, "omschrijving"),
        ({"beschrijving": "typfout"}, "beschrijving"),
        ({"fenomeen": "hennepteelt"}, "drugsafval"),
        ({"drugsafval": {"soortDumping": "raket"}}, "drugsafval.soortDumping"),
        ({"kanaal": "mma", "referentie": "MMA-1"}, "kanaal"),
    ],
)
def test_every_invalid_field_is_named(partner: tuple[Client, Any], change: dict[str, Any], name: str) -> None:
    client, _user = partner
    names = invalid_names(post(client, body(**change)))
    assert name in names, names
    assert names[name]  # a readable reason
    assert not Signal.objects.exists()


def test_dutch_reasons_for_dutch_identifiers(partner: tuple[Client, Any]) -> None:
    client, _user = partner
    subjects = [
        {"soort": "iban", "iban": "NL91ABNA0417164301"},
        {"soort": "adres", "postcode": "0123 AB", "huisnummer": "1"},
        {"soort": "bedrijf", "kvkNummer": "12"},
    ]
    names = invalid_names(post(client, body(betrokkenen=subjects)))
    assert "controlegetal" in names["betrokkenen.0.iban"]
    assert "1234 AB" in names["betrokkenen.1.postcode"]
    assert "8 cijfers" in names["betrokkenen.2.kvkNummer"]


def test_missing_required_fields_and_bad_json(partner: tuple[Client, Any]) -> None:
    client, _user = partner
    names = invalid_names(post(client, {}))
    assert {"fenomeen", "omschrijving", "locatie", "betrokkenen"} <= set(names)
    response = client.post(URL, data="{niet json", content_type="application/json")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"


def test_intake_registers_a_forwarded_signal_without_reporter(intake: tuple[Client, Any]) -> None:
    client, _user = intake
    assert "referentie" in invalid_names(post(client, body(kanaal="mma")))
    response = post(client, body(kanaal="mma", referentie="MMA-2026-0042"))
    assert response.status_code == 201, response.content
    signal = Signal.objects.get(uuid=response.json()["uuid"])
    assert (signal.channel, signal.forwarded_reference, signal.reporter) == (Channel.MMA, "MMA-2026-0042", None)


# --- Idempotency ----------------------------------------------------------------------------------


def test_idempotent_replay_returns_the_first_signal(partner: tuple[Client, Any]) -> None:
    client, user = partner
    key = str(uuid.uuid4())
    first = post(client, body(), key=key)
    assert first.status_code == 201
    # The same content in another key order is the same body.
    reordered = dict(reversed(list(body().items())))
    again = post(client, reordered, key=key)
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json() and again["Location"] == first["Location"]
    assert Signal.objects.count() == 1
    stored = IdempotencyKey.objects.get()
    assert stored.client == str(user.uuid) and len(stored.request_hash) == 64
    assert "maisveld" not in str(stored.__dict__)  # only a hash of the body


def test_same_key_other_body_is_422(partner: tuple[Client, Any]) -> None:
    client, _user = partner
    key = "bestelling-42"
    assert post(client, body(), key=key).status_code == 201
    response = post(client, body(omschrijving="Iets anders gezien."), key=key)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "idempotency-key-hergebruikt"
    assert Signal.objects.count() == 1


def test_keys_are_per_client(partner: tuple[Client, Any], tilburg: Any, make_user: Any) -> None:
    client, _user = partner
    other = token_client(make_user(organisation=tilburg, role=Role.MEDEWERKER))
    assert post(client, body(), key="k1").status_code == 201
    response = post(other, body(), key="k1")
    assert response.status_code == 201 and "Idempotent-Replayed" not in response
    assert Signal.objects.count() == 2


def test_bad_keys_are_400(partner: tuple[Client, Any]) -> None:
    client, _user = partner
    for key in ("x" * 129, "  "):
        assert "Idempotency-Key" in invalid_names(post(client, body(), key=key))
    assert post(client, body(), key="x" * 128).status_code == 201


def test_invalid_body_with_a_key_stores_no_key(partner: tuple[Client, Any]) -> None:
    client, _user = partner
    assert post(client, body(fenomeen="x"), key="k").status_code == 400
    assert not IdempotencyKey.objects.exists()
    assert post(client, body(), key="k").status_code == 201


# Two real threads racing on one key need committed data; the test database cannot be flushed afterwards
# (the audit table is append-only, TRUNCATE included), so the real race runs in `make bench` on PostgreSQL
# (phase "race": 8 threads, one key, exactly one signal). Here the race is simulated deterministically.


def test_lost_race_replays_the_winner(partner: tuple[Client, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated race: the winner commits its key after our look-up and before our insert."""
    client, user = partner
    winner = make_signal()
    IdempotencyKey.objects.create(
        client=str(user.uuid), key="race", request_hash=idempotency.request_hash(body()), signal=winner
    )
    monkeypatch.setattr("weerbaar.signals.api.views.signal_replay", lambda **kwargs: None)  # the look-up missed it
    response = post(client, body(), key="race")
    assert response.status_code == 201 and response["Idempotent-Replayed"] == "true"
    assert response.json()["uuid"] == str(winner.uuid)
    assert list(Signal.objects.values_list("uuid", flat=True)) == [winner.uuid]  # the loser's signal rolled back


def test_unrelated_integrity_errors_are_not_hidden(monkeypatch: pytest.MonkeyPatch, tilburg: Any) -> None:
    def failing() -> Any:
        raise IntegrityError("iets anders")

    with pytest.raises(IntegrityError):
        idempotency.signal_create_once(client="c", key="k", body_hash="0" * 64, create=failing)


# --- Reading --------------------------------------------------------------------------------------


def test_list_filters_and_detail_are_scoped(intake: tuple[Client, Any], tilburg: Any, amsterdam: Any) -> None:
    client, user = intake
    own = make_signal()
    foreign = make_signal(point=AMSTERDAM_POINT)
    assert foreign.organisation == amsterdam
    listing = client.get(URL)
    assert listing.status_code == 200
    assert [r["uuid"] for r in listing.json()["results"]] == [str(own.uuid)]
    for query, expected in (
        ("fenomeen=drugsafvaldumping", 1),
        ("fenomeen=drugslab", 0),
        ("status=ontvangen", 1),
        ("gemeentecode=GM0363", 0),
        (f"ontvangenVanaf={timezone.localdate().isoformat()}", 1),
        (f"ontvangenTot={(timezone.localdate() - timedelta(days=1)).isoformat()}", 0),
    ):
        assert client.get(f"{URL}?{query}").json()["count"] == expected, query
    detail = client.get(f"{URL}/{own.uuid}")
    assert detail.status_code == 200
    assert detail.json()["locatie"]["gemeentecode"] == "GM0855"
    assert AuditEvent.objects.filter(action=AuditAction.READ, object_uuid=own.uuid, actor_uuid=user.uuid).exists()
    assert client.get(f"{URL}/{foreign.uuid}").status_code == 404
    assert client.get(f"{URL}/{uuid.uuid4()}").status_code == 404


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("ontvangenVanaf=31-12-2025", "ontvangenVanaf"),
        ("ontvangenTot=morgen", "ontvangenTot"),
        ("ontvangenVanaf=2026-02-01&ontvangenTot=2026-01-01", "ontvangenTot"),
        ("fenomeen=iets", "fenomeen"),
        ("status=klaar", "status"),
        ("gemeentecode=Tilburg", "gemeentecode"),
        ("postcode=5038AB", "postcode"),
    ],
)
def test_invalid_list_queries_are_400(intake: tuple[Client, Any], query: str, name: str) -> None:
    client, _user = intake
    assert name in invalid_names(client.get(f"{URL}?{query}"))


def test_private_partner_reports_but_cannot_read(geography: None, make_org: Any, make_user: Any, tilburg: Any) -> None:
    farm = make_org("Boerderij De Eik", OrganisationType.AGRARISCH)
    farmer = make_user(organisation=farm, role=Role.PARTNERVERTEGENWOORDIGER)
    client = token_client(farmer)
    response = post(client, body())
    assert response.status_code == 201
    signal = Signal.objects.get(uuid=response.json()["uuid"])
    assert signal.channel == Channel.GEBIEDSPARTNER and signal.reporter == farmer
    assert client.get(URL).status_code == 404
    assert client.get(f"{URL}/{signal.uuid}").status_code == 404


@pytest.mark.parametrize("role", [Role.MEDEWERKER, Role.PARTNERVERTEGENWOORDIGER, Role.AUDITOR])
def test_roles_without_signal_access_get_404_on_the_list(tilburg: Any, make_user: Any, role: str) -> None:
    client = token_client(make_user(organisation=tilburg, role=role))
    assert client.get(URL).status_code == 404


def test_unscreened_intake_officer_gets_404(tilburg: Any, make_user: Any) -> None:
    client = token_client(make_user(organisation=tilburg, role=Role.MELDPUNT, screened=False))
    assert client.get(URL).status_code == 404
    assert post(client, body()).status_code == 201  # reporting in needs no screening


def test_anonymous_is_401(tilburg: Any) -> None:
    assert Client().get(URL).status_code == 401
    assert post(Client(), body()).status_code == 401


# --- The anonymous channel ------------------------------------------------------------------------


def test_public_report_returns_the_receipt_once(tilburg: Any) -> None:
    cache.clear()
    data = body()
    del data["betrokkenen"]
    response = post(Client(), data, key="publiek-1", url=PUBLIC_URL)
    assert response.status_code == 201, response.content
    answer = response.json()
    code = answer["ontvangstcode"]
    assert code and len(code.replace("-", "")) * 5 >= 80
    signal = Signal.objects.get(number=answer["nummer"])
    assert (signal.channel, signal.reporter, signal.reporter_organisation) == (Channel.ANONIEM, None, None)
    assert AnonymousReceipt.objects.get(signal=signal).code_hash == receipt_code_hash(code)
    replay = post(Client(), data, key="publiek-1", url=PUBLIC_URL)
    assert replay.status_code == 201 and replay["Idempotent-Replayed"] == "true"
    assert replay.json()["nummer"] == answer["nummer"]
    assert replay.json()["ontvangstcode"] is None and "eerste" in replay.json()["detail"]
    assert Signal.objects.count() == 1
    assert IdempotencyKey.objects.get().client == idempotency.PUBLIC_CLIENT
    other = post(Client(), {**data, "omschrijving": "Anders."}, key="publiek-1", url=PUBLIC_URL)
    assert other.status_code == 422


def test_public_report_refuses_channel_and_validates(tilburg: Any) -> None:
    cache.clear()
    names = invalid_names(post(Client(), body(kanaal="mma", referentie="x"), url=PUBLIC_URL))
    assert {"kanaal", "referentie"} <= set(names)
    names = invalid_names(post(Client(), body(betrokkenen=[{"soort": "iban", "iban": "NL00"}]), url=PUBLIC_URL))
    assert "betrokkenen.0.iban" in names


def test_public_report_stores_no_address_or_user_agent(tilburg: Any, caplog: pytest.LogCaptureFixture) -> None:
    cache.clear()
    address, agent = "203.0.113.77", "Uniek-Browserkenmerk/9.9.1"
    with caplog.at_level(logging.DEBUG):
        response = post(Client(), body(), key="anoniem-77", url=PUBLIC_URL, REMOTE_ADDR=address, HTTP_USER_AGENT=agent)
    assert response.status_code == 201
    found = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from models
            for row in cursor.fetchall():
                text = " ".join(str(value) for value in row)
                if address in text or agent in text:
                    found.append(table)
    assert not found, f"address or user agent stored in {found}"
    assert address not in caplog.text and agent not in caplog.text
    # The throttle's counter lives in the shared cache under a keyed hash, not under the address.
    keys = " ".join(stored_cache_keys())
    assert "publiek-meldingen" in keys and address not in keys


def test_public_throttle(tilburg: Any) -> None:
    cache.clear()
    statuses = [post(Client(), {}, url=PUBLIC_URL, REMOTE_ADDR="198.51.100.9").status_code for _ in range(31)]
    assert statuses[:30] == [400] * 30 and statuses[30] == 429
    assert post(Client(), {}, url=PUBLIC_URL, REMOTE_ADDR="198.51.100.10").status_code == 400
    cache.clear()


def test_openapi_documents_the_routes() -> None:
    document = Client().get("/api/v1/openapi.json").json()
    assert {"/meldingen", "/meldingen/{uuid}", "/publiek/meldingen"} <= set(document["paths"])
    create = document["paths"]["/meldingen"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in create["parameters"])
    assert "422" in create["responses"] and "Location" in create["responses"]["201"]["headers"]


# --- Hostile input --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [URL, PUBLIC_URL])
def test_lone_surrogate_is_a_400_problem(partner: tuple[Client, Any], url: str) -> None:
    cache.clear()
    client, _user = partner
    raw = json.dumps(body(omschrijving="vaten \ud800 in de sloot"))
    assert "\\ud800" in raw
    response = client.post(url, data=raw, content_type="application/json", headers={"Idempotency-Key": "surrogaat"})
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "ongeldige-tekst"
    assert not Signal.objects.exists() and not IdempotencyKey.objects.exists()


def test_request_hash_takes_a_lone_surrogate() -> None:
    assert idempotency.request_hash({"a": "\udc00"}) != idempotency.request_hash({"a": "\udc01"})


def test_public_key_of_another_reporter_never_gives_their_number(tilburg: Any) -> None:
    cache.clear()
    data = body()
    del data["betrokkenen"]
    first = post(Client(), data, key="1", url=PUBLIC_URL, REMOTE_ADDR="198.51.100.1")
    assert first.status_code == 201, first.content
    number = first.json()["nummer"]
    other = post(Client(), {**data, "omschrijving": "Iets heel anders."}, key="1", url=PUBLIC_URL)
    assert other.status_code == 422 and other["Content-Type"] == "application/problem+json"
    assert number not in other.content.decode()
    # The key store keeps no key another reporter could send to get the number back.
    assert not IdempotencyKey.objects.filter(key="1").exists()
    assert post(Client(), data, key="1", url=PUBLIC_URL).json()["nummer"] == number


def test_numbers_are_random_and_readable(partner: tuple[Client, Any]) -> None:
    client, _user = partner
    numbers = [post(client, body()).json()["nummer"] for _ in range(3)]
    pattern = re.compile(rf"^M{timezone.now().year}-[{services.UNAMBIGUOUS_ALPHABET}]{{6}}$")
    assert all(pattern.match(n) for n in numbers), numbers
    assert len(set(numbers)) == 3
    pks = Signal.objects.order_by("pk").values_list("pk", flat=True)
    assert not any(n.endswith(f"{pk:06d}") for n, pk in zip(numbers, pks, strict=True))


def test_a_taken_number_is_drawn_again(partner: tuple[Client, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    client, _user = partner
    year = timezone.now().year
    first = post(client, body()).json()["nummer"]
    draws = iter([first.removeprefix(f"M{year}-"), "ABCDEF"])
    monkeypatch.setattr(services, "_random_code", lambda length: next(draws))
    assert post(client, body()).json()["nummer"] == f"M{year}-ABCDEF"


def test_existing_numbers_are_kept(partner: tuple[Client, Any]) -> None:
    client, _user = partner
    old = make_signal()
    Signal.objects.filter(pk=old.pk).update(number="M2025-000001")
    assert post(client, body()).status_code == 201
    assert Signal.objects.filter(number="M2025-000001").exists()


def test_receipt_codes_avoid_lookalikes_and_old_codes_still_verify(tilburg: Any) -> None:
    codes = [services.receipt_code_new() for _ in range(200)]
    assert not set("".join(codes)) & set("O0I1L")
    assert all(len(code.replace("-", "")) == services.RECEIPT_LENGTH for code in codes)
    signal = make_signal()
    old_style = "OIL2-ABCD-EFGH-IJKL-MNOP-QRS7"  # base32, as issued before
    AnonymousReceipt.objects.update_or_create(signal=signal, defaults={"code_hash": receipt_code_hash(old_style)})
    assert services.signal_for_receipt(code=old_style.lower().replace("-", " ")) == signal
    assert services.signal_for_receipt(code="oil2abcdefghijklmnopqrs7") == signal
