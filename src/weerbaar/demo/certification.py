# SPDX-License-Identifier: EUPL-1.2
"""The certification of the demo partnership "Buitengebied De Meierij": a full first round up to its
certificate (Basis samenwerken, one star, KVO 4.0, issued about a year ago) and the yearly 1-meting since,
built through the real services with dates relative to today: a 0-meting and a 1-meting with figures of
the police, the water board and Staatsbosbeheer, two inspection walks (by day and after dark) with findings,
eight measures of which five were carried out with evidence, three working-group meetings, the audit by
Kiwa NCP and the certificate. All texts are invented.

One step is written past the services: the request for the audit, a year ago. The readiness gate checks
the covenant as it is today, and the estate agent, who joined after the audit in this story, has not signed
it yet (the partnerships' demo shows that on purpose). The phase history is dated as the story goes.
Idempotent: does nothing when the partnership already has a cycle.
"""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.certification import services
from weerbaar.certification.constants import (
    ActionStatus,
    AuditResult,
    CertificateLevel,
    CertificationBody,
    MeasurementKind,
    MeasureStatus,
    Phase,
    Theme,
    TimeOfDay,
)
from weerbaar.certification.models import CertificationCycle, Finding, Measure, PhaseChange
from weerbaar.core.policy import Actor
from weerbaar.partnerships.models import Participant, Partnership

NAME = "Buitengebied De Meierij"
POLICE = "Politie eenheid Oost-Brabant"
WATER = "Waterschap De Dommel"
ZLTO = "ZLTO afdeling Hart van Brabant"
SBB = "Staatsbosbeheer regio Zuid"
WBE = "WBE De Meierij"
LOON = "Loonbedrijf Van den Broek (fictief)"
NET = "Netbeheerder Zuid (fictief)"
LEAD = "Gemeente Boxtel"

# (participant, theme, 0-meting, 1-meting, source)
FIGURES = [
    (POLICE, Theme.DRUGSAFVAL, 14, 9, "Politie, bedrijfsprocessensysteem (gebied)"),
    (POLICE, Theme.DIEFSTAL, 23, 17, "Politie, bedrijfsprocessensysteem (gebied)"),
    (POLICE, Theme.DRUGSPRODUCTIE, 3, 2, "Politie, bedrijfsprocessensysteem (gebied)"),
    (WATER, Theme.DRUGSAFVAL, 8, 6, "Waterschap, meldingen lozingen"),
    (SBB, Theme.AFVALDUMPING, 31, 22, "Staatsbosbeheer, registratie boswachters"),
    (SBB, Theme.STROPERIJ, 4, 1, "Staatsbosbeheer, registratie boswachters"),
]

# (title, theme, owner, executor, deadline in days from the start, done?, evidence, from finding #)
MEASURES: list[tuple[str, str, str, str, int, bool, str, int | None]] = [
    (
        "Voorlichtingsavond 'Je kunt maar één keer nee zeggen'",
        Theme.WEERBAARHEID,
        ZLTO,
        LEAD,
        90,
        True,
        "Avond gehouden in de Kruisherenkapel; 64 agrariërs aanwezig; presentatie en presentielijst in het dossier.",
        None,
    ),
    (
        "Verlichting en camera bij de carpoolplaats aan de A2-afrit",
        Theme.VERLICHTING,
        LEAD,
        NET,
        150,
        True,
        "Verlichting geplaatst en camera in gebruik genomen; opleveringsrapport van de netbeheerder.",
        0,
    ),
    (
        "Bebording en afsluiting van de zandpaden in de Kampina",
        Theme.AFVALDUMPING,
        SBB,
        LOON,
        120,
        True,
        "Vijf slagbomen geplaatst; foto's van de oplevering en de werkbon van het loonbedrijf.",
        1,
    ),
    (
        "Meldroute drugsafval: één nummer, vaste afspraken over opruimen",
        Theme.DRUGSAFVAL,
        WATER,
        POLICE,
        100,
        True,
        "Werkafspraak tussen waterschap, politie en gemeenten vastgesteld in de werkgroep.",
        None,
    ),
    (
        "Leegstandsregister van agrarische opstallen",
        Theme.LEEGSTAND,
        LEAD,
        ZLTO,
        180,
        True,
        "Register opgezet; 41 opstallen in beeld; periodiek overleg met ZLTO.",
        2,
    ),
    ("Nachtelijke controles bij bekende dumpplekken", Theme.DRUGSAFVAL, POLICE, WATER, 600, False, "", 3),
    ("Wildcamera's bij de stroperijgebieden", Theme.STROPERIJ, WBE, SBB, 620, False, "", None),
    ("Modelhuurcontract voor schuren onder de leden verspreiden", Theme.WEERBAARHEID, ZLTO, ZLTO, 640, False, "", None),
]


