# SPDX-License-Identifier: EUPL-1.2
"""Retention of incidents: warned once, kept on legal hold, destroyed with a deletion record and its files."""

import io
from datetime import date, datetime, time
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.models import AuditEvent
from weerbaar.core.retention import retention_policy, retention_run
from weerbaar.notifications.models import OutboxMessage
from weerbaar.threats import services
from weerbaar.threats.constants import Status
from weerbaar.threats.evidence import evidence_add, evidence_path
from weerbaar.threats.models import (
    DeletionRecord,
    Evidence,
    Incident,
    MeasureChange,
    ProtectionMeasure,
    StatusChange,
)
from weerbaar.threats.retention import incident_legal_hold_set
from weerbaar.threats.tests.factories import MEASURE, make_incident

CLOSED_ON = date(2020, 3, 10)
#: Five years (THREATS_RETENTION_YEARS) after CLOSED_ON.
RETENTION_ENDS = date(2025, 3, 10)


@pytest.fixture
def people(make_org: Any, make_user: Any) -> dict[str, Any]:
    own = make_org("Gemeente Eigen")
    return {
        "victim": make_user(organisation=own, role=Role.MEDEWERKER),
        "coordinator": make_user(organisation=own, role=Role.VEILIGHEIDSCOORDINATOR),
        "other_coordinator": make_user(organisation=make_org("Gemeente Ander"), role=Role.VEILIGHEIDSCOORDINATOR),
    }


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, format="JPEG")
    return out.getvalue()


def _closed_incident(people: dict[str, Any], *, closed_on: date = CLOSED_ON) -> Incident:
    coordinator = actor_for(user=people["coordinator"])
    incident = make_incident(people["victim"])
    evidence_add(
        actor=actor_for(user=people["victim"]),
        incident=incident,
        upload=SimpleUploadedFile("bericht.jpg", _jpeg(), "image/jpeg"),
    )
    services.measure_create(actor=coordinator, incident=incident, data=MEASURE)
    services.incident_status_change(actor=coordinator, incident=incident, to_status=Status.AFGESLOTEN, reason="Klaar.")
    closed_at = timezone.make_aware(datetime.combine(closed_on, time(15, 0)))
    StatusChange.objects.filter(incident=incident, to_status=Status.AFGESLOTEN).update(at=closed_at)
    return incident


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    settings.THREATS_RETENTION_YEARS = 5


def test_closed_incidents_are_warned_once_thirty_days_before(people: dict[str, Any]) -> None:
    incident = _closed_incident(people)
    open_incident = make_incident(people["victim"])
    policy = retention_policy("threats")
    assert policy.warning_days == 30
    too_early = date(2025, 2, 7)  # 31 days before the end
    assert [r.warned for r in retention_run(today=too_early, names=["threats"])] == [0]
    report = retention_run(today=date(2025, 2, 8), names=["threats"])[0]
    assert (report.warned, report.held, report.deleted) == (1, 0, 0)
    mails = OutboxMessage.objects.all()
    assert [m.recipient for m in mails] == [people["coordinator"].email]
    body = mails.get().body
    assert "2025-03-10" in body and incident.number in body
    assert "Bedreigend" not in body and "Stadhuis" not in body  # no content of the incident
    assert retention_run(today=date(2025, 2, 9), names=["threats"])[0].warned == 0  # warned once
    assert Incident.objects.filter(pk=open_incident.pk).exists()


