# SPDX-License-Identifier: EUPL-1.2
"""The flows of area C: persons affected without an account, police access by name, the threat
assessment, closing an incident, readable numbers — through services, pages and the API."""

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.models import AuditEvent
from weerbaar.organisations.constants import OrganisationType
from weerbaar.threats import selectors, services
from weerbaar.threats.constants import AssessmentOutcome, Status, StepKind, StepStatus, VictimRole
from weerbaar.threats.models import NUMBER_ALPHABET, FollowUpStep, Incident, VictimPerson
from weerbaar.threats.tests.factories import DATA, make_incident

NUMBER = re.compile(rf"^D\d{{4}}-[{NUMBER_ALPHABET}]{{6}}$")


@pytest.fixture
def world(make_org: Any, make_user: Any) -> dict[str, Any]:
    own = make_org("Gemeente Eigen")
    other = make_org("Gemeente Ander")
    police = make_org("Politie Eenheid Proef", OrganisationType.POLITIE)
    return {
        "own": own,
        "police": police,
        "victim": make_user(organisation=own, role=Role.MEDEWERKER),
        "coordinator": make_user(organisation=own, role=Role.VEILIGHEIDSCOORDINATOR),
        "colleague": make_user(organisation=own, role=Role.MEDEWERKER),
        "officer": make_user(organisation=police, role=Role.PARTNERVERTEGENWOORDIGER),
        "other_officer": make_user(organisation=police, role=Role.PARTNERVERTEGENWOORDIGER),
        "other_coordinator": make_user(organisation=other, role=Role.VEILIGHEIDSCOORDINATOR),
    }


def _council_member_incident(world: dict[str, Any], **overrides: Any) -> Incident:
    data = {**DATA, "occurred_at": timezone.now() - timedelta(hours=3), **overrides}
    return services.incident_report(
        actor=actor_for(user=world["coordinator"]), victim_name="Raadslid Zonder Account", data=data
    )


def _detail(incident: Incident) -> str:
    return reverse("threats:detail", kwargs={"uuid": incident.uuid})


# --- persons affected -----------------------------------------------------------------------------


def test_the_coordinator_registers_a_council_member_without_an_account(world: dict[str, Any]) -> None:
    incident = _council_member_incident(world)
    person = incident.victim_person
    assert (person.name, person.office, person.municipality, person.user) == (
        "Raadslid Zonder Account",
        "raadslid",
        world["own"],
        None,
    )
    assert incident.victim_role == "raadslid"
    event = AuditEvent.objects.get(action="create", object_uuid=incident.uuid)
    assert event.details["on_behalf"] is True and event.details["victim_account"] is False
    assert "Raadslid Zonder Account" not in json.dumps(event.details)  # no content in the audit trail


def test_only_a_coordinator_registers_on_behalf(world: dict[str, Any]) -> None:
    data = {**DATA, "occurred_at": timezone.now()}
    with pytest.raises(PermissionDenied):
        services.incident_report(actor=actor_for(user=world["colleague"]), victim_name="Iemand Anders", data=data)
    with pytest.raises(PermissionDenied):
        services.incident_report(actor=actor_for(user=world["colleague"]), victim=world["victim"], data=data)
    with pytest.raises(ValidationError) as missing:
        services.incident_report(actor=actor_for(user=world["coordinator"]), data=data)
    assert "victim_name" in missing.value.message_dict
    with pytest.raises(ValidationError) as office:
        services.incident_report(
            actor=actor_for(user=world["coordinator"]), victim_name="X", data={**data, "victim_role": "koning"}
        )
    assert "victim_role" in office.value.message_dict


def test_self_service_keeps_working_for_a_victim_with_an_account(world: dict[str, Any], client_for: Any) -> None:
    incident = make_incident(world["victim"], victim_role="gemeentesecretaris")
    assert incident.victim_person.user == world["victim"]
    assert incident.victim_person.name == world["victim"].display_name
    assert incident.get_victim_role_display() == str(VictimRole.GEMEENTESECRETARIS.label)
    page = client_for(world["victim"]).get(_detail(incident))
    assert page.status_code == 200
    assert world["victim"].display_name in page.content.decode()


