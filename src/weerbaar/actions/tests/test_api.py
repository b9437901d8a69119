# SPDX-License-Identifier: EUPL-1.2
"""``/api/v1/acties``: scope and embargo, a partner's own findings, idempotent recording of a finding
(a retry, a replay with other content, two threads racing with one key), follow-ups and debrief figures."""

import threading
import uuid
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from weerbaar.actions.constants import FollowUpKind, LegalDomain
from weerbaar.actions.models import Finding, FollowUp, Operation
from weerbaar.actions.tests.factories import (
    first_location,
    make_operation,
    make_partner_actor,
    make_planner,
    make_running,
)
from weerbaar.api.services import api_token_issue
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.cases.tests.factories import make_organisation
from weerbaar.core.policy import Actor
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.signals.models import Signal

URL = "/api/v1/acties"


def client_for(actor: Actor) -> Client:
    assert actor.user is not None
    return Client(headers={"Authorization": f"Bearer {api_token_issue(user=actor.user)[1]}"})


def finding_body(operation: Operation, **fields: Any) -> dict[str, Any]:
    return {
        "locatie": str(first_location(operation).uuid),
        "domein": LegalDomain.POLITIE,
        "gecontroleerd": "Verblijf en identiteit",
        "conform": False,
        "ernst": "midden",
        **fields,
    }


def post_finding(client: Client, operation: Operation, body: dict[str, Any], key: str | None) -> Any:
    headers = {"Idempotency-Key": key} if key is not None else {}
    return client.post(
        f"{URL}/{operation.uuid}/bevindingen", data=body, content_type="application/json", headers=headers
    )


@pytest.fixture
def running(tilburg: Organisation) -> tuple[Operation, Actor, Actor]:
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    make_running(operation, planner)
    return operation, planner, police


def test_list_and_detail_are_need_to_know_and_embargoed(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    later = make_operation(planner, starts_on=timezone.localdate() + timedelta(days=10), title="Actiedag later")
    police = make_partner_actor(later, planner)
    outsider = make_planner()
    assert [r["uuid"] for r in client_for(planner).get(URL).json()["results"]] == [str(later.uuid)]
    # The participant's membership counts from the first day on; an outsider never sees it.
    assert client_for(police).get(URL).json()["results"] == []
    assert client_for(police).get(f"{URL}/{later.uuid}").status_code == 404
    assert client_for(outsider).get(f"{URL}/{later.uuid}").status_code == 404
    detail = client_for(planner).get(f"{URL}/{later.uuid}")
    assert detail.status_code == 200
    body = detail.json()
    assert body["titel"] == "Actiedag later" and body["gemeenten"] == ["GM0855"]
    assert {p["domein"] for p in body["partners"]} == {LegalDomain.POLITIE}
    assert "projectleider" not in body and "id" not in body
    assert AuditEvent.objects.filter(action=AuditAction.READ, object_uuid=later.uuid).exists()


def test_locations_in_draw_order_without_their_source(running: tuple[Operation, Actor, Actor]) -> None:
    operation, _planner, police = running
    response = client_for(police).get(f"{URL}/{operation.uuid}/locaties")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["uuid"] for r in rows] == [str(loc.uuid) for loc in operation.locations.order_by("position", "id")]
    assert all(r["reden"] == "random" for r in rows)
    assert not any("bron" in key for key in rows[0])


def test_a_retry_with_the_same_key_returns_the_first_finding(running: tuple[Operation, Actor, Actor]) -> None:
    operation, _planner, police = running
    client = client_for(police)
    key = str(uuid.uuid4())
    first = post_finding(client, operation, finding_body(operation), key)
    assert first.status_code == 201, first.json()
    assert "Idempotent-Replayed" not in first
    again = post_finding(client, operation, finding_body(operation), key)
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    # The key in the body works the same way.
    body_key = post_finding(client, operation, finding_body(operation, idempotencySleutel=key), None)
    assert body_key.status_code == 201 and body_key.json()["uuid"] == first.json()["uuid"]
    assert Finding.objects.filter(operation=operation).count() == 1
    finding = Finding.objects.get()
    assert finding.organisation == police.organisation and finding.legal_ground == "Eigen bevoegdheid"


def test_the_same_key_with_other_content_is_422(running: tuple[Operation, Actor, Actor]) -> None:
    operation, _planner, police = running
    client = client_for(police)
    assert post_finding(client, operation, finding_body(operation), "k-1").status_code == 201
    response = post_finding(client, operation, finding_body(operation, gecontroleerd="Iets anders"), "k-1")
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["code"] == "idempotency-key-hergebruikt"
    assert Finding.objects.count() == 1


