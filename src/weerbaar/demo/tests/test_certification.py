# SPDX-License-Identifier: EUPL-1.2
"""The demo's certification of "Buitengebied De Meierij": a first round certified about a year ago, as the
README walks it, with what each partner may see of it."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import verified_client
from weerbaar.accounts.models import User
from weerbaar.certification.constants import CertificateLevel, MeasurementKind, MeasureStatus, Phase, TimeOfDay
from weerbaar.certification.models import CertificationCycle
from weerbaar.demo.services import demo_load

pytestmark = pytest.mark.django_db


def test_the_demo_partnership_has_a_certified_first_round() -> None:
    demo_load()
    demo_load()  # idempotent
    cycle = CertificationCycle.objects.get(partnership__name="Buitengebied De Meierij")
    assert cycle.round == 1 and cycle.phase == Phase.GECERTIFICEERD
    certificate = cycle.certificate
    assert (certificate.level, certificate.stars, certificate.scheme_version) == (CertificateLevel.BASIS, 1, "KVO 4.0")
    assert 330 <= (timezone.localdate() - certificate.issued_on).days <= 400
    assert sorted(cycle.measurements.values_list("kind", flat=True)) == [
        MeasurementKind.NULMETING,
        MeasurementKind.EENMETING,
    ]
    assert sorted(cycle.walks.values_list("time_of_day", flat=True)) == [TimeOfDay.DAG, TimeOfDay.DONKER]
    assert cycle.walks.filter(findings__isnull=False).distinct().count() == 2
    assert cycle.measures.count() == 8
    assert cycle.measures.filter(status=MeasureStatus.UITGEVOERD).exclude(evidence="").count() >= 4
    assert cycle.meetings.count() == 3
    assert [c.to_status for c in cycle.status_changes.order_by("at", "id")] == [
        Phase.OPZET,
        Phase.NULMETING,
        Phase.PLAN,
        Phase.AUDIT,
        Phase.GECERTIFICEERD,
    ]

    kw = {"uuid": cycle.partnership.uuid}
    facilitator = verified_client(User.objects.get(username="gebied.boxtel"))
    page = facilitator.get(reverse("certification:cycle", kwargs=kw)).content.decode()
    assert 'data-testid="certificate"' in page
    farmer = verified_client(User.objects.get(username="partner.zlto"))
    assert farmer.get(reverse("certification:measures", kwargs=kw)).status_code == 200
    start = farmer.get(reverse("core:start")).content.decode()
    assert 'data-testid="start-measures"' in start
    # The estate agent is agreed at figures only: the comparison, not the matrix.
    agent = verified_client(User.objects.get(username="makelaar.demo"))
    comparison = agent.get(reverse("certification:comparison", kwargs=kw))
    assert comparison.status_code == 200
    assert agent.get(reverse("certification:measures", kwargs=kw)).status_code == 404
    # Beside the figures, the surveys of both measurements, answer by answer, as shares of the respondents.
    body = comparison.content.decode()
    assert 'data-testid="survey-comparison"' in body
    tables = body.split('data-testid="survey-question"')[1:]
    assert len(tables) >= 5
    cells = re.findall(r'<td class="utrecht-table__cell">([^<]*)</td>', "".join(tables))
    assert all(cell == "—" or re.fullmatch(r"\d{1,3} %", cell) for cell in cells), cells
    assert sum(cell.endswith("%") for cell in cells) >= 20