def test_expired_incident_is_destroyed_with_files_measures_and_history(
    people: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    incident = _closed_incident(people)
    kept = _closed_incident(people, closed_on=date(2020, 3, 11))
    evidence = incident.evidence.get()
    path = evidence_path(evidence)
    assert path.exists()
    measure = ProtectionMeasure.objects.get(incident=incident)
    assert retention_run(today=date(2025, 3, 9), names=["threats"])[0].deleted == 0
    with django_capture_on_commit_callbacks(execute=True):
        report = retention_run(today=RETENTION_ENDS, names=["threats"])[0]
    assert report.deleted == 1
    assert not Incident.objects.filter(pk=incident.pk).exists()
    assert not Evidence.objects.filter(pk=evidence.pk).exists()
    assert not path.exists()
    assert not ProtectionMeasure.objects.filter(pk=measure.pk).exists()
    assert not MeasureChange.objects.filter(measure_id=measure.pk).exists()
    assert not StatusChange.objects.filter(incident_id=incident.pk).exists()
    assert Incident.objects.filter(pk=kept.pk).exists()
    assert evidence_path(kept.evidence.get()).exists()

    record = DeletionRecord.objects.get(incident_uuid=incident.uuid)
    assert record.reference == incident.number
    assert (record.forms, record.final_status) == (["bedreiging"], Status.AFGESLOTEN)
    assert (record.closed_on, record.retention_until) == (CLOSED_ON, RETENTION_ENDS)
    assert record.reported_on == timezone.localdate(incident.created_at)
    assert record.organisation_id == incident.organisation_id
    assert (record.rule, record.deleted_by) == ("retention:closed", "retention task")
    stored = " ".join(str(value) for value in DeletionRecord.objects.filter(pk=record.pk).values().get().values())
    for personal in (people["victim"].username, people["victim"].last_name, "Stadhuis", "Bedreigend", "raadslid"):
        assert personal not in stored

    deletion = AuditEvent.objects.get(action="delete", object_uuid=incident.uuid)
    assert deletion.actor_uuid is None
    assert deletion.details == {"rule": "retention:closed", "retention_until": "2025-03-10"}


def test_legal_hold_keeps_an_expired_incident_until_lifted(people: dict[str, Any]) -> None:
    incident = _closed_incident(people)
    coordinator = actor_for(user=people["coordinator"])
    with pytest.raises(ValidationError):
        incident_legal_hold_set(actor=coordinator, incident=incident, hold=True, reason=" ")
    for outsider in ("victim", "other_coordinator"):
        with pytest.raises(PermissionDenied):
            incident_legal_hold_set(actor=actor_for(user=people[outsider]), incident=incident, hold=True, reason="x")
    incident = incident_legal_hold_set(
        actor=coordinator, incident=incident, hold=True, reason="Strafzaak tegen de dader loopt nog"
    )
    assert (incident.legal_hold, incident.legal_hold_reason) == (True, "Strafzaak tegen de dader loopt nog")
    hold_events = AuditEvent.objects.filter(action="update", object_uuid=incident.uuid, details__legal_hold=True)
    assert hold_events.count() == 1
    assert "Strafzaak" not in str(hold_events.get().details)

    report = retention_run(today=date(2026, 1, 1), names=["threats"])[0]
    assert (report.held, report.deleted) == (1, 0)
    assert Incident.objects.filter(pk=incident.pk).exists()
    assert not DeletionRecord.objects.exists()

    with pytest.raises(ValidationError):  # lifting needs a reason as well
        incident_legal_hold_set(actor=coordinator, incident=incident, hold=False, reason="")
    incident = incident_legal_hold_set(
        actor=coordinator, incident=incident, hold=False, reason="Uitspraak onherroepelijk, geen procedure meer"
    )
    assert (incident.legal_hold, incident.legal_hold_reason) == (False, "")
    lifted = AuditEvent.objects.filter(action="update", object_uuid=incident.uuid, details__legal_hold=False).get()
    assert lifted.purpose == "Uitspraak onherroepelijk, geen procedure meer"
    assert hold_events.get().purpose == "Strafzaak tegen de dader loopt nog"
    with pytest.raises(ValidationError):  # a second submit of the lift does nothing
        incident_legal_hold_set(actor=coordinator, incident=incident, hold=False, reason="Nogmaals opheffen")
    assert AuditEvent.objects.filter(object_uuid=incident.uuid, details__legal_hold=False).count() == 1
    assert retention_run(today=date(2026, 1, 1), names=["threats"])[0].deleted == 1
    assert DeletionRecord.objects.filter(incident_uuid=incident.uuid).exists()


def test_the_period_is_a_setting(people: dict[str, Any], settings: Any) -> None:
    incident = _closed_incident(people)
    settings.THREATS_RETENTION_YEARS = 7
    assert retention_run(today=RETENTION_ENDS, names=["threats"])[0].deleted == 0
    assert retention_run(today=date(2027, 3, 10), names=["threats"])[0].deleted == 1
    assert DeletionRecord.objects.get(incident_uuid=incident.uuid).retention_until == date(2027, 3, 10)


def test_the_daily_command_runs_every_policy(people: dict[str, Any]) -> None:
    _closed_incident(people)
    out = io.StringIO()
    call_command("retention_run", "--date", "2025-03-10", stdout=out)
    lines = out.getvalue().splitlines()
    assert "threats: warned 0, on legal hold 0, destroyed 1" in lines
    assert {line.split(":")[0] for line in lines} >= {"signals", "threats", "cases"}
