# SPDX-License-Identifier: EUPL-1.2
"""The weighing workflow through the API: status changes, weighing decisions and privacy checks under If-Match."""

from typing import Any

import pytest
from django.test import Client

from weerbaar.accounts.constants import Role
from weerbaar.api.services import api_token_issue
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals.constants import Status
from weerbaar.signals.models import PrivacyCheck, Signal, StatusChange
from weerbaar.signals.tests.factories import make_signal

pytestmark = pytest.mark.django_db

URL = "/api/v1/meldingen"

CHECK = {
    "doel": "Nagaan of het pand voor drugsproductie wordt gebruikt.",
    "noodzaak": "Zonder bronnen geen beeld.",
    "proportionaliteit": "Beperkt tot het adres.",
    "subsidiariteit": "Geen lichter middel beschikbaar.",
    "bewaartermijn": "Vijf jaar na afronding.",
    "conclusiePositief": True,
}


def token_client(user: Any) -> Client:
    _token, raw = api_token_issue(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def intake(tilburg: Any, make_user: Any) -> Client:
    return token_client(make_user(organisation=tilburg, role=Role.MELDPUNT))


@pytest.fixture
def weigher(tilburg: Any, make_user: Any) -> Client:
    return token_client(make_user(organisation=tilburg, role=Role.SCHAKELTEAM))


@pytest.fixture
def signal(tilburg: Any) -> Signal:
    return make_signal()


def etag_of(client: Client, signal: Signal) -> str:
    response = client.get(f"{URL}/{signal.uuid}")
    assert response.status_code == 200, response.content
    return str(response["ETag"])


def move(client: Client, signal: Signal, sub: str, body: dict[str, Any], etag: str | None) -> Any:
    headers = {"If-Match": etag} if etag is not None else {}
    return client.post(f"{URL}/{signal.uuid}/{sub}", body, "application/json", headers=headers)


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def status_of(signal: Signal) -> tuple[str, int]:
    signal.refresh_from_db()
    return signal.status, signal.version


# --- The ETag ---------------------------------------------------------------------------------------


def test_get_returns_a_strong_etag_that_changes_with_the_version(intake: Client, signal: Signal) -> None:
    first = etag_of(intake, signal)
    assert first.startswith('"v1-') and first.endswith('"')
    assert etag_of(intake, signal) == first  # stable while nothing changes
    response = move(intake, signal, "statuswijzigingen", {"status": "gekwalificeerd"}, first)
    assert response.status_code == 200, response.content
    assert response["ETag"] == etag_of(intake, signal) != first
    assert response["ETag"].startswith('"v2-')


def test_the_etag_names_the_object_not_only_its_version(intake: Client, signal: Signal) -> None:
    other = make_signal()
    assert signal.version == other.version
    response = move(intake, signal, "statuswijzigingen", {"status": "gekwalificeerd"}, etag_of(intake, other))
    problem(response, 412)
    assert status_of(signal) == (Status.ONTVANGEN, 1)


# --- Status changes by the intake team ----------------------------------------------------------------


def test_intake_qualifies_a_signal(intake: Client, signal: Signal) -> None:
    response = move(intake, signal, "statuswijzigingen", {"status": "gekwalificeerd"}, etag_of(intake, signal))
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Status.GEKWALIFICEERD
    assert response.json()["uuid"] == str(signal.uuid)
    assert status_of(signal) == (Status.GEKWALIFICEERD, 2)
    change = StatusChange.objects.filter(signal=signal).latest("at")
    assert (change.from_status, change.to_status) == (Status.ONTVANGEN, Status.GEKWALIFICEERD)
    assert AuditEvent.objects.filter(object_uuid=signal.uuid, action=AuditAction.UPDATE).exists()


def test_missing_if_match_is_428_and_nothing_changes(intake: Client, signal: Signal) -> None:
    body = problem(move(intake, signal, "statuswijzigingen", {"status": "gekwalificeerd"}, None), 428)
    assert body["code"] == "if-match-vereist"
    assert "If-Match" in body["detail"]
    problem(move(intake, signal, "statuswijzigingen", {"status": "gekwalificeerd"}, "*"), 428)
    assert status_of(signal) == (Status.ONTVANGEN, 1)


@pytest.mark.parametrize("sent", ['W/"v1-x"', "v1", '"v1-0000000000000000"', '"a", "b"', "garbage,,"])
def test_an_if_match_that_is_not_the_current_etag_is_412(intake: Client, signal: Signal, sent: str) -> None:
    body = problem(move(intake, signal, "statuswijzigingen", {"status": "gekwalificeerd"}, sent), 412)
    assert body["code"] == "verouderde-versie"
    assert status_of(signal) == (Status.ONTVANGEN, 1)


def test_one_of_several_etags_may_match(intake: Client, signal: Signal) -> None:
    sent = f'"v0-elders", {etag_of(intake, signal)}'
    assert move(intake, signal, "statuswijzigingen", {"status": "gekwalificeerd"}, sent).status_code == 200


def test_two_clients_the_second_one_loses(intake: Client, tilburg: Any, make_user: Any, signal: Signal) -> None:
    colleague = token_client(make_user(organisation=tilburg, role=Role.MELDPUNT))
    mine, theirs = etag_of(intake, signal), etag_of(colleague, signal)
    assert mine == theirs
    first = move(intake, signal, "statuswijzigingen", {"status": "gekwalificeerd"}, mine)
    assert first.status_code == 200, first.content
    after_first = status_of(signal)
    body = {"status": "buiten_scope", "toelichting": "Geen ondermijning."}
    second = problem(move(colleague, signal, "statuswijzigingen", body, theirs), 412)
    assert "gewijzigd" in second["detail"]
    assert status_of(signal) == after_first == (Status.GEKWALIFICEERD, 2)
    assert StatusChange.objects.filter(signal=signal, to_status=Status.BUITEN_SCOPE).count() == 0


def test_an_illegal_move_is_409_with_the_reason(intake: Client, signal: Signal) -> None:
    body = {"status": "afgerond", "toelichting": "Klaar."}
    answer = problem(move(intake, signal, "statuswijzigingen", body, etag_of(intake, signal)), 409)
    assert answer["code"] == "overgang-geweigerd"
    assert "Ontvangen" in answer["detail"] and "Afgesloten" in answer["detail"]
    assert status_of(signal) == (Status.ONTVANGEN, 1)


def test_reasoning_is_required_after_qualifying(intake: Client, signal: Signal) -> None:
    response = move(intake, signal, "statuswijzigingen", {"status": "buiten_scope"}, etag_of(intake, signal))
    assert response.status_code == 400, response.content
    assert {p["name"] for p in response.json()["invalidParams"]} == {"toelichting"}
    assert status_of(signal) == (Status.ONTVANGEN, 1)


def test_bad_input_is_400_after_the_precondition(intake: Client, signal: Signal) -> None:
    etag = etag_of(intake, signal)
    response = move(intake, signal, "statuswijzigingen", {"status": "geen_actie", "reden": "x"}, etag)
    assert response.status_code == 400, response.content
    assert {p["name"] for p in response.json()["invalidParams"]} == {"status", "reden"}
    # The precondition comes first: without If-Match the same bad body is a 428.
    problem(move(intake, signal, "statuswijzigingen", {"status": "geen_actie"}, None), 428)
    assert status_of(signal) == (Status.ONTVANGEN, 1)


def test_the_weighing_outcomes_are_not_intake_moves(intake: Client, weigher: Client, signal: Signal) -> None:
    etag = etag_of(intake, signal)
    assert move(intake, signal, "statuswijzigingen", {"status": "gekwalificeerd"}, etag).status_code == 200
    etag = etag_of(intake, signal)
    decision = {"besluit": "geen_actie", "motivering": "Te vaag."}
    # The intake officer has no signals.weigh: the weighing sub-resource is not there for them.
    problem(move(intake, signal, "wegingen", decision, etag), 404)
    response = move(weigher, signal, "wegingen", decision, etag)
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Status.GEEN_ACTIE
    assert status_of(signal) == (Status.GEEN_ACTIE, 3)


# --- Privacy checks before source research and a plan of approach ---------------------------------------


def test_source_research_waits_for_privacy_check_1(intake: Client, weigher: Client, signal: Signal) -> None:
    move(intake, signal, "statuswijzigingen", {"status": "gekwalificeerd"}, etag_of(intake, signal))
    decision = {"besluit": "bronnenonderzoek", "motivering": "Past in een patroon."}
    refused = problem(move(weigher, signal, "wegingen", decision, etag_of(weigher, signal)), 409)
    assert "1" in refused["detail"] and "privacytoets" in refused["detail"].lower()
    assert status_of(signal) == (Status.GEKWALIFICEERD, 2)

    etag = etag_of(intake, signal)
    check = {**CHECK, "soort": "1", "bronnen": "BRP, KvK"}
    response = move(intake, signal, "privacytoetsen", check, etag)
    assert response.status_code == 201, response.content
    assert response.json()["soort"] == "1" and response.json()["conclusiePositief"] is True
    assert "ETag" not in response
    assert PrivacyCheck.objects.filter(signal=signal, kind="1").count() == 1
    assert etag_of(intake, signal) == etag  # a check is a record; the signal's version stays

    response = move(weigher, signal, "wegingen", decision, etag)
    assert response.status_code == 200, response.content
    assert status_of(signal) == (Status.BRONNENONDERZOEK, 3)


def test_a_negative_privacy_check_does_not_open_the_next_step(intake: Client, weigher: Client, signal: Signal) -> None:
    move(intake, signal, "statuswijzigingen", {"status": "gekwalificeerd"}, etag_of(intake, signal))
    decision = {"besluit": "intern_opgepakt", "motivering": "Toezicht."}
    assert move(weigher, signal, "wegingen", decision, etag_of(weigher, signal)).status_code == 200
    for kind in ("2a", "2b"):
        check = {**CHECK, "soort": kind, "conclusiePositief": kind == "2a"}
        assert move(intake, signal, "privacytoetsen", check, etag_of(intake, signal)).status_code == 201
    body = {"status": "plan_van_aanpak", "toelichting": "Aanpak."}
    refused = problem(move(intake, signal, "statuswijzigingen", body, etag_of(intake, signal)), 409)
    assert "2B" in refused["detail"] and "2A" not in refused["detail"]


def test_privacy_check_preconditions_and_input(intake: Client, signal: Signal) -> None:
    check = {**CHECK, "soort": "1"}
    problem(move(intake, signal, "privacytoetsen", check, None), 428)
    problem(move(intake, signal, "privacytoetsen", check, '"v9-0000000000000000"'), 412)
    response = move(intake, signal, "privacytoetsen", {"soort": "3"}, etag_of(intake, signal))
    assert response.status_code == 400, response.content
    names = {p["name"] for p in response.json()["invalidParams"]}
    assert {"soort", "doel", "noodzaak", "conclusiePositief"} <= names
    assert not PrivacyCheck.objects.filter(signal=signal).exists()


def test_no_privacy_check_on_a_closed_signal(intake: Client, signal: Signal) -> None:
    Signal.objects.filter(pk=signal.pk).update(status=Status.AFGEROND)
    refused = problem(move(intake, signal, "privacytoetsen", {**CHECK, "soort": "1"}, etag_of(intake, signal)), 409)
    assert "privacytoets" in refused["detail"]
    assert not PrivacyCheck.objects.filter(signal=signal).exists()


def test_history_and_checks_can_be_read_by_every_reader(
    intake: Client, weigher: Client, signal: Signal, tilburg: Any, make_user: Any
) -> None:
    move(intake, signal, "statuswijzigingen", {"status": "gekwalificeerd"}, etag_of(intake, signal))
    move(intake, signal, "privacytoetsen", {**CHECK, "soort": "1"}, etag_of(intake, signal))
    decision = {"besluit": "bronnenonderzoek", "motivering": "Past in een patroon."}
    assert move(weigher, signal, "wegingen", decision, etag_of(weigher, signal)).status_code == 200
    director = token_client(make_user(organisation=tilburg, role=Role.CASUSREGISSEUR))  # reads, moves nothing
    history = director.get(f"{URL}/{signal.uuid}/statuswijzigingen")
    assert history.status_code == 200, history.content
    rows = [(row["van"], row["naar"], row["toelichting"]) for row in history.json()]
    assert rows == [
        ("", Status.ONTVANGEN, ""),
        (Status.ONTVANGEN, Status.GEKWALIFICEERD, ""),
        (Status.GEKWALIFICEERD, Status.BRONNENONDERZOEK, "Past in een patroon."),
    ]
    checks = director.get(f"{URL}/{signal.uuid}/privacytoetsen")
    assert [(c["soort"], c["conclusiePositief"]) for c in checks.json()] == [("1", True)]
    parts = AuditEvent.objects.filter(object_uuid=signal.uuid, action=AuditAction.READ).values_list(
        "details__part", flat=True
    )
    assert {"statuswijzigingen", "privacytoetsen"} <= set(parts)
    # Reading is not moving: the director's POST finds nothing to act on.
    problem(move(director, signal, "statuswijzigingen", {"status": "afgerond"}, etag_of(director, signal)), 404)


# --- Scope ----------------------------------------------------------------------------------------------


SUBS = [
    ("statuswijzigingen", {"status": "gekwalificeerd"}),
    ("wegingen", {"besluit": "geen_actie", "motivering": "x"}),
    ("privacytoetsen", {**CHECK, "soort": "1"}),
]


@pytest.mark.parametrize(("sub", "body"), SUBS)
def test_another_organisations_signal_is_404_as_for_get(
    signal: Signal, amsterdam: Any, make_user: Any, sub: str, body: dict[str, Any]
) -> None:
    role = Role.SCHAKELTEAM if sub == "wegingen" else Role.MELDPUNT
    outsider = token_client(make_user(organisation=amsterdam, role=role))
    assert outsider.get(f"{URL}/{signal.uuid}").status_code == 404
    if sub != "wegingen":
        problem(outsider.get(f"{URL}/{signal.uuid}/{sub}"), 404)
    etag = f'"v1-{"0" * 16}"'
    for sent in (None, etag):  # 404 whatever the precondition: it reveals nothing
        problem(move(outsider, signal, sub, body, sent), 404)
    problem(move(outsider, make_signal(), sub, body, None), 404)  # a signal of nobody's intake
    assert status_of(signal) == (Status.ONTVANGEN, 1)
    assert not PrivacyCheck.objects.filter(signal=signal).exists()


@pytest.mark.parametrize(("sub", "body"), SUBS)
def test_a_private_partner_is_refused(
    signal: Signal, intake: Client, make_org: Any, make_user: Any, sub: str, body: dict[str, Any]
) -> None:
    private = make_org("Agrarische Vereniging", OrganisationType.AGRARISCH)
    partner = token_client(make_user(organisation=private, role=Role.PARTNERVERTEGENWOORDIGER))
    problem(move(partner, signal, sub, body, etag_of(intake, signal)), 404)
    if sub != "wegingen":
        problem(partner.get(f"{URL}/{signal.uuid}/{sub}"), 404)
    assert status_of(signal) == (Status.ONTVANGEN, 1)
