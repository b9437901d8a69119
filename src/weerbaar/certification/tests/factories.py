# SPDX-License-Identifier: EUPL-1.2
"""Synthetic certification cycles for tests, built through the services (as the pages build them)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from weerbaar.certification import services
from weerbaar.certification.constants import (
    AuditResult,
    CertificateLevel,
    CertificationBody,
    MeasurementKind,
    MeasureStatus,
    Phase,
    Theme,
    TimeOfDay,
)
from weerbaar.certification.models import CertificationCycle, Finding, InspectionWalk, Measure
from weerbaar.core.policy import Actor
from weerbaar.organisations.constants import OrganisationType
from weerbaar.partnerships import services as partnership_services
from weerbaar.partnerships.constants import DocumentKind
from weerbaar.partnerships.tests.factories import INSIDE, Area, facilitator_actor, make_area


@dataclass
class Certifying:
    """A test area (``partnerships.tests.factories.make_area``) with a cycle of certification."""

    area: Area
    cycle: CertificationCycle

    @property
    def manager(self) -> Actor:
        return facilitator_actor(self.area.partnership)


def covenant_sign(area: Area) -> None:
    """Every active participant signs the covenant (yesterday)."""
    partnership = area.partnership
    partnership_services.document_add(
        actor=facilitator_actor(partnership),
        partnership=partnership,
        kind=DocumentKind.CONVENANT,
        signed_on=timezone.localdate() - timedelta(days=1),
        signatories=list(partnership.participants.filter(left_at__isnull=True)),
    )


def cycle_move(certifying: Certifying, to_phase: str) -> CertificationCycle:
    cycle = CertificationCycle.objects.get(pk=certifying.cycle.pk)
    certifying.cycle = services.cycle_transition(
        actor=certifying.manager, cycle=cycle, to_phase=to_phase, expected_version=cycle.version
    )
    return certifying.cycle


def make_certifying(*, phase: str = Phase.OPZET, area: Area | None = None) -> Certifying:
    """A cycle moved to ``phase`` (up to the plan of approach, or the audit with everything in place)."""
    area = area or make_area()
    cycle = services.cycle_start(actor=facilitator_actor(area.partnership), partnership=area.partnership)
    certifying = Certifying(area, cycle)
    order = [Phase.OPZET, Phase.NULMETING, Phase.PLAN, Phase.AUDIT]
    for step in order[1 : order.index(phase) + 1]:
        if step == Phase.PLAN:
            services.measurement_record(
                actor=certifying.manager, cycle=certifying.cycle, kind=MeasurementKind.NULMETING
            )
        if step == Phase.AUDIT:
            covenant_sign(area)
            for n in range(4):
                measure_done(certifying, title=f"Maatregel {n + 1}")
        cycle_move(certifying, step)
    return certifying


def make_measure(certifying: Certifying, *, title: str = "Camera bij de kruising", **fields: object) -> Measure:
    area = certifying.area
    data: dict[str, object] = {
        "theme": Theme.DRUGSAFVAL,
        "title": title,
        "owner": area.participants["politie"],
        "executor": area.participants[OrganisationType.AGRARISCH],
        "deadline": timezone.localdate() + timedelta(days=60),
        **fields,
    }
    return services.measure_create(actor=certifying.manager, cycle=certifying.cycle, **data)  # type: ignore[arg-type]


def measure_done(certifying: Certifying, *, title: str, evidence: str = "Verslag van de uitvoering.") -> Measure:
    measure = make_measure(certifying, title=title)
    return services.measure_progress(
        actor=certifying.manager,
        measure=measure,
        expected_version=measure.version,
        status=MeasureStatus.UITGEVOERD,
        evidence=evidence,
    )


def make_walk(certifying: Certifying, *, time_of_day: str = TimeOfDay.DAG) -> InspectionWalk:
    area = certifying.area
    return services.walk_record(
        actor=certifying.manager,
        cycle=certifying.cycle,
        walked_on=timezone.localdate() - timedelta(days=7),
        time_of_day=time_of_day,
        route="Langs de Esschestroom en de Kampina.",
        participants=[area.participants["politie"], area.participants[OrganisationType.AGRARISCH]],
    )


def make_finding(walk: InspectionWalk, actor: Actor, **fields: object) -> Finding:
    data: dict[str, object] = {
        "theme": Theme.VERLICHTING,
        "description": "Onverlichte schuur aan het einde van de zandweg.",
        "latitude": INSIDE[0],
        "longitude": INSIDE[1],
        **fields,
    }
    return services.finding_add(actor=actor, walk=walk, **data)  # type: ignore[arg-type]


def certify(certifying: Certifying, *, issued_on: date | None = None) -> None:
    """From the audit phase: a positive audit and the certificate (Basis, the round's star)."""
    issued_on = issued_on or timezone.localdate()
    services.audit_save(
        actor=certifying.manager,
        cycle=certifying.cycle,
        data={
            "body": CertificationBody.KIWA,
            "applied_on": issued_on - timedelta(days=40),
            "site_visit_on": issued_on - timedelta(days=10),
            "auditor": "Auditteam",
            "result": AuditResult.POSITIEF,
        },
    )
    services.certificate_issue(
        actor=certifying.manager, cycle=certifying.cycle, level=CertificateLevel.BASIS, issued_on=issued_on
    )
    certifying.cycle.refresh_from_db()