def test_the_person_is_seen_exactly_where_the_incident_is(world: dict[str, Any], client_for: Any) -> None:
    incident = _council_member_incident(world)
    expected = {
        "coordinator": 200,
        "victim": 404,
        "colleague": 404,
        "officer": 404,
        "other_coordinator": 404,
    }
    for who, status in expected.items():
        client = client_for(world[who])
        response = client.get(_detail(incident))
        assert response.status_code == status, who
        api = client.get(f"/api/v1/incidenten/{incident.uuid}")
        assert api.status_code == status, who
        listing = (
            client.get("/api/v1/incidenten").content.decode() + client.get(reverse("threats:list")).content.decode()
        )
        assert ("Raadslid Zonder Account" in response.content.decode() + api.content.decode()) is (status == 200)
        assert "Raadslid Zonder Account" not in listing or status == 200, who
        assert (selectors.victim_person_get(actor=actor_for(user=world[who]), incident=incident) is not None) is (
            status == 200
        )


def test_the_report_page_registers_a_person_without_an_account(world: dict[str, Any], client_for: Any) -> None:
    client = client_for(world["coordinator"])
    form = {
        "victim_name": "Wethouder Zonder Account",
        "victim_role": "wethouder",
        "forms": ["bedreiging"],
        "channel": "brief",
        "target": "persoon",
        "occurred_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "severity": "3",
        "description": "Dreigbrief (synthetisch).",
        "linked_process": "geen",
        "undermining_related": "onbekend",
        "influenced_decision": "onbekend",
    }
    missing = client.post(reverse("threats:report"), {**form, "victim_name": ""})
    assert missing.status_code == 200 and Incident.objects.count() == 0
    response = client.post(reverse("threats:report"), form)
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.victim_person.name == "Wethouder Zonder Account" and incident.victim_person.user is None
    page = client.get(response["Location"]).content.decode()
    assert "Wethouder Zonder Account" in page and incident.number in page


# --- access for a named police officer ------------------------------------------------------------


def test_a_named_police_officer_can_be_granted_and_revoked(world: dict[str, Any], client_for: Any) -> None:
    incident = _council_member_incident(world)
    officer = client_for(world["officer"])
    assert officer.get(_detail(incident)).status_code == 404
    coordinator = client_for(world["coordinator"])
    form = coordinator.get(reverse("threats:grant_add", kwargs={"uuid": incident.uuid})).content.decode()
    assert world["officer"].display_name in form and "Politie Eenheid Proef" in form
    assert world["other_coordinator"].display_name not in form  # another municipality: not offered
    response = coordinator.post(
        reverse("threats:grant_add", kwargs={"uuid": incident.uuid}),
        {"grantee": str(world["officer"].uuid), "reason": "Dreigingsbeoordeling door de politie"},
    )
    assert response.status_code == 302
    grant = incident.grants.get()
    assert grant.organisation == world["police"]
    event = AuditEvent.objects.filter(action="disclose", object_uuid=incident.uuid).last()
    assert event is not None
    assert event.details["grantee"] == str(world["officer"].uuid)
    assert event.details["organisation"] == str(world["police"].uuid) and event.details["other_organisation"]
    page = coordinator.get(_detail(incident)).content.decode()
    assert world["officer"].display_name in page and "Politie Eenheid Proef" in page  # in the access list
    assert officer.get(_detail(incident)).status_code == 200
    assert officer.get(f"/api/v1/incidenten/{incident.uuid}").status_code == 200
    assert str(incident.uuid) in officer.get("/api/v1/incidenten").content.decode()
    # The officer sees it, but does not decide who else may, nor acts as coordinator.
    assert officer.get(reverse("threats:grant_add", kwargs={"uuid": incident.uuid})).status_code == 404
    assert officer.get(reverse("threats:assessment", kwargs={"uuid": incident.uuid})).status_code == 404
    # Their colleague at the police was not named: nothing.
    assert client_for(world["other_officer"]).get(_detail(incident)).status_code == 404
    coordinator.post(reverse("threats:grant_revoke", kwargs={"uuid": incident.uuid, "grant_uuid": grant.uuid}))
    assert officer.get(_detail(incident)).status_code == 404
    assert str(incident.uuid) not in officer.get("/api/v1/incidenten").content.decode()


def test_a_grant_holds_only_for_the_organisation_it_names(world: dict[str, Any], make_user: Any) -> None:
    incident = _council_member_incident(world)
    coordinator = actor_for(user=world["coordinator"])
    services.grant_create(actor=coordinator, incident=incident, grantee=world["officer"], reason="Politie")
    as_police = actor_for(user=world["officer"], organisation_uuid=world["police"].uuid)
    assert selectors.incident_get(actor=as_police, uuid=incident.uuid) is not None
    grant = incident.grants.get()
    grant.organisation = world["own"]  # as if granted for another organisation than the one they act for
    grant.save(update_fields=["organisation"])
    assert selectors.incident_get(actor=as_police, uuid=incident.uuid) is None


