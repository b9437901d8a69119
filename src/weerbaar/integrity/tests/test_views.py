# SPDX-License-Identifier: EUPL-1.2
"""The pages: a staff member files a report and follows it; the coordinator works on it; bad input is a
form error in Dutch, never a 500; a stale page is refused."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.audit.models import AuditEvent
from weerbaar.integrity.constants import Status
from weerbaar.integrity.models import PressureReport
from weerbaar.integrity.tests.factories import SECRET, make_report
from weerbaar.threats.models import Incident

pytestmark = pytest.mark.django_db


def test_a_staff_member_files_a_report_and_sees_its_status(tilburg: Any, make_user: Any) -> None:
    staff = make_user(organisation=tilburg, role=Role.MEDEWERKER)
    client = verified_client(staff)

    response = client.post(
        reverse("integrity:report_new"), {"kind": "druk", "when": "week", "account": SECRET, "contact": ""}
    )

    report = PressureReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("integrity:own_detail", kwargs={"uuid": report.uuid})
    page = client.get(response["Location"]).content.decode()
    assert "Ontvangen" in page
    assert report.reference in client.get(reverse("integrity:own_list")).content.decode()


def test_bad_input_is_a_form_error_in_dutch(tilburg: Any, make_user: Any) -> None:
    client = verified_client(make_user(organisation=tilburg, role=Role.MEDEWERKER))

    response = client.post(reverse("integrity:report_new"), {"kind": "nonsense", "when": "", "account": ""})

    assert response.status_code == 400
    assert "Dit veld is vereist" in response.content.decode()
    assert not PressureReport.objects.exists()


def test_the_coordinator_works_a_report_through_its_pages(tilburg: Any, make_user: Any) -> None:
    report = make_report(make_user(organisation=tilburg, role=Role.MEDEWERKER))
    client = verified_client(make_user(organisation=tilburg, role=Role.INTEGRITEITSCOORDINATOR))

    assert report.reference in client.get(reverse("integrity:desk")).content.decode()
    assert client.get(reverse("integrity:detail", kwargs={"uuid": report.uuid})).status_code == 200
    assert AuditEvent.objects.filter(object_uuid=report.uuid, action="read").exists()
    url = reverse("integrity:status", kwargs={"uuid": report.uuid})
    assert client.post(url, {"version": 1, "to_status": Status.IN_GESPREK}).status_code == 302
    stale = client.post(url, {"version": 1, "to_status": Status.ADVIES})
    assert stale.status_code == 409
    note = client.post(reverse("integrity:note", kwargs={"uuid": report.uuid}), {"text": "Gesprek gevoerd."})
    assert note.status_code == 302
    response = client.post(
        reverse("integrity:to_incident", kwargs={"uuid": report.uuid}),
        {
            "version": 2,
            "incident_forms": ["beinvloeding"],
            "channel": "persoonlijk",
            "target": "persoon",
            "office": "ambtenaar",
            "occurred_at": (timezone.localtime() - timezone.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "severity": "2",
            "description": "Omkopingspoging.",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == Status.DOORVERWEZEN
    assert Incident.objects.get(number=report.incident_number).description == "Omkopingspoging."
