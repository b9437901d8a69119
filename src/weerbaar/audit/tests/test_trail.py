# SPDX-License-Identifier: EUPL-1.2
"""The audit trail page: objects by number, filters, the export and the chain check."""

import csv
import io
from collections.abc import Callable
from typing import Any
from uuid import UUID

import pytest
from django.test import Client
from django.urls import reverse

from weerbaar.accounts.constants import Role
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit import services as audit_services
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.describers import audit_objects_describe, audit_objects_find
from weerbaar.audit.models import AuditEvent
from weerbaar.audit.services import audit_event_record
from weerbaar.audit.tests.test_chain import _tamper
from weerbaar.cases.retention import POLICY as CASES_POLICY
from weerbaar.cases.tests.factories import make_case, make_owner_actor
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.signals.models import DeletionRecord
from weerbaar.signals.tests.factories import make_signal
from weerbaar.threats.tests.factories import make_incident

pytestmark = pytest.mark.django_db

TITLE = "Schuur Biezenmortel — drugsafval"
URL = reverse("audit:list")


@pytest.fixture
def case_world(make_user: Callable[..., User], client_for: Callable[[User], Client]) -> dict[str, Any]:
    owner = make_owner_actor()
    case = make_case(owner, title=TITLE)
    assert owner.organisation is not None
    auditor = make_user(organisation=owner.organisation, role=Role.AUDITOR)
    return {"owner": owner, "case": case, "auditor": auditor, "client": client_for(auditor)}


def _lines(client: Client, **params: str) -> str:
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


# --- describers ---------------------------------------------------------------------------------------------


def test_case_is_described_by_number_never_by_title(case_world: dict[str, Any]) -> None:
    case = case_world["case"]
    auditor = actor_for(user=case_world["auditor"])
    (described,) = audit_objects_describe(actor=auditor, refs=[("cases.case", case.uuid)]).values()
    assert described.label == case.number
    assert case.number.startswith("C")
    assert TITLE not in described.label
    assert described.url is None  # the auditor reads the trail, not the case
    (for_owner,) = audit_objects_describe(actor=case_world["owner"], refs=[("cases.case", case.uuid)]).values()
    assert for_owner.url == reverse("cases:detail", args=[case.uuid])


def test_destroyed_case_shows_destroyed(case_world: dict[str, Any]) -> None:
    case = case_world["case"]
    CASES_POLICY.destroy(case, case.created_at.date())
    (described,) = audit_objects_describe(actor=case_world["owner"], refs=[("cases.case", case.uuid)]).values()
    assert described.label == "(vernietigd)"
    assert described.url is None


def test_destroyed_signal_shows_its_deletion_record(case_world: dict[str, Any]) -> None:
    uuid = UUID("00000000-0000-4000-8000-000000000001")
    DeletionRecord.objects.create(
        signal_uuid=uuid,
        signal_number="M2026-000042",
        phenomenon="x",
        final_status="x",
        rule="test",
        reason="test",
        deleted_at="2026-01-01T00:00:00Z",
        deleted_by="test",
    )
    (described,) = audit_objects_describe(actor=case_world["owner"], refs=[("signals.signal", uuid)]).values()
    assert described.label == "M2026-000042 (vernietigd)"
    assert ("signals.signal", uuid) in audit_objects_find("m2026-000042")


def test_signal_is_described_by_number(case_world: dict[str, Any], geography: None) -> None:
    owner = case_world["owner"]
    signal = make_signal(description="Geheime omschrijving")
    assert signal.number is not None and signal.number.startswith("M")
    (described,) = audit_objects_describe(actor=owner, refs=[("signals.signal", signal.uuid)]).values()
    assert described.label == signal.number
    assert described.url is None  # not sent to the owner's organisation
    assert audit_objects_find(signal.number) == [("signals.signal", signal.uuid)]


