# SPDX-License-Identifier: EUPL-1.2
"""Demo joint actions, through the real services. Synthetic: invented premises, findings and people.

- An action day in the rural area of Hilvarenbeek and Oisterwijk, three weeks ago, owned by the RIEC: police,
  tax office and the municipality checked farms and sheds (random draw from a register), debriefed.
- An integrated inspection of a business park in Tilburg, today, owned by Gemeente Tilburg: risk premises
  from its own signals plus a random share of the park's register, findings from the municipality, the
  police and the tax office, and one recorded on behalf of the grid operator (a private partner without
  access).

Follow-ups in the demo are the partners' own (warnings, a fine); those that become a signal or a case
intervention are shown by the tests, so the demo's signal and case figures stay as they are.
Idempotent: does nothing when any joint action exists.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.actions import services
from weerbaar.actions.constants import (
    FollowUpKind,
    LegalDomain,
    OperationKind,
    OperationStatus,
    Sanction,
    Severity,
)
from weerbaar.actions.models import Location, Operation
from weerbaar.actions.selectors import selection_candidates
from weerbaar.core.policy import Actor
from weerbaar.geo.models import Municipality
from weerbaar.organisations.models import Organisation

RURAL_REGISTER = """Kempenweg 4, 5081 NA Hilvarenbeek
Kempenweg 11, 5081 NA Hilvarenbeek
Heiakker 2, 5081 PA Hilvarenbeek
Heiakker 9, 5081 PA Hilvarenbeek
Groenstraat 21, 5081 PE Hilvarenbeek
Roodvenweg 3, 5061 PJ Oisterwijk
Roodvenweg 14, 5061 PJ Oisterwijk
Moergestelseweg 40, 5062 JW Oisterwijk
Zandweg 7, 5062 TB Oisterwijk
Haarenseweg 55, 5061 RA Oisterwijk
"""
PARK_REGISTER = """Kraaivenstraat 1, 5048 AB Tilburg
Kraaivenstraat 3, 5048 AB Tilburg
Kraaivenstraat 5, 5048 AB Tilburg
Kraaivenstraat 7, 5048 AB Tilburg
Kraaivenstraat 9, 5048 AB Tilburg
Kraaivenstraat 11, 5048 AB Tilburg
Kraaivenstraat 13, 5048 AB Tilburg
Kraaivenstraat 15, 5048 AB Tilburg
Kraaivenstraat 17, 5048 AB Tilburg
Kraaivenstraat 19, 5048 AB Tilburg
Kraaivenstraat 21, 5048 AB Tilburg
Kraaivenstraat 23, 5048 AB Tilburg
"""


def _actor(username: str) -> Actor:
    return actor_for(user=User.objects.get(username=username))


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _partners(planner: Actor, operation: Operation, rows: list[tuple[str, str, str]]) -> None:
    for name, domain, basis in rows:
        services.operation_partner_add(
            actor=planner, operation=operation, organisation=_org(name), domain=domain, legal_basis=basis
        )


def _finding(
    actor: Actor,
    operation: Operation,
    location: Location,
    key: str,
    domain: str,
    checked: str,
    *,
    compliant: bool,
    severity: str = Severity.GEEN,
    sanction: str = Sanction.GEEN,
    organisation: Organisation | None = None,
    notes: str = "",
) -> services.FindingRecorded:
    return services.finding_record(
        actor=actor,
        operation=operation,
        location=location,
        organisation=organisation,
        domain=domain,
        checked=checked,
        compliant=compliant,
        severity=severity,
        sanction=sanction,
        notes=notes,
        idempotency_key=f"demo-{key}",
    )


def _action_day() -> None:
    riec = _actor("analist.riec")
    start = timezone.localdate() - timedelta(days=21)
    operation = services.operation_create(
        actor=riec,
        kind=OperationKind.ACTIEDAG,
        title="Actiedag buitengebied Hilvarenbeek en Oisterwijk",
        starts_on=start,
        ends_on=start,
        project_leader=riec.user,  # type: ignore[arg-type]
        municipalities=list(Municipality.objects.filter(code__in=["GM0798", "GM0824"])),
        area_description="Buitengebied ten zuiden van Tilburg",
        objectives="Zicht op leegstaande schuren en bedrijfsmatige activiteiten zonder vergunning.",
    )
    _partners(
        riec,
        operation,
        [
            ("Politie eenheid Zeeland-West-Brabant", LegalDomain.POLITIE, "Politiewet 2012, art. 3"),
            ("Belastingdienst regio Zuid", LegalDomain.FISCAAL, "Algemene wet inzake rijksbelastingen, art. 47"),
            ("Gemeente Hilvarenbeek", LegalDomain.BOUW, "Wet algemene bepalingen omgevingsrecht, art. 5.13"),
        ],
    )
    services.selection_draw(
        actor=riec,
        operation=operation,
        chosen=[],
        premises=services.premises_parse(RURAL_REGISTER),
        random_share=50,
        seed=20260311,
    )
    services.operation_transition(actor=riec, operation=operation, to_status=OperationStatus.BRIEFED)
    police = _actor("liaison.politie")
    tax = _actor("fiod.belastingdienst")
    locations = list(operation.locations.order_by("position"))
    _finding(
        police,
        operation,
        locations[0],
        "dag-1",
        LegalDomain.POLITIE,
        "Schuur en erf",
        compliant=False,
        severity=Severity.HOOG,
        sanction=Sanction.INBESLAGNAME,
        notes="Vaten en jerrycans met chemische geur aangetroffen; veiliggesteld.",
    )
    taxed = _finding(
        tax,
        operation,
        locations[0],
        "dag-2",
        LegalDomain.FISCAAL,
        "Administratie verhuur schuur",
        compliant=False,
        severity=Severity.MIDDEN,
    )
    _finding(
        riec,
        operation,
        locations[1],
        "dag-3",
        LegalDomain.BOUW,
        "Gebruik overeenkomstig vergunning",
        compliant=True,
        organisation=_org("Gemeente Hilvarenbeek"),
    )
    _finding(police, operation, locations[2], "dag-4", LegalDomain.POLITIE, "Aanwezige voertuigen", compliant=True)
    warning = services.follow_up_create(
        actor=tax,
        finding=taxed.finding,
        kind=FollowUpKind.WARNING,
        owner=_org("Belastingdienst regio Zuid"),
        due_on=timezone.localdate() + timedelta(days=7),
    )
    services.follow_up_complete(actor=tax, follow_up=warning)
    services.operation_transition(actor=riec, operation=operation, to_status=OperationStatus.DEBRIEFED)


def _business_park() -> None:
    planner = _actor("regisseur.tilburg")
    today = timezone.localdate()
    operation = services.operation_create(
        actor=planner,
        kind=OperationKind.INTEGRALE_CONTROLE,
        title="Integrale controle bedrijventerrein Kraaiven",
        starts_on=today,
        ends_on=today,
        project_leader=planner.user,  # type: ignore[arg-type]
        municipalities=[Municipality.objects.get(code="GM0855")],
        area_description="Bedrijventerrein Kraaiven",
        objectives="Onaangekondigde controle van risicopanden en een willekeurige steekproef van de overige panden.",
    )
    _partners(
        planner,
        operation,
        [
            ("Gemeente Tilburg", LegalDomain.BOUW, "Woningwet, art. 1b en Omgevingswet"),
            ("Politie eenheid Zeeland-West-Brabant", LegalDomain.POLITIE, "Politiewet 2012, art. 3"),
            ("Belastingdienst regio Zuid", LegalDomain.FISCAAL, "Algemene wet inzake rijksbelastingen, art. 47"),
            ("Netbeheerder Zuid (fictief)", LegalDomain.ENERGIE, "Aansluit- en transportovereenkomst"),
        ],
    )
    risk = [c.key for c in selection_candidates(actor=planner, operation=operation)[:2]]
    services.selection_draw(
        actor=planner,
        operation=operation,
        chosen=risk,
        premises=services.premises_parse(PARK_REGISTER),
        random_share=25,
        seed=4242,
    )
    services.operation_transition(actor=planner, operation=operation, to_status=OperationStatus.BRIEFED)
    police = _actor("liaison.politie")
    tax = _actor("fiod.belastingdienst")
    locations = list(operation.locations.order_by("position"))
    building = _finding(
        planner,
        operation,
        locations[0],
        "park-1",
        LegalDomain.BOUW,
        "Brandcompartimentering en gebruik bedrijfshal",
        compliant=False,
        severity=Severity.MIDDEN,
        sanction=Sanction.HANDHAVING,
    )
    _finding(
        police,
        operation,
        locations[0],
        "park-2",
        LegalDomain.POLITIE,
        "Aanwezige personen en voertuigen",
        compliant=True,
    )
    _finding(
        tax,
        operation,
        locations[1],
        "park-3",
        LegalDomain.FISCAAL,
        "Kasregister en personeelsadministratie",
        compliant=False,
        severity=Severity.LAAG,
        sanction=Sanction.BOETE,
    )
    _finding(
        planner,
        operation,
        locations[1],
        "park-4",
        LegalDomain.ENERGIE,
        "Meterkast en aansluiting",
        compliant=False,
        severity=Severity.HOOG,
        sanction=Sanction.WERK_STILGELEGD,
        organisation=_org("Netbeheerder Zuid (fictief)"),
        notes="Illegale aftakking vóór de meter; aansluiting afgesloten.",
    )
    services.follow_up_create(
        actor=planner,
        finding=building.finding,
        kind=FollowUpKind.BESTUURLIJKE_BOETE,
        owner=_org("Gemeente Tilburg"),
        due_on=today + timedelta(days=28),
    )


@transaction.atomic
def actions_demo_load() -> None:
    if Operation.objects.exists():
        return
    _action_day()
    _business_park()
