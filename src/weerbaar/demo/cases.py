# SPDX-License-Identifier: EUPL-1.2
"""Demo integrated cases in Midden-Brabant, directed by Gemeente Tilburg. Synthetic: invented places and facts.

Walks the real services, so the demo shows what the rules produce: a police item that needs consent, police
data hidden until the assessment exists, a 13b closure and a Bibob screening with statutory deadlines, a
casusoverleg with decisions and action items, and a closed case whose police data was destroyed.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.cases.constants import CaseStatus, Classification, InterventionStatus, ItemKind, MemberRole
from weerbaar.cases.models import Case, Intervention
from weerbaar.cases.services import (
    action_item_add,
    action_item_complete,
    agenda_decision_record,
    case_assessment_record,
    case_close,
    case_create,
    case_transition,
    intervention_add,
    intervention_result_record,
    intervention_step_done,
    item_add,
    meeting_create,
    membership_add,
    subject_add,
)
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor
from weerbaar.correlation.constants import SubjectKind
from weerbaar.organisations.models import Organisation
from weerbaar.signals.selectors import signal_list

TILBURG = "Gemeente Tilburg"
HILVARENBEEK = "Gemeente Hilvarenbeek"
OISTERWIJK = "Gemeente Oisterwijk"
POLICE = "Politie eenheid Zeeland-West-Brabant"
TAX = "Belastingdienst regio Zuid"
RIEC = "RIEC Zeeland-West-Brabant"

ASSESSMENT = (
    "Doel: ondermijnende activiteiten op het adres beëindigen. Noodzaak: zonder politie- en belastinggegevens "
    "geen beeld van de exploitant. Proportionaliteit: alleen gegevens over het pand en de exploitant. "
    "Subsidiariteit: een controle zonder voorinformatie gaf eerder onvoldoende resultaat."
)


@dataclass(frozen=True)
class DemoCase:
    title: str
    phenomena: tuple[str, ...]
    members: tuple[str, ...]
    status: str
    classification: str = Classification.VERTROUWELIJK


CASES = (
    DemoCase(
        "Loods Biezenmortel — drugsafval en opslag",
        ("drugsafvaldumping", "drugsopslag"),
        (POLICE, TAX, HILVARENBEEK),
        CaseStatus.UITVOERING,
        Classification.STRIKT_VERTROUWELIJK,
    ),
    DemoCase(
        "Bedrijfsverzamelgebouw Hilvarenbeek — hennepkwekerij",
        ("hennepteelt",),
        (POLICE, HILVARENBEEK),
        CaseStatus.STRATEGIE,
    ),
    DemoCase(
        "Recreatiepark Oisterwijk — malafide verhuur",
        ("malafide_verhuur", "witwassen"),
        (POLICE, TAX, OISTERWIJK),
        CaseStatus.ANALYSE,
    ),
    DemoCase(
        "Autobedrijf Reeshof — witwassen via contante verkoop",
        ("witwassen",),
        (POLICE, TAX),
        CaseStatus.VERANTWOORDING,
    ),
)


def _actor(username: str) -> Actor:
    return actor_for(user=User.objects.get(username=username))


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _walk(actor: Actor, case: Case, to: str) -> Case:
    order = list(CaseStatus.values)
    while order.index(case.status) < order.index(to):
        case = case_transition(actor=actor, case=case, to_status=order[order.index(case.status) + 1])
    return case


def _create(regisseur: Actor, spec: DemoCase) -> Case:
    signals = list(signal_list(actor=regisseur).filter(phenomenon__in=spec.phenomena)[:1])
    case = case_create(
        actor=regisseur,
        title=spec.title,
        phenomena=list(spec.phenomena),
        classification=spec.classification,
        signals=signals,
    )
    for name in spec.members:
        membership_add(actor=regisseur, case=case, organisation=_org(name))
    # The RIEC takes part as an organisation (programme view) and with its analyst as named member.
    analist = User.objects.get(username="analist.riec")
    membership_add(actor=regisseur, case=case, organisation=_org(RIEC), role=MemberRole.LEZER)
    membership_add(actor=regisseur, case=case, organisation=_org(RIEC), user=analist)
    return case


def _done(actor: Actor, intervention: Intervention, code: str, days_ago: int) -> None:
    step = intervention.steps.get(code=code)
    intervention_step_done(actor=actor, step=step, done_on=timezone.localdate() - timedelta(days=days_ago))


def _biezenmortel(regisseur: Actor, police: Actor, case: Case) -> Case:
    tilburg = _org(TILBURG)
    # Structured subjects: correlated at once with the signals (the tenant also appears in a signal of a
    # cocaine-washing unit, named differently; the company's KvK number too).
    subject_add(
        actor=regisseur,
        case=case,
        kind=SubjectKind.PERSOON,
        values={
            "given_names": "Rik",
            "surname_prefix": "van der",
            "surname": "Verzonnen",
            "birth_date": date(1981, 4, 12),
            "street": "Verzonnenweg",
            "house_number": "3",
            "postcode": "5074 ZZ",
            "city": "Biezenmortel",
        },
        regime=LegalRegime.AVG,
        source_detail="BRP-bevraging (fictief, demo)",
    )
    subject_add(
        actor=regisseur,
        case=case,
        kind=SubjectKind.BEDRIJF,
        values={"company_name": "Fictief Opslag Reeshof B.V.", "legal_form": "bv", "kvk_number": "99000011"},
        regime=LegalRegime.AVG,
        source_detail="KvK-uittreksel (fictief, demo)",
    )
    subject_add(
        actor=regisseur,
        case=case,
        kind=SubjectKind.ADRES,
        values={"street": "Verzonnenweg", "house_number": "3", "postcode": "5074 ZZ", "city": "Biezenmortel"},
        regime=LegalRegime.AVG,
        source_detail="Locatie van de loods",
    )
    item_add(
        actor=regisseur,
        case=case,
        kind=ItemKind.NOTITIE,
        title="Vergunningen en gebruik van de loods",
        body="Geen omgevingsvergunning voor opslag; agrarische bestemming. Huurder sinds 2023.",
        regime=LegalRegime.AVG,
    )
    # Police data that may only go to the directing municipality until the police consents to more.
    item_add(
        actor=police,
        case=case,
        kind=ItemKind.BEVINDING,
        title="Politiebevindingen huurder loods",
        body="Huurder eerder aangetroffen bij een opslag van precursoren (fictief, demo).",
        regime=LegalRegime.WPG,
        consent_required=True,
        consent_to=[tilburg],
    )
    case = case_assessment_record(actor=regisseur, case=case, text=ASSESSMENT)
    today = timezone.localdate()
    closure = intervention_add(
        actor=regisseur, case=case, type="sluiting_13b", owner=tilburg, started_on=today - timedelta(days=45)
    )
    _done(regisseur, closure, "rapportage", 44)
    _done(regisseur, closure, "voornemen", 30)
    _done(regisseur, closure, "zienswijze", 16)
    bibob = intervention_add(
        actor=regisseur,
        case=case,
        type="bibob",
        owner=tilburg,
        started_on=today - timedelta(days=80),
        bibob_reference="BIBOB-DEMO-0001",
    )
    _done(regisseur, bibob, "vragenformulier", 60)
    _done(regisseur, bibob, "eigen_onderzoek", 35)
    _done(regisseur, bibob, "advies_aangevraagd", 30)
    intervention_add(actor=regisseur, case=case, type="fiscaal", owner=_org(TAX), started_on=today - timedelta(days=20))
    return case


def _hilvarenbeek(regisseur: Actor, police: Actor, case: Case) -> Case:
    # The van that picks up the labour migrants (a Tilburg signal) seen at the unit: the police's data.
    subject_add(
        actor=police,
        case=case,
        kind=SubjectKind.VOERTUIG,
        values={"plate": "VX-123-Z"},
        regime=LegalRegime.WPG,
        source_detail="Kentekenregistratie (fictief, demo)",
    )
    # Someone with the same name but no date of birth or address: a possible match for a person to judge.
    subject_add(
        actor=regisseur,
        case=case,
        kind=SubjectKind.PERSOON,
        values={"given_names": "Rik", "surname": "Verzonnen"},
        regime=LegalRegime.AVG,
        source_detail="Huurovereenkomst unit 4 (fictief, demo)",
    )
    item_add(
        actor=police,
        case=case,
        kind=ItemKind.BEVINDING,
        title="Stroomafname en warmtebeeld unit 4",
        body="Afwijkend stroomverbruik gemeld door de netbeheerder (fictief, demo).",
        regime=LegalRegime.WPG,
    )
    intervention_add(
        actor=regisseur,
        case=case,
        type="sluiting_13b",
        owner=_org(HILVARENBEEK),
        started_on=timezone.localdate() - timedelta(days=10),
    )
    return case


def _reeshof(regisseur: Actor, police: Actor, case: Case) -> Case:
    item_add(
        actor=police,
        case=case,
        kind=ItemKind.BEVINDING,
        title="Contante aankopen boven de meldgrens",
        body="Meerdere auto's contant afgerekend (fictief, demo).",
        regime=LegalRegime.WPG,
    )
    case = case_assessment_record(actor=regisseur, case=case, text=ASSESSMENT)
    tax = intervention_add(
        actor=regisseur,
        case=case,
        type="fiscaal",
        owner=_org(TAX),
        started_on=timezone.localdate() - timedelta(days=200),
    )
    intervention_result_record(
        actor=regisseur,
        intervention=tax,
        status=InterventionStatus.AFGEROND,
        amount_levied=Decimal("84600.00"),
        result_note="Navorderingsaanslag opgelegd.",
    )
    permit = intervention_add(
        actor=regisseur,
        case=case,
        type="vergunning",
        owner=_org(TILBURG),
        started_on=timezone.localdate() - timedelta(days=150),
    )
    intervention_result_record(
        actor=regisseur, intervention=permit, status=InterventionStatus.AFGEROND, permit_refused=True
    )
    return case


@transaction.atomic
def cases_demo_load() -> None:
    """Load the demo cases once (idempotent); needs the demo organisations and users."""
    if Case.objects.filter(title=CASES[0].title).exists():
        return
    regisseur = _actor("regisseur.tilburg")
    police = _actor("liaison.politie")
    made: list[Case] = []
    for spec, fill in zip(CASES, (_biezenmortel, _hilvarenbeek, None, _reeshof), strict=True):
        case = _create(regisseur, spec)
        if fill is not None:
            case = fill(regisseur, police, case)
        made.append(_walk(regisseur, case, spec.status))

    meeting = meeting_create(
        actor=regisseur, kind="casusoverleg", on=timezone.localdate() - timedelta(days=7), cases=made[:2]
    )
    today = timezone.localdate()
    agenda = {item.case_id: item for item in meeting.agenda.all()}
    agenda_decision_record(
        actor=regisseur,
        item=agenda[made[0].pk],
        decision="13b-besluit voorbereiden na ontvangst zienswijze; Bibob-advies afwachten; fiscaal onderzoek start.",
        actions=[
            ("Besluit sluiting voorleggen aan de burgemeester", _org(TILBURG), today + timedelta(days=7)),
            ("Aanvullende bestuurlijke rapportage aanleveren", _org(POLICE), today + timedelta(days=14)),
        ],
    )
    agenda_decision_record(
        actor=regisseur,
        item=agenda[made[1].pk],
        decision="Afweging opstellen; daarna politiegegevens delen en 13b-traject Hilvarenbeek starten.",
        actions=[("Proportionaliteitsafweging schrijven", _org(TILBURG), today + timedelta(days=5))],
    )
    # One action overdue (marked on the case page) and one the police completed.
    action_item_add(
        actor=regisseur,
        item=agenda[made[0].pk],
        description="Eigenaar loods aanschrijven",
        owner=_org(TILBURG),
        due_on=today - timedelta(days=2),
    )
    done = action_item_add(
        actor=regisseur,
        item=agenda[made[0].pk],
        description="Stroomverbruik opvragen bij de netbeheerder",
        owner=_org(POLICE),
        due_on=today - timedelta(days=1),
    )
    action_item_complete(actor=police, action=done)
    # The accountability step done: close the car dealer case; its police data is destroyed now.
    case_close(actor=regisseur, case=made[3], reason="Resultaten behaald en verantwoord in de stuurgroep.")


def demo_case_count() -> int:
    return Case.objects.filter(title__in=[c.title for c in CASES]).count()
