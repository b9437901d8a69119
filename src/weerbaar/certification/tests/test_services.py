# SPDX-License-Identifier: EUPL-1.2
"""The cycle's services: every phase move, the readiness gate refusing with its reasons, measures with
their status history, the audit and the certificate, findings with the content check, reminders."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from weerbaar.certification import selectors, services
from weerbaar.certification.constants import (
    AuditResult,
    CertificateLevel,
    CertificationBody,
    MeasurementKind,
    MeasureStatus,
    Phase,
    ReminderKind,
    Theme,
)
from weerbaar.certification.dates import add_months, add_years
from weerbaar.certification.models import CertificationCycle, ReminderSent
from weerbaar.certification.tests.factories import (
    certify,
    cycle_move,
    make_certifying,
    make_finding,
    make_measure,
    make_walk,
    measure_done,
)
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.notifications.models import OutboxMessage
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships.tests.factories import member_actor

pytestmark = pytest.mark.usefixtures("geography")


def test_the_cycle_moves_phase_by_phase_with_its_history() -> None:
    certifying = make_certifying(phase=Phase.AUDIT)
    cycle = certifying.cycle
    assert cycle.phase == Phase.AUDIT
    assert [c.to_status for c in cycle.status_changes.all()] == [
        Phase.OPZET,
        Phase.NULMETING,
        Phase.PLAN,
        Phase.AUDIT,
    ]
    certify(certifying)
    assert certifying.cycle.phase == Phase.GECERTIFICEERD
    certificate = certifying.cycle.certificate
    assert certificate.stars == 1 and certificate.scheme_version == "KVO 4.0"
    assert certificate.valid_until == add_years(certificate.issued_on, 3)
    assert certificate.issued_by == CertificationBody.KIWA
    following = cycle_move(certifying, Phase.HERCERTIFICERING)
    assert following.round == 2 and following.phase == Phase.OPZET
    assert CertificationCycle.objects.get(pk=cycle.pk).phase == Phase.HERCERTIFICERING


def test_a_phase_cannot_be_skipped_and_a_stale_form_is_refused() -> None:
    certifying = make_certifying()
    cycle = certifying.cycle
    with pytest.raises(ValidationError) as refused:
        services.cycle_transition(
            actor=certifying.manager, cycle=cycle, to_phase=Phase.AUDIT, expected_version=cycle.version
        )
    assert "cannot go to" in str(refused.value)
    with pytest.raises(StaleVersionError):
        services.cycle_transition(
            actor=certifying.manager, cycle=cycle, to_phase=Phase.NULMETING, expected_version=cycle.version + 1
        )


def test_the_plan_needs_a_baseline_measurement() -> None:
    certifying = make_certifying(phase=Phase.NULMETING)
    with pytest.raises(ValidationError, match="0-meting"):
        cycle_move(certifying, Phase.PLAN)


def test_the_gate_refuses_the_audit_with_everything_that_is_missing() -> None:
    certifying = make_certifying(phase=Phase.PLAN)
    measure_done(certifying, title="Eén gedaan")
    make_measure(certifying, title="Nog gepland")
    measure_done(certifying, title="Gedaan zonder bewijs", evidence="")
    with pytest.raises(ValidationError) as refused:
        cycle_move(certifying, Phase.AUDIT)
    messages = refused.value.message_dict["to_phase"]
    assert messages[0] == "The audit cannot be requested yet:"
    assert any("Record the signed covenant" in m for m in messages)
    assert any("Carry out 3 more measures" in m for m in messages)
    assert CertificationCycle.objects.get(pk=certifying.cycle.pk).phase == Phase.PLAN


def test_the_gate_names_who_has_not_signed_and_missing_partner_types() -> None:
    from weerbaar.certification.tests.factories import covenant_sign
    from weerbaar.partnerships import services as partnership_services
    from weerbaar.partnerships.tests.factories import facilitator_actor, join, make_organisation

    certifying = make_certifying(phase=Phase.PLAN)
    covenant_sign(certifying.area)
    for n in range(4):
        measure_done(certifying, title=f"M{n}")
    late = join(certifying.area.partnership, make_organisation(OrganisationType.WATERSCHAP))
    partnership_services.participant_leave(
        actor=facilitator_actor(certifying.area.partnership), participant=certifying.area.participants["politie"]
    )
    gate = services.cycle_gate(cycle=certifying.cycle)
    assert not gate.ready and gate.measures_done == 4
    assert any(late.organisation.name in item for item in gate.missing)
    assert any("Police" in item for item in gate.missing)


def test_a_negative_audit_sends_the_cycle_back_to_the_plan() -> None:
    certifying = make_certifying(phase=Phase.AUDIT)
    with pytest.raises(ValidationError, match="negative audit"):
        cycle_move(certifying, Phase.PLAN)
    today = timezone.localdate()
    services.audit_save(
        actor=certifying.manager,
        cycle=certifying.cycle,
        data={
            "body": CertificationBody.DASS,
            "applied_on": today - timedelta(days=20),
            "site_visit_on": today - timedelta(days=2),
            "result": AuditResult.NEGATIEF,
            "findings": "Te weinig maatregelen tegen leegstand.",
        },
    )
    with pytest.raises(ValidationError, match="positive audit"):
        services.certificate_issue(
            actor=certifying.manager, cycle=certifying.cycle, level=CertificateLevel.BASIS, issued_on=today
        )
    assert cycle_move(certifying, Phase.PLAN).phase == Phase.PLAN


def test_certified_only_through_the_certificate() -> None:
    certifying = make_certifying(phase=Phase.AUDIT)
    with pytest.raises(ValidationError, match="Record the certificate"):
        cycle_move(certifying, Phase.GECERTIFICEERD)


def test_the_audit_refuses_a_result_without_a_site_visit() -> None:
    certifying = make_certifying(phase=Phase.AUDIT)
    with pytest.raises(ValidationError) as refused:
        services.audit_save(
            actor=certifying.manager,
            cycle=certifying.cycle,
            data={"body": CertificationBody.KIWA, "applied_on": timezone.localdate(), "result": AuditResult.POSITIEF},
        )
    assert "site_visit_on" in refused.value.message_dict


def test_only_the_manager_runs_the_cycle() -> None:
    certifying = make_certifying()
    area = certifying.area
    farmer = member_actor(area.private_reps[OrganisationType.AGRARISCH], area.private_orgs[OrganisationType.AGRARISCH])
    police = member_actor(area.police_officer, area.police)
    for actor in (farmer, police):
        with pytest.raises(PermissionDenied):
            services.cycle_transition(
                actor=actor, cycle=certifying.cycle, to_phase=Phase.NULMETING, expected_version=None
            )
        with pytest.raises(PermissionDenied):
            make_walk_as(certifying, actor)


def make_walk_as(certifying, actor):  # type: ignore[no-untyped-def]
    return services.walk_record(
        actor=actor,
        cycle=certifying.cycle,
        walked_on=timezone.localdate(),
        time_of_day="dag",
        route="Route",
        participants=[],
    )


def test_owner_and_executor_representatives_update_a_measure_others_do_not() -> None:
    certifying = make_certifying(phase=Phase.PLAN)
    area = certifying.area
    measure = make_measure(certifying)  # owner: police; executor: the farmers
    farmer = member_actor(area.private_reps[OrganisationType.AGRARISCH], area.private_orgs[OrganisationType.AGRARISCH])
    measure = services.measure_progress(
        actor=farmer, measure=measure, expected_version=measure.version, status=MeasureStatus.IN_UITVOERING
    )
    assert measure.status == MeasureStatus.IN_UITVOERING
    hunter = member_actor(area.private_reps[OrganisationType.JACHT], area.private_orgs[OrganisationType.JACHT])
    with pytest.raises(PermissionDenied):
        services.measure_progress(
            actor=hunter, measure=measure, expected_version=measure.version, status=MeasureStatus.UITGEVOERD
        )
    with pytest.raises(PermissionDenied):
        services.measure_update(actor=farmer, measure=measure, expected_version=measure.version, data={"title": "x"})
    changes = [(c.from_status, c.to_status) for c in measure.status_changes.all()]
    assert changes == [("", MeasureStatus.GEPLAND), (MeasureStatus.GEPLAND, MeasureStatus.IN_UITVOERING)]


def test_a_measure_follows_its_status_table() -> None:
    certifying = make_certifying(phase=Phase.PLAN)
    measure = measure_done(certifying, title="Gedaan")
    with pytest.raises(ValidationError):
        services.measure_progress(
            actor=certifying.manager, measure=measure, expected_version=measure.version, status=MeasureStatus.VERVALLEN
        )


def test_free_texts_refuse_personal_identifiers() -> None:
    certifying = make_certifying(phase=Phase.NULMETING)
    walk = make_walk(certifying)
    with pytest.raises(ValidationError) as refused:
        make_finding(walk, certifying.manager, description="Busje met kenteken 12-ABC-3 bij de schuur.")
    assert "description" in refused.value.message_dict
    with pytest.raises(ValidationError):
        make_measure(certifying, title="Bel 06-12345678")


def test_findings_keep_places_at_about_100_metres_and_become_measures() -> None:
    certifying = make_certifying(phase=Phase.NULMETING)
    walk = make_walk(certifying)
    finding = make_finding(walk, certifying.manager, latitude=Decimal("51.59054"), longitude=Decimal("5.32912"))
    assert finding.latitude == Decimal("51.591") and finding.longitude == Decimal("5.329")
    measure = make_measure(certifying, title="Verlichting bij de schuur", finding=finding)
    assert measure.finding == finding and measure.status == MeasureStatus.GEPLAND


def test_a_measurement_records_the_platforms_suppressed_counts() -> None:
    from weerbaar.partnerships.tests.factories import INSIDE
    from weerbaar.signals.tests.factories import make_signal

    certifying = make_certifying(phase=Phase.NULMETING)
    for _n in range(2):
        make_signal(point=(Decimal(str(INSIDE[0])), Decimal(str(INSIDE[1]))), phenomenon="drugsafvaldumping")
    measurement = services.measurement_record(
        actor=certifying.manager, cycle=certifying.cycle, kind=MeasurementKind.NULMETING
    )
    cells = [cell for row in measurement.platform_figures["rows"] for cell in row["cells"]]
    assert "< 5" in cells and "2" not in cells
    with pytest.raises(ValidationError, match="already has a baseline"):
        services.measurement_record(actor=certifying.manager, cycle=certifying.cycle, kind=MeasurementKind.NULMETING)


def test_the_comparison_suppresses_and_shows_a_change_only_between_unsuppressed_cells() -> None:
    certifying = make_certifying(phase=Phase.NULMETING)
    police = certifying.area.participants["politie"]
    cycle = certifying.cycle
    baseline = services.measurement_record(actor=certifying.manager, cycle=cycle, kind=MeasurementKind.NULMETING)
    follow_up = services.measurement_record(actor=certifying.manager, cycle=cycle, kind=MeasurementKind.EENMETING)
    for measurement, drugs, theft in ((baseline, 12, 3), (follow_up, 7, 6)):
        for theme, count in ((Theme.DRUGSAFVAL, drugs), (Theme.DIEFSTAL, theft)):
            services.figure_add(
                actor=certifying.manager,
                measurement=measurement,
                participant=police,
                theme=theme,
                period="2025",
                count=count,
                source="Politie",
            )
    rows = {r.theme: r for r in selectors.theme_comparison(baseline=baseline, follow_up=follow_up)}
    assert (rows["Drug waste"].baseline, rows["Drug waste"].follow_up, rows["Drug waste"].change) == ("12", "7", "-5")
    assert (rows["Theft and burglary"].baseline, rows["Theft and burglary"].change) == ("< 5", "—")


def test_reminders_six_and_three_months_ahead_and_the_yearly_evaluation() -> None:
    certifying = make_certifying(phase=Phase.AUDIT)
    today = timezone.localdate()
    certify(certifying, issued_on=today)
    certificate = certifying.cycle.certificate
    assert selectors.reminders_due(today=today) == []
    evaluation = add_years(certificate.issued_on, 1)
    due = selectors.reminders_due(today=add_months(evaluation, -1))
    assert [(r.kind, r.due_on) for r in due] == [(ReminderKind.EVALUATION, evaluation)]
    six = add_months(certificate.valid_until, -6)
    kinds = {r.kind for r in selectors.reminders_due(today=six)}
    assert ReminderKind.RECERT_6 in kinds
    three = add_months(certificate.valid_until, -3)
    kinds = {r.kind for r in selectors.reminders_due(today=three)}
    assert ReminderKind.RECERT_3 in kinds and ReminderKind.RECERT_6 not in kinds
    # The manager sees them in "My work"; a partner does not.
    assert selectors.reminders_due(actor=certifying.manager, today=six)
    area = certifying.area
    farmer = member_actor(area.private_reps[OrganisationType.AGRARISCH], area.private_orgs[OrganisationType.AGRARISCH])
    assert selectors.reminders_due(actor=farmer, today=six) == []


def test_a_1_meting_answers_the_yearly_evaluation() -> None:
    certifying = make_certifying(phase=Phase.AUDIT)
    today = timezone.localdate()
    certify(certifying, issued_on=add_years(today, -1))
    assert [r.kind for r in selectors.reminders_due(today=today)] == [ReminderKind.EVALUATION]
    services.measurement_record(actor=certifying.manager, cycle=certifying.cycle, kind=MeasurementKind.EENMETING)
    assert selectors.reminders_due(today=today) == []


def test_the_reminder_mail_goes_once_and_says_only_what_is_due() -> None:
    certifying = make_certifying(phase=Phase.AUDIT)
    certify(certifying, issued_on=add_years(timezone.localdate(), -1))
    OutboxMessage.objects.all().delete()
    assert services.reminders_send() == 1
    assert services.reminders_send() == 0
    message = OutboxMessage.objects.get()
    assert message.recipient == certifying.area.facilitator.email
    assert certifying.area.partnership.name in message.body
    assert ReminderSent.objects.count() == 1
