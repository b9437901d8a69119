# SPDX-License-Identifier: EUPL-1.2
"""Demo integrated cases in Midden-Brabant, directed by Gemeente Tilburg. Synthetic: invented places and facts.

Walks the real services, so the demo shows what the rules produce: a police item that needs consent, police
data hidden until the assessment exists, a 13b closure and a Bibob screening with statutory deadlines, a
casusoverleg with decisions and action items, and a closed case whose police data was destroyed.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.cases.constants import CaseStatus, Classification, InterventionStatus, ItemKind, MemberRole
from weerbaar.cases.models import Case
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
class DemoSubject:
    kind: str
    values: dict[str, Any]
    source_detail: str
    regime: str = LegalRegime.AVG  # supplied by the directing municipality; WPG is the police's


@dataclass(frozen=True)
class DemoItem:
    kind: str
    title: str
    body: str
    regime: str
    consent_to: tuple[str, ...] = ()  # police data only these organisations may see until the police consents


@dataclass(frozen=True)
class DemoIntervention:
    type: str
    owner: str
    started_days_ago: int
    bibob_reference: str = ""
    steps_done: tuple[tuple[str, int], ...] = ()  # (step code, days ago)
    result: dict[str, Any] | None = None  # the reported result, as intervention_result_record's arguments


@dataclass(frozen=True)
class DemoCase:
    title: str
    phenomena: tuple[str, ...]
    members: tuple[str, ...]
    status: str
    classification: str = Classification.VERTROUWELIJK
    subjects: tuple[DemoSubject, ...] = ()
    items: tuple[DemoItem, ...] = ()
    assessed: bool = False
    interventions: tuple[DemoIntervention, ...] = ()


CASES = (
    DemoCase(
        "Loods Biezenmortel — drugsafval en opslag",
        ("drugsafvaldumping", "drugsopslag"),
        (POLICE, TAX, HILVARENBEEK),
        CaseStatus.UITVOERING,
        Classification.STRIKT_VERTROUWELIJK,
        # Structured subjects: correlated at once with the signals (the tenant also appears in a signal of a
        # cocaine-washing unit, named differently; the company's KvK number too).
        subjects=(
            DemoSubject(
                SubjectKind.PERSOON,
                {
                    "given_names": "Rik",
                    "surname_prefix": "van der",
                    "surname": "Verzonnen",
                    "birth_date": date(1981, 4, 12),
                    "street": "Verzonnenweg",
                    "house_number": "3",
                    "postcode": "5074 ZZ",
                    "city": "Biezenmortel",
                },
                "BRP-bevraging (fictief, demo)",
            ),
            DemoSubject(
                SubjectKind.BEDRIJF,
                {"company_name": "Fictief Opslag Reeshof B.V.", "legal_form": "bv", "kvk_number": "99000011"},
                "KvK-uittreksel (fictief, demo)",
            ),
            DemoSubject(
                SubjectKind.ADRES,
                {"street": "Verzonnenweg", "house_number": "3", "postcode": "5074 ZZ", "city": "Biezenmortel"},
                "Locatie van de loods",
            ),
        ),
        items=(
            DemoItem(
                ItemKind.NOTITIE,
                "Vergunningen en gebruik van de loods",
                "Geen omgevingsvergunning voor opslag; agrarische bestemming. Huurder sinds 2023.",
                LegalRegime.AVG,
            ),
            DemoItem(
                ItemKind.BEVINDING,
                "Politiebevindingen huurder loods",
                "Huurder eerder aangetroffen bij een opslag van precursoren (fictief, demo).",
                LegalRegime.WPG,
                consent_to=(TILBURG,),
            ),
        ),
        assessed=True,
        interventions=(
            DemoIntervention(
                "sluiting_13b", TILBURG, 45, steps_done=(("rapportage", 44), ("voornemen", 30), ("zienswijze", 16))
            ),
            DemoIntervention(
                "bibob",
                TILBURG,
                80,
                bibob_reference="BIBOB-DEMO-0001",
                steps_done=(("vragenformulier", 60), ("eigen_onderzoek", 35), ("advies_aangevraagd", 30)),
            ),
            DemoIntervention("fiscaal", TAX, 20),
        ),
    ),
    DemoCase(
        "Bedrijfsverzamelgebouw Hilvarenbeek — hennepkwekerij",
        ("hennepteelt",),
        (POLICE, HILVARENBEEK),
        CaseStatus.STRATEGIE,
        subjects=(
            # The van that picks up the labour migrants (a Tilburg signal) seen at the unit: the police's data.
            DemoSubject(
                SubjectKind.VOERTUIG, {"plate": "VX-123-Z"}, "Kentekenregistratie (fictief, demo)", LegalRegime.WPG
            ),
            # Someone with the same name but no date of birth or address: a possible match for a person to judge.
            DemoSubject(
                SubjectKind.PERSOON,
                {"given_names": "Rik", "surname": "Verzonnen"},
                "Huurovereenkomst unit 4 (fictief, demo)",
            ),
        ),
        items=(
            DemoItem(
                ItemKind.BEVINDING,
                "Stroomafname en warmtebeeld unit 4",
                "Afwijkend stroomverbruik gemeld door de netbeheerder (fictief, demo).",
                LegalRegime.WPG,
            ),
        ),
        interventions=(DemoIntervention("sluiting_13b", HILVARENBEEK, 10),),
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
        items=(
            DemoItem(
                ItemKind.BEVINDING,
                "Contante aankopen boven de meldgrens",
                "Meerdere auto's contant afgerekend (fictief, demo).",
                LegalRegime.WPG,
            ),
        ),
        assessed=True,
        interventions=(
            DemoIntervention(
                "fiscaal",
                TAX,
                200,
                result={
                    "status": InterventionStatus.AFGEROND,
                    "amount_levied": Decimal("84600.00"),
                    "result_note": "Navorderingsaanslag opgelegd.",
                },
            ),
            DemoIntervention(
                "vergunning",
                TILBURG,
                150,
                result={"status": InterventionStatus.AFGEROND, "permit_refused": True},
            ),
        ),
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


def _fill(regisseur: Actor, police: Actor, case: Case, spec: DemoCase) -> Case:
    """Subjects, items, the assessment and the interventions, each supplied by whom the regime says."""
    for subject in spec.subjects:
        subject_add(
            actor=police if subject.regime == LegalRegime.WPG else regisseur,
            case=case,
            kind=subject.kind,
            values=subject.values,
            regime=subject.regime,
            source_detail=subject.source_detail,
        )
    for item in spec.items:
        item_add(
            actor=police if item.regime == LegalRegime.WPG else regisseur,
            case=case,
            kind=item.kind,
            title=item.title,
            body=item.body,
            regime=item.regime,
            consent_required=bool(item.consent_to),
            consent_to=[_org(name) for name in item.consent_to],
        )
    if spec.assessed:
        case = case_assessment_record(actor=regisseur, case=case, text=ASSESSMENT)
    today = timezone.localdate()
    for plan in spec.interventions:
        intervention = intervention_add(
            actor=regisseur,
            case=case,
            type=plan.type,
            owner=_org(plan.owner),
            started_on=today - timedelta(days=plan.started_days_ago),
            bibob_reference=plan.bibob_reference,
        )
        for code, days_ago in plan.steps_done:
            step = intervention.steps.get(code=code)
            intervention_step_done(actor=regisseur, step=step, done_on=today - timedelta(days=days_ago))
        if plan.result is not None:
            intervention_result_record(actor=regisseur, intervention=intervention, **plan.result)
    return case


@transaction.atomic
def cases_demo_load() -> None:
    """Load the demo cases once (idempotent); needs the demo organisations and users."""
    if Case.objects.filter(title=CASES[0].title).exists():
        return
    regisseur = _actor("regisseur.tilburg")
    police = _actor("liaison.politie")
    made: list[Case] = []
    for spec in CASES:
        case = _fill(regisseur, police, _create(regisseur, spec), spec)
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
