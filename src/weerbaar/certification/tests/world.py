# SPDX-License-Identifier: EUPL-1.2
"""A certification cycle for the authorization matrix and the page tests: a partnership led by the given
municipality, with the mandatory partners and a farmers' organisation, the covenant signed, a 0-meting
with figures, a walk by day with a finding and its photo, four measures carried out with evidence (one as
a file), a working-group meeting with an action point, and the audit requested and recorded with its
report. Everything goes through the services."""

import io
from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from weerbaar.accounts.constants import Role
from weerbaar.certification import services
from weerbaar.certification.constants import CertificationBody, MeasurementKind, MeasureStatus, Phase, Theme
from weerbaar.certification.models import (
    Audit,
    CertificationCycle,
    Finding,
    FindingPhoto,
    InspectionWalk,
    Measure,
    Measurement,
    WorkingGroupMeeting,
)
from weerbaar.certification.tests.factories import covenant_sign
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation
from weerbaar.partnerships import services as partnership_services
from weerbaar.partnerships.constants import DataClass
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.tests.factories import (
    Area,
    facilitator_actor,
    join,
    make_organisation,
    make_person,
    member_actor,
)


def png(colour: str = "green") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format="PNG")
    return SimpleUploadedFile("foto.png", out.getvalue(), content_type="image/png")


def pdf_upload() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, format="PDF")
    return SimpleUploadedFile("bewijs.pdf", out.getvalue(), content_type="application/pdf")


@dataclass
class AuditWorld:
    partnership: Partnership
    cycle: CertificationCycle
    measurement: Measurement
    walk: InspectionWalk
    finding: Finding
    photo: FindingPhoto
    measure: Measure
    meeting: WorkingGroupMeeting
    audit: Audit
    area: Area | None = None


def audit_world(lead: Organisation, *, area: Area | None = None) -> AuditWorld:
    """The cycle in the phase "audit requested" (see the module's docstring)."""
    if area is not None:
        partnership = area.partnership
        farmers = area.participants[OrganisationType.AGRARISCH]
        police = area.participants["politie"]
    else:
        facilitator = make_person(lead, Role.GEBIEDSREGISSEUR)
        partnership = partnership_services.partnership_create(
            actor=member_actor(facilitator, lead),
            name=f"Buitengebied certificering {lead.name}",
            area_type="buitengebied",
            objectives="Het keurmerk halen (synthetisch).",
            municipalities=list(Municipality.objects.filter(pk=lead.municipality_id)),
        )
        police = join(partnership, make_organisation(OrganisationType.POLITIE), ceiling=DataClass.OPERATIONEEL)
        join(partnership, make_organisation(OrganisationType.VEILIGHEIDSREGIO))
        farmers = join(partnership, make_organisation(OrganisationType.AGRARISCH))
    manager = facilitator_actor(partnership)
    cycle = services.cycle_start(actor=manager, partnership=partnership)
    cycle = services.cycle_transition(actor=manager, cycle=cycle, to_phase=Phase.NULMETING, expected_version=None)
    measurement = services.measurement_record(actor=manager, cycle=cycle, kind=MeasurementKind.NULMETING)
    for theme, count in ((Theme.DRUGSAFVAL, 9), (Theme.DIEFSTAL, 2)):
        services.figure_add(
            actor=manager,
            measurement=measurement,
            participant=police,
            theme=theme,
            period="2025",
            count=count,
            source="Politie, bedrijfsprocessensysteem",
        )
    walk = services.walk_record(
        actor=manager,
        cycle=cycle,
        walked_on=timezone.localdate() - timedelta(days=10),
        time_of_day="dag",
        route="Langs de Dommel en de zandwegen ten zuiden van het dorp.",
        participants=[police, farmers],
    )
    finding = services.finding_add(
        actor=manager,
        walk=walk,
        theme=Theme.LEEGSTAND,
        description="Lege stal met kapotte ramen aan de zandweg.",
        latitude=51.59,
        longitude=5.33,
        photos=[png()],
    )
    cycle = services.cycle_transition(actor=manager, cycle=cycle, to_phase=Phase.PLAN, expected_version=None)
    measures = []
    for n in range(4):
        measure = services.measure_create(
            actor=manager,
            cycle=cycle,
            theme=Theme.LEEGSTAND,
            title=f"Leegstandsaanpak stap {n + 1}",
            owner=police,
            executor=farmers,
            deadline=timezone.localdate() + timedelta(days=30),
            finding=finding if n == 0 else None,
        )
        measures.append(
            services.measure_progress(
                actor=manager,
                measure=measure,
                expected_version=measure.version,
                status=MeasureStatus.UITGEVOERD,
                evidence="Verslag van de uitvoering in de werkgroep.",
                upload=pdf_upload() if n == 0 else None,
            )
        )
    meeting = services.meeting_record(
        actor=manager, cycle=cycle, held_on=timezone.localdate() - timedelta(days=5), agenda="Voortgang maatregelen."
    )
    services.action_point_add(
        actor=manager,
        meeting=meeting,
        description="Bewijs verzamelen voor de audit.",
        owner=farmers,
        due_on=timezone.localdate() + timedelta(days=14),
        measures=measures[:2],
    )
    covenant_sign(_Area(partnership))  # type: ignore[arg-type]
    cycle = services.cycle_transition(actor=manager, cycle=cycle, to_phase=Phase.AUDIT, expected_version=None)
    audit = services.audit_save(
        actor=manager,
        cycle=cycle,
        data={"body": CertificationBody.KIWA, "applied_on": timezone.localdate(), "auditor": "Auditteam"},
        upload=pdf_upload(),
    )
    return AuditWorld(
        partnership=partnership,
        cycle=cycle,
        measurement=measurement,
        walk=walk,
        finding=finding,
        photo=finding.photos.get(),
        measure=measures[0],
        meeting=meeting,
        audit=audit,
        area=area,
    )


@dataclass
class _Area:
    """Enough of an ``Area`` for ``covenant_sign``."""

    partnership: Partnership
