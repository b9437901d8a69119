# SPDX-License-Identifier: EUPL-1.2
"""The demo of integrity at Gemeente Tilburg: two reports only the integrity coordinator sees (one handed
over as a threat incident the security coordinator then sees), and a closed staff survey of 120 responses
whose results the coordinator sees with nothing below 10."""

import re

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.models import User
from weerbaar.demo.services import demo_load
from weerbaar.integrity.constants import Status
from weerbaar.integrity.models import PressureReport
from weerbaar.surveys.models import Survey
from weerbaar.surveys.selectors import survey_results
from weerbaar.threats.models import Incident

pytestmark = pytest.mark.django_db


def test_the_integrity_demo() -> None:
    demo_load()
    demo_load()  # idempotent

    reports = PressureReport.objects.filter(organisation__name="Gemeente Tilburg")
    assert reports.count() == 2
    handed = reports.get(status=Status.DOORVERWEZEN)
    incident = Incident.objects.get(number=handed.incident_number)
    assert handed.account not in incident.description
    assert reports.filter(status=Status.ADVIES).count() == 1
    coordinator = verified_client(User.objects.get(username="integriteit.tilburg"))
    desk = coordinator.get(reverse("integrity:desk")).content.decode()
    assert all(r.reference in desk for r in reports)
    security = verified_client(User.objects.get(username="coordinator.tilburg"))
    assert security.get(reverse("integrity:detail", kwargs={"uuid": handed.uuid})).status_code == 404
    assert security.get(reverse("threats:detail", kwargs={"uuid": incident.uuid})).status_code == 200

    survey = Survey.objects.get(organisation__name="Gemeente Tilburg")
    assert survey.responses.count() == 120
    results = survey_results(survey)
    assert results.available
    for question in results.questions:
        for row in question.rows:
            for text in [row.total.text, *(c.text for c in row.cells)]:
                assert not re.fullmatch(r"[1-9]", text)
    page = coordinator.get(reverse("surveys:staff_results", kwargs={"uuid": survey.uuid}))
    assert page.status_code == 200 and 'data-testid="result-table"' in page.content.decode()