def test_incident_is_described_by_reference_only(make_user: Callable[..., User]) -> None:
    org = Organisation.objects.create(name="Gemeente Incident", type=OrganisationType.GEMEENTE)
    victim = make_user(organisation=org, role=Role.MEDEWERKER)
    auditor = make_user(organisation=org, role=Role.AUDITOR)
    incident = make_incident(victim)
    ref = ("threats.incident", incident.uuid)
    (for_auditor,) = audit_objects_describe(actor=actor_for(user=auditor), refs=[ref]).values()
    assert for_auditor.label == f"Incident {incident.reference}"
    assert for_auditor.url is None
    (for_victim,) = audit_objects_describe(actor=actor_for(user=victim), refs=[ref]).values()
    assert for_victim.url == reverse("threats:detail", args=[incident.uuid])


def test_unknown_type_keeps_its_type_and_short_uuid(case_world: dict[str, Any]) -> None:
    uuid = UUID("12345678-0000-4000-8000-000000000000")
    (described,) = audit_objects_describe(actor=case_world["owner"], refs=[("x.thing", uuid)]).values()
    assert described.label == "x.thing 12345678"


# --- the page -----------------------------------------------------------------------------------------------


def test_page_shows_number_purpose_and_readable_details(case_world: dict[str, Any]) -> None:
    case, owner = case_world["case"], case_world["owner"]
    audit_event_record(
        actor=owner, action=AuditAction.READ, obj=case, purpose="Voorbereiding overleg", details={"tab": "items"}
    )
    html = _lines(case_world["client"])
    assert case.number in html
    assert TITLE not in html
    assert reverse("cases:detail", args=[case.uuid]) not in html
    assert "Voorbereiding overleg" in html
    assert "tab: items" in html
    assert owner.user is not None
    assert owner.user.display_name in html


def test_filter_by_user_object_action_and_period(case_world: dict[str, Any], make_user: Callable[..., User]) -> None:
    case, owner = case_world["case"], case_world["owner"]
    assert owner.user is not None and owner.organisation is not None
    other = actor_for(user=make_user(organisation=owner.organisation, role=Role.MEDEWERKER, username="collega"))
    audit_event_record(actor=owner, action=AuditAction.READ, obj=case, purpose="eigen")
    audit_event_record(actor=other, action=AuditAction.READ, obj=owner.organisation, purpose="collega")
    client = case_world["client"]

    assert str(owner.user.uuid) in _lines(client)  # the user select offers the actor by UUID
    by_user = _lines(client, user=str(owner.user.uuid))
    assert ">eigen<" in by_user and ">collega<" not in by_user
    by_number = _lines(client, object=case.number)
    assert ">eigen<" in by_number and ">collega<" not in by_number
    by_uuid = _lines(client, object=str(case.uuid))
    assert ">eigen<" in by_uuid and ">collega<" not in by_uuid
    by_action = _lines(client, action=AuditAction.READ)
    assert ">eigen<" in by_action and ">collega<" in by_action
    assert ">eigen<" not in _lines(client, action=AuditAction.EXPORT)
    assert ">eigen<" not in _lines(client, since="2000-01-01", until="2000-01-02")
    assert ">eigen<" in _lines(client, since="2000-01-01")


def test_trail_is_scoped_to_the_own_organisation(case_world: dict[str, Any], make_org: Any) -> None:
    foreign = make_owner_actor(make_org("Gemeente Elders"))
    audit_event_record(actor=foreign, action=AuditAction.READ, purpose="elders")
    html = _lines(case_world["client"])
    assert ">elders<" not in html
    assert 'name="organisation"' not in html  # one organisation only: nothing to choose


def test_operator_reads_every_organisation_and_filters_by_one(
    case_world: dict[str, Any], make_org: Any, make_user: Callable[..., User], client_for: Callable[[User], Client]
) -> None:
    operator_org = make_org("RIEC Beheer", OrganisationType.RIEC, is_operator=True)
    client = client_for(make_user(organisation=operator_org, role=Role.AUDITOR))
    foreign = make_owner_actor(make_org("Gemeente Elders"))
    audit_event_record(actor=foreign, action=AuditAction.READ, purpose="elders")
    audit_event_record(actor=case_world["owner"], action=AuditAction.READ, purpose="eigen")
    html = _lines(client)
    assert ">elders<" in html and ">eigen<" in html
    assert foreign.organisation is not None
    only = _lines(client, organisation=str(foreign.organisation.uuid))
    assert ">elders<" in only and ">eigen<" not in only


