# SPDX-License-Identifier: EUPL-1.2
"""Settling an incident's follow-up steps through the API, under If-Match; only the own coordinator may."""

from typing import Any

import pytest
from django.test import Client

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.api.services import api_token_issue
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.organisations.constants import OrganisationType
from weerbaar.threats import services
from weerbaar.threats.constants import Status, StepKind, StepStatus
from weerbaar.threats.models import FollowUpStep, Incident
from weerbaar.threats.tests.factories import make_incident

pytestmark = pytest.mark.django_db


def token_client(user: Any) -> Client:
    _token, raw = api_token_issue(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"})


@pytest.fixture
def people(make_org: Any, make_user: Any) -> dict[str, Any]:
    own = make_org("Gemeente Eigen")
    other = make_org("Gemeente Ander")
    private = make_org("Agrarisch", OrganisationType.AGRARISCH)
    return {
        "victim": make_user(organisation=own, role=Role.MEDEWERKER),
        "coordinator": make_user(organisation=own, role=Role.VEILIGHEIDSCOORDINATOR),
        "deputy": make_user(organisation=own, role=Role.VEILIGHEIDSCOORDINATOR),
        "colleague": make_user(organisation=own, role=Role.MEDEWERKER),
        "other_coordinator": make_user(organisation=other, role=Role.VEILIGHEIDSCOORDINATOR),
        "private": make_user(organisation=private, role=Role.VEILIGHEIDSCOORDINATOR),
    }


@pytest.fixture
def incident(people: dict[str, Any]) -> Incident:
    return make_incident(people["victim"])


def step_of(incident: Incident, kind: str) -> FollowUpStep:
    return incident.steps.get(kind=kind)


def url_of(step: FollowUpStep) -> str:
    return f"/api/v1/incidenten/{step.incident.uuid}/stappen/{step.uuid}"


def etag_of(client: Client, step: FollowUpStep) -> str:
    response = client.get(url_of(step))
    assert response.status_code == 200, response.content
    return str(response["ETag"])


def settle(client: Client, step: FollowUpStep, body: dict[str, Any], etag: str | None) -> Any:
    headers = {"If-Match": etag} if etag is not None else {}
    return client.post(f"{url_of(step)}/afhandeling", body, "application/json", headers=headers)


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    return body


def state(step: FollowUpStep) -> tuple[str, int]:
    step.refresh_from_db()
    return step.status, step.version


def test_coordinator_completes_a_step_and_the_incident_moves_on(people: dict[str, Any], incident: Incident) -> None:
    c = token_client(people["coordinator"])
    step = step_of(incident, StepKind.ACKNOWLEDGE)
    detail = c.get(url_of(step))
    assert detail.status_code == 200 and detail.json()["status"] == StepStatus.OPEN
    response = settle(c, step, {"status": "afgerond", "notitie": "Gebeld."}, detail["ETag"])
    assert response.status_code == 200, response.content
    assert response.json()["status"] == StepStatus.DONE and response.json()["afgerondOp"]
    assert response["ETag"] != detail["ETag"] and response["ETag"] == etag_of(c, step)
    assert state(step) == (StepStatus.DONE, 2)
    assert step.note == "Gebeld." and step.done_by == people["coordinator"]
    incident.refresh_from_db()
    assert incident.status == Status.GEREGISTREERD
    event = AuditEvent.objects.filter(object_uuid=incident.uuid, action=AuditAction.UPDATE).latest("id")
    assert event.details == {"step_done": StepKind.ACKNOWLEDGE, "status": StepStatus.DONE}


def test_coordinator_cancels_a_step(people: dict[str, Any], incident: Incident) -> None:
    c = token_client(people["coordinator"])
    step = step_of(incident, StepKind.RESPOND_PERPETRATOR)
    response = settle(c, step, {"status": "geannuleerd", "notitie": "Dader onbekend."}, etag_of(c, step))
    assert response.status_code == 200, response.content
    assert state(step) == (StepStatus.CANCELLED, 2)
    incident.refresh_from_db()
    assert incident.status == Status.GEMELD  # a cancelled step moves nothing on


def test_missing_if_match_is_428(people: dict[str, Any], incident: Incident) -> None:
    step = step_of(incident, StepKind.ACKNOWLEDGE)
    body = problem(settle(token_client(people["coordinator"]), step, {"status": "afgerond"}, None), 428)
    assert body["code"] == "if-match-vereist"
    assert state(step) == (StepStatus.OPEN, 1)


def test_two_coordinators_the_second_one_loses(people: dict[str, Any], incident: Incident) -> None:
    first, second = token_client(people["coordinator"]), token_client(people["deputy"])
    step = step_of(incident, StepKind.CONTACT_VICTIM)
    mine, theirs = etag_of(first, step), etag_of(second, step)
    assert settle(first, step, {"status": "afgerond", "notitie": "Bezocht."}, mine).status_code == 200
    refused = problem(settle(second, step, {"status": "niet_nodig", "notitie": "Niet nodig."}, theirs), 412)
    assert refused["code"] == "verouderde-versie"
    assert state(step) == (StepStatus.DONE, 2)
    assert step.note == "Bezocht." and step.done_by == people["coordinator"]


def test_closing_the_incident_makes_a_held_etag_stale(people: dict[str, Any], incident: Incident) -> None:
    c = token_client(people["coordinator"])
    step = step_of(incident, StepKind.RESPOND_PERPETRATOR)
    etag = etag_of(c, step)
    coordinator = actor_for(user=people["coordinator"])
    services.incident_status_change(actor=coordinator, incident=incident, to_status=Status.AFGESLOTEN, reason="Klaar")
    problem(settle(c, step, {"status": "afgerond"}, etag), 412)  # closing cancelled it: a new version
    refused = problem(settle(c, step, {"status": "afgerond"}, etag_of(c, step)), 409)
    assert refused["code"] == "overgang-geweigerd" and refused["detail"]
    assert state(step) == (StepStatus.CANCELLED, 2)


def test_a_settled_step_is_settled_once(people: dict[str, Any], incident: Incident) -> None:
    c = token_client(people["coordinator"])
    step = step_of(incident, StepKind.ACKNOWLEDGE)
    assert settle(c, step, {"status": "niet_nodig"}, etag_of(c, step)).status_code == 200
    refused = problem(settle(c, step, {"status": "afgerond"}, etag_of(c, step)), 409)
    assert refused["detail"]
    assert state(step) == (StepStatus.NOT_NEEDED, 2)


def test_bad_input_is_400(people: dict[str, Any], incident: Incident) -> None:
    c = token_client(people["coordinator"])
    step = step_of(incident, StepKind.ACKNOWLEDGE)
    response = settle(c, step, {"status": "open", "notitie": "x" * 1001, "extra": 1}, etag_of(c, step))
    assert response.status_code == 400, response.content
    assert {p["name"] for p in response.json()["invalidParams"]} == {"status", "notitie", "extra"}
    assert state(step) == (StepStatus.OPEN, 1)


def test_only_the_own_coordinator_settles_a_step(people: dict[str, Any], incident: Incident) -> None:
    step = step_of(incident, StepKind.ACKNOWLEDGE)
    etag = etag_of(token_client(people["coordinator"]), step)
    # The victim sees the step (and its ETag) but settling it is the coordinator's: 404.
    victim = token_client(people["victim"])
    assert etag_of(victim, step) == etag
    problem(settle(victim, step, {"status": "afgerond"}, etag), 404)
    # Colleagues, other organisations and private partners see nothing at all, GET or POST.
    for who in ("colleague", "other_coordinator", "private"):
        client = token_client(people[who])
        problem(client.get(url_of(step)), 404)
        problem(settle(client, step, {"status": "afgerond"}, etag), 404)
        problem(settle(client, step, {"status": "afgerond"}, None), 404)
    assert state(step) == (StepStatus.OPEN, 1)


def test_a_step_of_another_incident_is_404(people: dict[str, Any], incident: Incident) -> None:
    c = token_client(people["coordinator"])
    other = make_incident(people["colleague"])
    step = step_of(other, StepKind.ACKNOWLEDGE)
    wrong = f"/api/v1/incidenten/{incident.uuid}/stappen/{step.uuid}"
    problem(c.get(wrong), 404)
    response = c.post(f"{wrong}/afhandeling", {"status": "afgerond"}, "application/json", headers={"If-Match": "*"})
    problem(response, 404)
    assert state(step) == (StepStatus.OPEN, 1)