def test_only_the_own_organisation_or_the_police_can_be_granted(
    world: dict[str, Any], make_org: Any, make_user: Any
) -> None:
    incident = _council_member_incident(world)
    coordinator = actor_for(user=world["coordinator"])
    private = make_user(organisation=make_org("Beveiliger", OrganisationType.BEVEILIGING), role=Role.MEDEWERKER)
    for outsider in (world["other_coordinator"], private):
        with pytest.raises(ValidationError):
            services.grant_create(actor=coordinator, incident=incident, grantee=outsider, reason="Nee")
    with pytest.raises(PermissionDenied):
        services.grant_create(
            actor=actor_for(user=world["colleague"]), incident=incident, grantee=world["officer"], reason="Nee"
        )
    assert not incident.grants.exists()


# --- threat assessment ----------------------------------------------------------------------------


def test_the_threat_assessment_is_recorded_shown_and_in_the_history(world: dict[str, Any], client_for: Any) -> None:
    incident = _council_member_incident(world)
    coordinator = client_for(world["coordinator"])
    url = reverse("threats:assessment", kwargs={"uuid": incident.uuid})
    assert coordinator.get(url).status_code == 200
    future = coordinator.post(
        url,
        {
            "outcome": "ernstig",
            "assessed_by": "Politie",
            "assessed_on": (timezone.localdate() + timedelta(days=2)).isoformat(),
        },
    )
    assert future.status_code == 200 and not incident.assessments.exists()
    response = coordinator.post(
        url,
        {
            "outcome": "ernstig",
            "assessed_by": "Politie, team dreigingsmanagement",
            "assessed_on": timezone.localdate().isoformat(),
            "recommended_measures": "Cameratoezicht bij de woning",
        },
    )
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == Status.DREIGINGSBEOORDELING
    step = incident.steps.get(kind=StepKind.THREAT_ASSESSMENT)
    assert step.status == StepStatus.DONE
    page = coordinator.get(_detail(incident)).content.decode()
    with translation.override("nl"):
        serious = str(AssessmentOutcome.ERNSTIG.label)
    assert serious in page and "Cameratoezicht bij de woning" in page
    history = incident.status_changes.last()
    assert history is not None and serious in history.reason
    assert AuditEvent.objects.filter(object_uuid=incident.uuid, details__outcome="ernstig").exists()


def test_a_later_assessment_still_enters_the_history(world: dict[str, Any]) -> None:
    incident = _council_member_incident(world)
    coordinator = actor_for(user=world["coordinator"])
    services.incident_status_change(actor=coordinator, incident=incident, to_status=Status.NAZORG, reason="Verder")
    services.assessment_record(
        actor=coordinator,
        incident=incident,
        outcome="geen_aanwijzing",
        assessed_by="Politie",
        assessed_on=timezone.localdate() - timedelta(days=1),
    )
    incident.refresh_from_db()
    assert incident.status == Status.NAZORG  # never back
    last = incident.status_changes.last()
    assert last is not None and (last.from_status, last.to_status) == (Status.NAZORG, Status.NAZORG)
    with pytest.raises(PermissionDenied):
        services.assessment_record(
            actor=actor_for(user=world["officer"]),
            incident=incident,
            outcome="zorgelijk",
            assessed_by="Politie",
            assessed_on=timezone.localdate(),
        )


# --- closing ----------------------------------------------------------------------------------------


def test_the_status_changes_on_its_own_page_and_a_refusal_keeps_what_was_typed(
    world: dict[str, Any], client_for: Any
) -> None:
    incident = _council_member_incident(world)
    client = client_for(world["coordinator"])
    url = reverse("threats:status", kwargs={"uuid": incident.uuid})
    detail = client.get(reverse("threats:detail", kwargs={"uuid": incident.uuid})).content.decode()
    assert f'href="{url}"' in detail and 'name="reason"' not in detail
    assert 'name="reason"' in client.get(url).content.decode()
    # Without a reason: the same page again, with the chosen status still chosen; nothing changes.
    refused = client.post(url, {"status": "afgesloten", "reason": ""})
    assert refused.status_code == 200
    body = refused.content.decode()
    assert 'aria-invalid="true"' in body and 'value="afgesloten" selected' in body
    incident.refresh_from_db()
    assert incident.status != "afgesloten"
    assert client.post(url, {"status": "afgesloten", "reason": "Afgerond"}).status_code == 302
    # Closed: no link, and the page itself sends back to the incident.
    detail = client.get(reverse("threats:detail", kwargs={"uuid": incident.uuid})).content.decode()
    assert f'href="{url}"' not in detail
    assert client.get(url).status_code == 302