def test_no_name_in_the_url_of_the_filter(case_world: dict[str, Any]) -> None:
    html = _lines(case_world["client"])
    assert 'method="get"' in html
    assert 'name="user"' in html and "<select" in html  # chosen from a list of UUIDs, not typed as a name


# --- export -------------------------------------------------------------------------------------------------


def test_export_streams_the_filtered_trail_and_is_audited(case_world: dict[str, Any]) -> None:
    case, owner = case_world["case"], case_world["owner"]
    audit_event_record(actor=owner, action=AuditAction.READ, obj=case, purpose="eigen", details={"tab": "items"})
    response = case_world["client"].get(reverse("audit:export"), {"object": case.number, "action": "read"})
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode().lstrip("\ufeff")  # type: ignore[attr-defined]
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert len(rows) == 2
    header, row = rows
    assert "Object" in header
    assert case.number in row
    assert "eigen" in row
    assert "tab: items" in row
    assert TITLE not in body
    event = AuditEvent.objects.filter(action=AuditAction.EXPORT, object_type="audit.auditevent").get()
    assert event.details == {"object": case.number, "action": "read", "format": "csv"}
    assert event.actor_uuid == case_world["auditor"].uuid


# --- the chain check ----------------------------------------------------------------------------------------


def test_chain_check_from_the_page(case_world: dict[str, Any]) -> None:
    client = case_world["client"]
    response = client.post(reverse("audit:verify"))
    assert response.status_code == 302
    check = AuditEvent.objects.filter(action=AuditAction.VERIFY).get()
    assert check.details["result"] == "ok"
    assert check.actor_uuid == case_world["auditor"].uuid
    html = _lines(client)
    assert check.details["head"] in html
    assert f"({check.details['count']} gebeurtenissen)" in html


def test_tampered_row_is_shown_as_the_broken_link(case_world: dict[str, Any]) -> None:
    victim = audit_event_record(actor=case_world["owner"], action=AuditAction.READ, purpose="origineel")
    audit_event_record(actor=case_world["owner"], action=AuditAction.READ)
    _tamper("UPDATE audit_auditevent SET purpose = %s WHERE id = %s", ["herschreven", victim.pk])
    client = case_world["client"]
    client.post(reverse("audit:verify"))
    html = _lines(client)
    assert str(victim.uuid) in html
    assert f"gebeurtenis {victim.pk}" in html
    assert "gewijzigd" in html


def test_large_trail_is_checked_by_the_worker(
    case_world: dict[str, Any], monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr(audit_services, "CHAIN_CHECK_INLINE_LIMIT", 0)
    with django_capture_on_commit_callbacks(execute=True):
        response = case_world["client"].post(reverse("audit:verify"))
    assert response.status_code == 302
    modes = list(AuditEvent.objects.filter(action=AuditAction.VERIFY).order_by("id").values_list("details", flat=True))
    assert [m["mode"] for m in modes] == ["queued", "background"]
    assert modes[1]["result"] == "ok"
    owner_org = case_world["owner"].organisation
    assert AuditEvent.objects.filter(action=AuditAction.VERIFY, organisation_uuid=owner_org.uuid).count() == 2


def test_chain_check_needs_post(case_world: dict[str, Any]) -> None:
    assert case_world["client"].get(reverse("audit:verify")).status_code == 405


def test_a_name_typed_as_object_is_refused_and_not_recorded(case_world: dict[str, Any]) -> None:
    html = _lines(case_world["client"], object="Jan Jansen")
    assert "Voer een nummer" in html
    search = AuditEvent.objects.filter(action=AuditAction.SEARCH).order_by("-id").first()
    assert search is not None
    assert "Jansen" not in str(search.details)


def test_user_select_offers_the_own_organisation_only(case_world: dict[str, Any], make_org: Any) -> None:
    foreign = make_owner_actor(make_org("Gemeente Elders"))
    assert foreign.user is not None and case_world["owner"].user is not None
    html = _lines(case_world["client"])
    assert f'value="{case_world["owner"].user.uuid}"' in html
    assert str(foreign.user.uuid) not in html