def test_a_finding_needs_one_valid_key_and_valid_input(running: tuple[Operation, Actor, Actor]) -> None:
    operation, _planner, police = running
    client = client_for(police)
    for key, body, name in (
        (None, finding_body(operation), "Idempotency-Key"),
        ("x" * 65, finding_body(operation), "Idempotency-Key"),
        ("a", finding_body(operation, idempotencySleutel="b"), "idempotencySleutel"),
        ("k", finding_body(operation, locatie=str(uuid.uuid4())), "locatie"),
        ("k", finding_body(operation, domein=LegalDomain.FISCAAL), "domein"),
        ("k", finding_body(operation, onbekend="x"), "onbekend"),
    ):
        response = post_finding(client, operation, body, key)
        assert response.status_code == 400, (name, response.json())
        assert name in {p["name"] for p in response.json()["invalidParams"]}, response.json()
    assert not Finding.objects.exists()


def test_a_key_used_by_someone_else_is_refused(running: tuple[Operation, Actor, Actor], tilburg: Any) -> None:
    operation, planner, police = running
    assert post_finding(client_for(police), operation, finding_body(operation), "shared").status_code == 201
    response = post_finding(client_for(planner), operation, finding_body(operation), "shared")
    assert response.status_code == 400
    assert Finding.objects.count() == 1


def test_a_partner_lists_only_its_own_findings(running: tuple[Operation, Actor, Actor]) -> None:
    operation, planner, police = running
    tax = make_partner_actor(operation, planner, org_type=OrganisationType.BELASTINGDIENST, domain=LegalDomain.FISCAAL)
    assert post_finding(client_for(police), operation, finding_body(operation), "p").status_code == 201
    body = finding_body(operation, domein=LegalDomain.FISCAAL, conform=True, ernst="geen")
    assert post_finding(client_for(tax), operation, body, "t").status_code == 201
    assert [r["domein"] for r in client_for(police).get(f"{URL}/{operation.uuid}/bevindingen").json()["results"]] == [
        LegalDomain.POLITIE
    ]
    assert [r["domein"] for r in client_for(tax).get(f"{URL}/{operation.uuid}/bevindingen").json()["results"]] == [
        LegalDomain.FISCAAL
    ]
    assert client_for(planner).get(f"{URL}/{operation.uuid}/bevindingen").json()["count"] == 2


def test_follow_ups_become_signals_and_flow_back(running: tuple[Operation, Actor, Actor]) -> None:
    operation, _planner, police = running
    client = client_for(police)
    finding = post_finding(client, operation, finding_body(operation), "f").json()
    due = str(timezone.localdate() + timedelta(days=14))
    url = f"{URL}/{operation.uuid}/opvolgingen"
    data = {"bevinding": finding["uuid"], "soort": FollowUpKind.AANGIFTE_POLITIE, "eigenaar": "", "uiterlijk": due}
    data["eigenaar"] = str(police.organisation.uuid)  # type: ignore[union-attr]
    created = client.post(url, data=data, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["gekoppeld"] == "melding" and created.json()["afgerond"] is False
    follow_up = FollowUp.objects.get()
    assert follow_up.signal is not None and Signal.objects.filter(pk=follow_up.signal.pk).exists()
    assert [r["uuid"] for r in client.get(url).json()["results"]] == [created.json()["uuid"]]
    past = {**data, "uiterlijk": str(timezone.localdate() - timedelta(days=1))}
    refused = client.post(url, data=past, content_type="application/json")
    assert refused.status_code == 400 and refused.json()["invalidParams"][0]["name"] == "uiterlijk"


def test_debrief_figures_are_exact_for_planners_and_suppressed_for_partners(
    running: tuple[Operation, Actor, Actor],
) -> None:
    operation, planner, police = running
    client = client_for(police)
    for n in range(3):
        assert post_finding(client, operation, finding_body(operation), f"d{n}").status_code in (201,)
    exact = client_for(planner).get(f"{URL}/{operation.uuid}/debriefing").json()
    assert exact["exact"] is True and exact["bevindingen"] == "3" and exact["aandeelConform"] == "0 %"
    suppressed = client.get(f"{URL}/{operation.uuid}/debriefing").json()
    assert suppressed["exact"] is False and suppressed["bevindingen"] == "< 5"
    assert "3" not in {suppressed["bevindingen"], suppressed["locatiesGecontroleerd"]}
    assert client_for(make_planner()).get(f"{URL}/{operation.uuid}/debriefing").status_code == 404


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("transactional_db_with_audit")
def test_concurrent_retries_over_the_api_record_one_finding(geography: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL")
    tilburg = make_organisation(type=OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))
    planner = make_planner(tilburg)
    operation = make_operation(planner)
    police = make_partner_actor(operation, planner)
    make_running(operation, planner)
    body = finding_body(operation)
    clients = [client_for(police) for _ in range(2)]
    barrier = threading.Barrier(len(clients))
    responses: list[Any] = []
    errors: list[BaseException] = []

    def attempt(client: Client) -> None:
        try:
            barrier.wait()
            responses.append(post_finding(client, operation, body, "race-api"))
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [r.status_code for r in responses] == [201, 201]
    assert len({r.json()["uuid"] for r in responses}) == 1
    assert sorted(r.get("Idempotent-Replayed", "") for r in responses) == ["", "true"]
    assert Finding.objects.filter(operation=operation).count() == 1
