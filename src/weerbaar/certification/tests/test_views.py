# SPDX-License-Identifier: EUPL-1.2
"""The certification pages: the cycle with what is done and next, the gate's refusal shown readably, the
matrix with its filters, a representative updating a measure, the forms' readable refusals, the
comparison, the start page and "My work"."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import verified_client
from weerbaar.certification.constants import MeasureStatus, Phase
from weerbaar.certification.dates import add_years
from weerbaar.certification.models import CertificationCycle, Measure
from weerbaar.certification.tests.factories import certify, make_certifying, make_measure
from weerbaar.certification.tests.world import AuditWorld, audit_world
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships.tests.factories import make_area

pytestmark = pytest.mark.usefixtures("geography")


@pytest.fixture
def made() -> AuditWorld:
    area = make_area()
    return audit_world(area.municipality, area=area)


def test_the_facilitator_starts_the_cycle_and_moves_it_on() -> None:
    area = make_area()
    client = verified_client(area.facilitator)
    kw = {"uuid": area.partnership.uuid}
    page = client.get(reverse("certification:cycle", kwargs=kw)).content.decode()
    assert 'data-testid="no-cycle"' in page
    assert client.post(reverse("certification:cycle_start", kwargs=kw)).status_code == 302
    page = client.get(reverse("certification:cycle", kwargs=kw)).content.decode()
    assert 'data-testid="phase"' in page and 'data-testid="next-steps"' in page
    cycle = CertificationCycle.objects.get(partnership=area.partnership)
    moved = client.post(
        reverse("certification:cycle_move", kwargs=kw), {"to_phase": Phase.NULMETING, "version": cycle.version}
    )
    assert moved.status_code == 302
    stale = client.post(
        reverse("certification:cycle_move", kwargs=kw), {"to_phase": Phase.PLAN, "version": cycle.version}
    )
    assert stale.status_code == 409
    # The plan needs a 0-meting: refused on the form, not a 500.
    cycle.refresh_from_db()
    refused = client.post(
        reverse("certification:cycle_move", kwargs=kw), {"to_phase": Phase.PLAN, "version": cycle.version}
    )
    assert (refused.status_code == 200 and "utrecht-form-field-error-message" in refused.content.decode()) or (
        refused.status_code == 200 and 'aria-invalid="true"' in refused.content.decode()
    )
    assert CertificationCycle.objects.get(pk=cycle.pk).phase == Phase.NULMETING


def test_the_gate_refusal_lists_what_is_missing_on_the_page() -> None:
    certifying = make_certifying(phase=Phase.PLAN)
    client = verified_client(certifying.area.facilitator)
    kw = {"uuid": certifying.area.partnership.uuid}
    cycle = certifying.cycle
    response = client.post(
        reverse("certification:cycle_move", kwargs=kw), {"to_phase": Phase.AUDIT, "version": cycle.version}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("4") >= 1 and 'data-testid="gate"' in body
    errors = body[body.index("<form") :]
    assert "convenant" in errors.lower() or "covenant" in errors.lower()
    assert CertificationCycle.objects.get(pk=cycle.pk).phase == Phase.PLAN


def test_the_matrix_filters_and_a_representative_updates_the_measure_they_carry_out(made: AuditWorld) -> None:
    assert made.area is not None
    kw = {"uuid": made.partnership.uuid}
    extra = make_measure_in(made, title="Wildcamera's bij de vennen")
    farmer_user = made.area.private_reps[OrganisationType.AGRARISCH]
    farmer = verified_client(farmer_user)
    matrix = farmer.get(reverse("certification:measures", kwargs=kw), {"status": MeasureStatus.GEPLAND})
    body = matrix.content.decode()
    assert body.count('data-testid="measure-row"') == 1 and "Wildcamera" in body
    junk = farmer.get(reverse("certification:measures", kwargs=kw), {"status": "<script>"})
    assert junk.status_code == 200
    url = reverse("certification:measure_progress", kwargs={**kw, "measure_uuid": extra.uuid})
    assert url in body
    done = farmer.post(
        url, {"status": MeasureStatus.IN_UITVOERING, "evidence": "Twee camera's besteld.", "version": extra.version}
    )
    assert done.status_code == 302
    assert Measure.objects.get(pk=extra.pk).status == MeasureStatus.IN_UITVOERING
    # Not for the facilitator's own edit page, and not for a partner that neither owns nor carries it out.
    assert farmer.get(reverse("certification:measure", kwargs={**kw, "measure_uuid": extra.uuid})).status_code == 403
    hunter = verified_client(made.area.private_reps[OrganisationType.JACHT])
    assert hunter.get(url).status_code == 404


def make_measure_in(made: AuditWorld, *, title: str) -> Measure:
    from weerbaar.certification.tests.factories import Certifying

    assert made.area is not None
    return make_measure(Certifying(made.area, made.cycle), title=title)


def test_a_finding_with_a_licence_plate_is_refused_readably(made: AuditWorld) -> None:
    assert made.area is not None
    client = verified_client(made.area.facilitator)
    url = reverse("certification:finding_add", kwargs={"uuid": made.partnership.uuid, "walk_uuid": made.walk.uuid})
    response = client.post(url, {"theme": "overig", "description": "Bestelbus 12-ABC-3 bij de schuur."})
    assert response.status_code == 200 and "12-ABC-3" in response.content.decode()
    assert made.walk.findings.count() == 1


def test_the_comparison_and_measurement_pages_show_suppressed_figures(made: AuditWorld) -> None:
    assert made.area is not None
    client = verified_client(made.area.private_reps[OrganisationType.AGRARISCH])
    kw = {"uuid": made.partnership.uuid}
    page = client.get(
        reverse("certification:measurement", kwargs={**kw, "measurement_uuid": made.measurement.uuid})
    ).content.decode()
    figures = page[page.index('data-testid="figures"') :]
    assert "&lt; 5" in figures and ">9<" in figures and ">2<" not in figures
    comparison = client.get(reverse("certification:comparison", kwargs=kw)).content.decode()
    assert 'data-testid="comparison"' in comparison and 'data-testid="survey-comparison"' in comparison


def test_the_audit_and_certificate_pages_end_the_round(made: AuditWorld) -> None:
    assert made.area is not None
    client = verified_client(made.area.facilitator)
    kw = {"uuid": made.partnership.uuid}
    today = timezone.localdate()
    saved = client.post(
        reverse("certification:audit", kwargs=kw),
        {
            "body": "kiwa_ncp",
            "applied_on": (today - timedelta(days=20)).isoformat(),
            "site_visit_on": (today - timedelta(days=3)).isoformat(),
            "auditor": "Auditteam",
            "result": "positief",
        },
    )
    assert saved.status_code == 302
    issued = client.post(
        reverse("certification:certificate_add", kwargs=kw),
        {"level": "basis", "issued_on": today.isoformat(), "scheme_version": "KVO 4.0"},
    )
    assert issued.status_code == 302
    page = client.get(reverse("certification:cycle", kwargs=kw)).content.decode()
    assert 'data-testid="certificate"' in page and "KVO 4.0" in page
    assert CertificationCycle.objects.get(pk=made.cycle.pk).phase == Phase.GECERTIFICEERD


def test_measures_on_the_partners_start_page_and_reminders_in_my_work() -> None:
    certifying = make_certifying(phase=Phase.AUDIT)
    certify(certifying, issued_on=add_years(timezone.localdate(), -1))
    area = certifying.area
    start = verified_client(area.private_reps[OrganisationType.AGRARISCH]).get(reverse("core:start")).content.decode()
    assert 'data-testid="start-measures"' in start and "Maatregel 1" in start
    work = verified_client(area.facilitator).get(reverse("inbox:index")).content.decode()
    assert area.partnership.number in work and "1-meting" in work
    other = verified_client(area.police_officer).get(reverse("inbox:index")).content.decode()
    assert area.partnership.number not in other