def _as(username: str) -> Actor:
    return actor_for(user=User.objects.get(username=username))


def _participants(partnership: Partnership) -> dict[str, Participant]:
    return {
        p.organisation.name: p
        for p in partnership.participants.filter(left_at__isnull=True).select_related("organisation")
    }


def _dated(cycle: CertificationCycle, to_phase: str, on: date) -> None:
    """Date the newest history row of ``to_phase`` as the story goes (the services stamp it now)."""
    change = cycle.status_changes.filter(to_status=to_phase).order_by("-id").first()
    if change is not None:
        at = datetime(on.year, on.month, on.day, 10, 0, tzinfo=timezone.get_current_timezone())
        PhaseChange.objects.filter(pk=change.pk).update(at=at)


@transaction.atomic
def certification_demo_load() -> None:
    partnership = Partnership.objects.filter(name=NAME).first()
    if partnership is None or CertificationCycle.objects.filter(partnership=partnership).exists():
        return
    today = timezone.localdate()
    start = today - timedelta(days=560)
    manager = _as("gebied.boxtel")
    who = _participants(partnership)
    cycle = services.cycle_start(actor=manager, partnership=partnership)
    CertificationCycle.objects.filter(pk=cycle.pk).update(started_on=start)
    _dated(cycle, Phase.OPZET, start)
    cycle = services.cycle_transition(actor=manager, cycle=cycle, to_phase=Phase.NULMETING, expected_version=None)
    _dated(cycle, Phase.NULMETING, start + timedelta(days=20))

    baseline = services.measurement_record(
        actor=manager, cycle=cycle, kind=MeasurementKind.NULMETING, taken_on=start + timedelta(days=45)
    )
    for organisation, theme, before, _after, source in FIGURES:
        services.figure_add(
            actor=manager,
            measurement=baseline,
            participant=who[organisation],
            theme=theme,
            period=str((start - timedelta(days=30)).year),
            count=before,
            source=source,
        )

    findings: list[Finding] = []
    walks = [
        (
            TimeOfDay.DAG,
            55,
            "Van het station van Boxtel over de Kampinaweg naar de Oisterwijkse vennen en terug langs de Dommel.",
            [LEAD, POLICE, ZLTO, SBB],
        ),
        (
            TimeOfDay.DONKER,
            62,
            "Na zonsondergang langs de carpoolplaats, de industrieweg en de zandpaden bij Liempde.",
            [LEAD, POLICE, WATER, WBE],
        ),
    ]
    walk_findings = [
        [
            (Theme.VERLICHTING, "Carpoolplaats bij de afrit is 's avonds donker en onoverzichtelijk.", 51.600, 5.338),
            (
                Theme.AFVALDUMPING,
                "Zandpaden in de Kampina vrij toegankelijk met busjes; sporen van dumping.",
                51.566,
                5.257,
            ),
        ],
        [
            (
                Theme.LEEGSTAND,
                "Meerdere lege stallen zonder zicht vanaf de weg; niemand weet wie de huurder is.",
                51.618,
                5.372,
            ),
            (Theme.DRUGSAFVAL, "Bekende dumpplek bij de Dommel: vaten zijn eerder hier gevonden.", 51.624, 5.351),
        ],
    ]
    for (time_of_day, offset, route, present), found in zip(walks, walk_findings, strict=True):
        walk = services.walk_record(
            actor=manager,
            cycle=cycle,
            walked_on=start + timedelta(days=offset),
            time_of_day=time_of_day,
            route=route,
            participants=[who[name] for name in present],
        )
        for theme, text, lat, lon in found:
            findings.append(
                services.finding_add(
                    actor=manager, walk=walk, theme=theme, description=text, latitude=lat, longitude=lon
                )
            )

    cycle = services.cycle_transition(actor=manager, cycle=cycle, to_phase=Phase.PLAN, expected_version=None)
    _dated(cycle, Phase.PLAN, start + timedelta(days=75))
    measures: list[Measure] = []
    for title, measure_theme, owner, executor, days, done, evidence, finding in MEASURES:
        measure = services.measure_create(
            actor=manager,
            cycle=cycle,
            theme=measure_theme,
            title=title,
            owner=who[owner],
            executor=who[executor],
            deadline=start + timedelta(days=days),
            finding=findings[finding] if finding is not None else None,
        )
        status = (
            MeasureStatus.UITGEVOERD if done else (MeasureStatus.IN_UITVOERING if days < 630 else MeasureStatus.GEPLAND)
        )
        if status != MeasureStatus.GEPLAND:
            measure = services.measure_progress(
                actor=manager, measure=measure, expected_version=None, status=status, evidence=evidence or None
            )
        measures.append(measure)

    meetings = [
        (
            80,
            "Plan van aanpak vaststellen; verdeling eigenaarschap maatregelen.",
            "Plan van aanpak vastgesteld; acht maatregelen met eigenaar en uitvoerder.",
            [("Eigenaren leveren hun planning aan", LEAD, 95, ActionStatus.GEREED, [0, 1])],
        ),
        (
            150,
            "Voortgang maatregelen; voorbereiding audit.",
            "Audit aanvragen bij Kiwa NCP zodra vijf maatregelen zijn uitgevoerd.",
            [("Bewijsstukken verzamelen voor het auditdossier", LEAD, 165, ActionStatus.GEREED, [2, 3, 4])],
        ),
        (
            530,
            "Jaarevaluatie: 1-meting naast de 0-meting; schouw dit najaar.",
            "De 1-meting laat minder dumpingen zien; de nachtschouw wordt herhaald.",
            [
                ("Nachtschouw plannen met politie en waterschap", POLICE, 580, ActionStatus.OPEN, [5]),
                ("Wildcamera's aanschaffen", WBE, 590, ActionStatus.OPEN, [6]),
            ],
        ),
    ]
    # The meetings after the certificate belong to the same round: the cycle stays certified.
    made = []
    for offset, agenda, decisions, points in meetings[:2]:
        made.append(
            (
                services.meeting_record(
                    actor=manager,
                    cycle=cycle,
                    held_on=start + timedelta(days=offset),
                    agenda=agenda,
                    decisions=decisions,
                ),
                points,
            )
        )

    # The audit was requested a year ago (see the module's docstring): written past the gate.
    requested = start + timedelta(days=170)
    CertificationCycle.objects.filter(pk=cycle.pk).update(phase=Phase.AUDIT)
    PhaseChange.record(
        cycle=cycle,
        from_status=Phase.PLAN,
        to_status=Phase.AUDIT,
        actor=manager.user,
        at=datetime(requested.year, requested.month, requested.day, 10, 0, tzinfo=timezone.get_current_timezone()),
    )
    cycle.refresh_from_db()
    services.audit_save(
        actor=manager,
        cycle=cycle,
        data={
            "body": CertificationBody.KIWA,
            "applied_on": requested,
            "site_visit_on": requested + timedelta(days=35),
            "auditor": "Kiwa NCP, auditteam Zuid",
            "findings": "Goede samenwerking tussen publieke en private partners; de leegstand verdient meer aandacht.",
            "result": AuditResult.POSITIEF,
        },
    )
    issued = today - timedelta(days=350)
    services.certificate_issue(actor=manager, cycle=cycle, level=CertificateLevel.BASIS, issued_on=issued)
    _dated(cycle, Phase.GECERTIFICEERD, issued)

    follow_up = services.measurement_record(
        actor=manager, cycle=cycle, kind=MeasurementKind.EENMETING, taken_on=today - timedelta(days=30)
    )
    for organisation, theme, _before, after, source in FIGURES:
        services.figure_add(
            actor=manager,
            measurement=follow_up,
            participant=who[organisation],
            theme=theme,
            period=str((today - timedelta(days=60)).year),
            count=after,
            source=source,
        )
    offset, agenda, decisions, points = meetings[2]
    made.append(
        (
            services.meeting_record(
                actor=manager, cycle=cycle, held_on=start + timedelta(days=offset), agenda=agenda, decisions=decisions
            ),
            points,
        )
    )
    for meeting, points in made:
        for description, owner, due, point_status, linked in points:
            services.action_point_add(
                actor=manager,
                meeting=meeting,
                description=description,
                owner=who[owner],
                due_on=start + timedelta(days=due),
                measures=[measures[i] for i in linked],
                status=point_status,
            )