def test_closing_cancels_the_open_steps_and_keeps_the_done_ones(world: dict[str, Any], client_for: Any) -> None:
    incident = _council_member_incident(world)
    coordinator = actor_for(user=world["coordinator"])
    services.step_complete(actor=coordinator, step=incident.steps.get(kind=StepKind.ACKNOWLEDGE))
    FollowUpStep.objects.filter(incident=incident).update(due_at=timezone.now() - timedelta(days=3))
    assert selectors.step_overdue_list(actor=coordinator).exists()
    response = client_for(world["coordinator"]).post(
        reverse("threats:status", kwargs={"uuid": incident.uuid}), {"status": "afgesloten", "reason": "Afgerond"}
    )
    assert response.status_code == 302
    steps = {step.kind: step for step in incident.steps.all()}
    with translation.override("nl"):
        closed = gettext("incident closed")
    assert steps[StepKind.ACKNOWLEDGE].status == StepStatus.DONE
    for kind in (StepKind.CONTACT_VICTIM, StepKind.RESPOND_PERPETRATOR):
        assert steps[kind].status == StepStatus.CANCELLED
        assert steps[kind].note == closed
        assert steps[kind].done_by == world["coordinator"]
    assert not selectors.step_overdue_list(actor=coordinator).exists()
    closing = [
        e.details
        for e in AuditEvent.objects.filter(object_uuid=incident.uuid, action="update")
        if "steps_cancelled" in e.details
    ]
    assert [sorted(d["steps_cancelled"]) for d in closing] == [
        sorted([StepKind.CONTACT_VICTIM, StepKind.RESPOND_PERPETRATOR])
    ]
    with pytest.raises(ValidationError):
        services.step_complete(actor=coordinator, step=steps[StepKind.CONTACT_VICTIM])


# --- numbers ------------------------------------------------------------------------------------------


def test_incidents_get_readable_random_numbers(world: dict[str, Any], client_for: Any) -> None:
    incidents = [make_incident(world["victim"]) for _ in range(5)]
    numbers = [incident.number for incident in incidents]
    assert all(NUMBER.match(number or "") for number in numbers)
    assert len(set(numbers)) == len(numbers)
    assert not set("015SBOIL8") & set("".join(n[6:] for n in numbers if n))
    client = client_for(world["victim"])
    listing = client.get(reverse("threats:list")).content.decode()
    assert all(number in listing for number in numbers if number)
    api = client.get("/api/v1/incidenten").json()["results"]
    assert {row["nummer"] for row in api} == set(numbers)
    detail = client.get(f"/api/v1/incidenten/{incidents[0].uuid}").json()
    assert detail["nummer"] == numbers[0]
    assert detail["betrokkene"]["naam"] == world["victim"].display_name
    assert detail["slachtoffer"] == str(world["victim"].uuid)


# --- API defect ---------------------------------------------------------------------------------------


def test_a_repeated_form_in_the_api_is_a_400_problem(world: dict[str, Any], client_for: Any) -> None:
    client = client_for(world["victim"])
    body = {
        "rolSlachtoffer": "raadslid",
        "vormen": ["bedreiging", "bedreiging"],
        "kanaal": "brief",
        "gerichtOp": "persoon",
        "tijdstip": (timezone.now() - timedelta(hours=1)).isoformat(),
        "ernst": 3,
        "omschrijving": "Dreigbrief (synthetisch).",
    }
    response = client.post("/api/v1/incidenten", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [p["name"] for p in response.json()["invalidParams"]] == ["vormen"]
    assert not Incident.objects.exists()
    created = client.post(
        "/api/v1/incidenten", json.dumps({**body, "vormen": ["bedreiging"]}), content_type="application/json"
    )
    assert created.status_code == 201
    assert NUMBER.match(created.json()["nummer"])
    assert VictimPerson.objects.get().user == world["victim"]
