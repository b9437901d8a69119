# SPDX-License-Identifier: EUPL-1.2
"""Retention of pressure reports: a closed report goes two years after closure with its notes and history,
leaving a deletion record without content and an audit event; an open one stays; its coordinator may destroy
an expired one now, nobody else can."""

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.audit.models import AuditEvent
from weerbaar.core.retention import retention_run
from weerbaar.integrity import selectors, services
from weerbaar.integrity.constants import Kind, Status
from weerbaar.integrity.models import DeletionRecord, PressureReport, ReportNote, ReportStatusChange
from weerbaar.integrity.retention import POLICY, retention_ends_on
from weerbaar.integrity.tests.factories import SECRET, actor, make_report

pytestmark = pytest.mark.django_db


def _closed(reporter: Any, coordinator: Any, *, days_ago: int) -> PressureReport:
    report = make_report(reporter)
    services.note_add(actor=actor(coordinator), report=report, text="Gesprek gevoerd.")
    report = services.report_transition(
        actor=actor(coordinator), report=report, to_status=Status.GESLOTEN, expected_version=None
    )
    PressureReport.objects.filter(pk=report.pk).update(ended_at=timezone.now() - timedelta(days=days_ago))
    report.refresh_from_db()
    return report


@pytest.fixture
def people(tilburg: Any, make_user: Any) -> dict[str, Any]:
    return {
        "reporter": make_user(organisation=tilburg, role=Role.MEDEWERKER),
        "coordinator": make_user(organisation=tilburg, role=Role.INTEGRITEITSCOORDINATOR),
    }


def test_the_daily_run_destroys_a_closed_report_after_two_years(people: dict[str, Any], tilburg: Any) -> None:
    old = _closed(people["reporter"], people["coordinator"], days_ago=2 * 366)
    recent = _closed(people["reporter"], people["coordinator"], days_ago=300)
    still_open = make_report(people["reporter"])
    assert retention_ends_on(still_open) is None
    assert retention_ends_on(recent) == timezone.localdate(recent.ended_at).replace(
        year=timezone.localdate(recent.ended_at).year + 2
    )

    [report] = retention_run(names=[POLICY.name])

    assert report.deleted == 1
    assert set(PressureReport.objects.values_list("pk", flat=True)) == {recent.pk, still_open.pk}
    assert not ReportNote.objects.filter(report_id=old.pk).exists()
    assert not ReportStatusChange.objects.filter(report_id=old.pk).exists()
    record = DeletionRecord.objects.get()
    assert (record.reference, record.kind, record.final_status, record.organisation_id) == (
        old.reference,
        Kind.AANBOD,
        Status.GESLOTEN,
        tilburg.pk,
    )
    assert record.received_year == timezone.localtime(old.received_at).year
    assert SECRET not in str(DeletionRecord.objects.values().get())
    event = AuditEvent.objects.get(object_uuid=old.uuid, action="delete")
    assert event.actor_uuid is None and event.details["rule"] == "integrity-reports"
    # The council's counts keep the destroyed report.
    assert selectors.council_figures(organisation_id=tilburg.pk).total == "< 5"
    assert retention_run(names=[POLICY.name])[0].deleted == 0


def test_the_coordinator_destroys_an_expired_report_now(people: dict[str, Any]) -> None:
    report = _closed(people["reporter"], people["coordinator"], days_ago=2 * 366)
    client = verified_client(people["coordinator"])
    detail = client.get(reverse("integrity:detail", kwargs={"uuid": report.uuid})).content.decode()
    url = reverse("integrity:destroy", kwargs={"uuid": report.uuid})
    assert url in detail

    page = client.get(url)
    assert page.status_code == 200 and report.reference in page.content.decode()
    assert client.post(url, {"reason": "kort"}).status_code == 200  # a reason of ten characters or more
    assert PressureReport.objects.filter(pk=report.pk).exists()
    response = client.post(url, {"reason": "Afgerond, geen vervolg meer nodig."})
    assert response.status_code == 302
    assert not PressureReport.objects.filter(pk=report.pk).exists()
    event = AuditEvent.objects.get(object_uuid=report.uuid, action="delete")
    assert event.purpose == "Afgerond, geen vervolg meer nodig." and event.details["on_request"] is True
    assert DeletionRecord.objects.filter(reference=report.reference).count() == 1


def test_a_report_whose_retention_runs_is_refused(people: dict[str, Any]) -> None:
    report = _closed(people["reporter"], people["coordinator"], days_ago=30)
    url = reverse("integrity:destroy", kwargs={"uuid": report.uuid})
    response = verified_client(people["coordinator"]).post(url, {"reason": "Afgerond, geen vervolg meer nodig."})
    assert response.status_code == 409
    assert PressureReport.objects.filter(pk=report.pk).exists() and not DeletionRecord.objects.exists()


@pytest.mark.parametrize("role", [Role.LEIDINGGEVENDE, Role.MEDEWERKER, Role.RAADSLID, Role.VEILIGHEIDSCOORDINATOR])
def test_nobody_else_destroys_it(people: dict[str, Any], tilburg: Any, make_user: Any, role: str) -> None:
    report = _closed(people["reporter"], people["coordinator"], days_ago=2 * 366)
    client = verified_client(make_user(organisation=tilburg, role=role))
    url = reverse("integrity:destroy", kwargs={"uuid": report.uuid})
    assert client.post(url, {"reason": "Afgerond, geen vervolg meer nodig."}).status_code in {403, 404}
    assert PressureReport.objects.filter(pk=report.pk).exists()


def test_another_organisations_coordinator_gets_404(people: dict[str, Any], amsterdam: Any, make_user: Any) -> None:
    report = _closed(people["reporter"], people["coordinator"], days_ago=2 * 366)
    client = verified_client(make_user(organisation=amsterdam, role=Role.INTEGRITEITSCOORDINATOR))
    url = reverse("integrity:destroy", kwargs={"uuid": report.uuid})
    assert client.post(url, {"reason": "Afgerond, geen vervolg meer nodig."}).status_code == 404
    assert PressureReport.objects.filter(pk=report.pk).exists()
