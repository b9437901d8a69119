# SPDX-License-Identifier: EUPL-1.2
"""Barrier models and practice cases in the demo, built through the real services: two models written by
the RIEC's analyst (``analist.riec``) and shared with every organisation — drug-waste dumping in the rural
area, and the housing of labour migrants — and two anonymised practice cases linked to their barriers.
All texts are invented. Idempotent: does nothing when the RIEC already has a barrier model.
"""

from django.db import transaction

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.knowledge import services
from weerbaar.knowledge.constants import FacilitatorKind, InstrumentKind, Phenomenon, ScanTopic
from weerbaar.knowledge.models import BarrierModel
from weerbaar.knowledge.services import BarrierInput, StepInput
from weerbaar.organisations.constants import OrganisationType as O

USERNAME = "analist.riec"

B = BarrierInput
I = InstrumentKind  # noqa: E741 - a short alias keeps the tables below readable


class T:
    """The scan topics the demo's barriers protect (short names keep the tables readable)."""

    FIN = ScanTopic.FINANCIELE_TRANSACTIES
    INKOOP = ScanTopic.INKOOP_AANBESTEDING
    SUBSIDIES = ScanTopic.SUBSIDIES
    VERGUNNINGEN = ScanTopic.VERGUNNINGEN
    BRP = ScanTopic.BRP
    TOEZICHT = ScanTopic.TOEZICHT_HANDHAVING
    INSTRUMENTEN = ScanTopic.INSTRUMENTEN
    INFORMATIEPOSITIE = ScanTopic.INFORMATIEPOSITIE


DRUG_WASTE = [
    StepInput(
        name="Grondstoffen (precursoren) inkopen",
        needs="Chemicaliën, een leverancier die geen vragen stelt, transport over de grens",
        facilitators="Chemicaliënhandel, transporteurs",
        facilitator_kind=FacilitatorKind.BOTH,
        barriers=(
            B(
                "Melding ongebruikelijke transacties door de handel",
                O.POLITIE,
                "Meldplicht precursoren",
                topics=(T.FIN,),
            ),
            B("Controle van transporten op de snelweg", O.BELASTINGDIENST, "Douanecontrole"),
        ),
    ),
    StepInput(
        name="Een productieplek vinden",
        needs="Een afgelegen schuur of loods, een verhuurder die niet komt kijken",
        facilitators="Agrariërs die leegstaande stallen verhuren, makelaars",
        facilitator_kind=FacilitatorKind.UNWITTING,
        barriers=(
            B(
                "Voorlichting aan agrariërs over verdachte huurders",
                O.AGRARISCH,
                "Keukentafelgesprekken",
                ((I.GEBIEDSMAATREGEL, "Weerbaarheidsbezoeken buitengebied"),),
            ),
            B(
                "Integrale controle van leegstaande agrarische opstallen",
                O.GEMEENTE,
                "Controle bestemmingsplan",
                topics=(T.TOEZICHT,),
            ),
        ),
    ),
    StepInput(
        name="Productie",
        needs="Stroom, water, apparatuur, mensen die koken",
        facilitators="Installateurs, verhuurders van aggregaten",
        facilitator_kind=FacilitatorKind.BOTH,
        barriers=(
            B("Analyse van afwijkend stroomverbruik", O.NETBEHEERDER, "Signalering verbruikspatronen"),
            B(
                "Sluiting van het pand na een vondst",
                O.GEMEENTE,
                "Artikel 13b Opiumwet",
                ((I.INTERVENTIE, "Sluiting door de burgemeester"),),
                topics=(T.TOEZICHT, T.INSTRUMENTEN),
            ),
        ),
    ),
    StepInput(
        name="Afval kwijtraken",
        needs="Een plek om vaten te dumpen of te lozen, vervoer in de nacht",
        facilitators="Loonwerkers en transporteurs die vaten meenemen",
        facilitator_kind=FacilitatorKind.UNWITTING,
        barriers=(
            B(
                "Cameratoezicht op bekende dumpplekken",
                O.GEMEENTE,
                "",
                ((I.GEBIEDSMAATREGEL, "Camera's bij de landwegen"),),
                topics=(T.TOEZICHT,),
            ),
            B("Snelle melding en opruiming van drugsafval", O.OMGEVINGSDIENST, "Opruimregeling provincie"),
            B("Controle van mestputten en lozingspunten", O.WATERSCHAP, "Toezicht waterkwaliteit"),
        ),
    ),
    StepInput(
        name="Distributie",
        needs="Opslag, koeriers, contacten in de haven",
        facilitators="Koeriersdiensten, opslagbedrijven",
        facilitator_kind=FacilitatorKind.BOTH,
        barriers=(B("Controles in het logistieke netwerk", O.POLITIE, "Opsporing"),),
    ),
    StepInput(
        name="Geld witwassen",
        needs="Contant geld omzetten, vastgoed of bedrijven kopen",
        facilitators="Vastgoedhandel, horeca, adviseurs",
        facilitator_kind=FacilitatorKind.BOTH,
        barriers=(
            B(
                "Bibob-toets bij vergunningen",
                O.GEMEENTE,
                "Wet Bibob",
                ((I.VERBETERACTIE, "Bibob-beleid uitbreiden naar vastgoed"),),
                topics=(T.VERGUNNINGEN, T.INKOOP, T.SUBSIDIES, T.INSTRUMENTEN),
            ),
            B("Financieel onderzoek en ontneming", O.OM, "Ontnemingsvordering", topics=(T.FIN,)),
        ),
    ),
]

MIGRANT_HOUSING = [
    StepInput(
        name="Werving",
        needs="Werkzoekenden in het land van herkomst, beloftes over loon en huisvesting",
        facilitators="Malafide uitzendbureaus",
        facilitator_kind=FacilitatorKind.WITTING,
        barriers=(B("Certificering en controle van uitzendbureaus", O.BELASTINGDIENST, "Toezicht op de registratie"),),
    ),
    StepInput(
        name="Huisvesting",
        needs="Woningen of loodsen waar veel mensen slapen",
        facilitators="Verhuurders en makelaars",
        facilitator_kind=FacilitatorKind.BOTH,
        barriers=(
            B(
                "Controle op overbewoning en brandveiligheid",
                O.GEMEENTE,
                "Huisvestingsverordening",
                ((I.INTERVENTIE, "Integrale controle woningen"),),
                topics=(T.TOEZICHT, T.VERGUNNINGEN),
            ),
            B("Brandveiligheid in loodsen", O.VEILIGHEIDSREGIO, "Gebruiksmelding"),
        ),
    ),
    StepInput(
        name="Inschrijving",
        needs="Een adres in de basisregistratie, of juist geen",
        facilitators="Adresgevers",
        facilitator_kind=FacilitatorKind.WITTING,
        barriers=(
            B(
                "Adresonderzoek bij veel inschrijvingen op één adres",
                O.GEMEENTE,
                "Landelijke aanpak adreskwaliteit",
                topics=(T.BRP,),
            ),
        ),
    ),
    StepInput(
        name="Werk",
        needs="Werkgevers die te weinig betalen of te lang laten werken",
        facilitators="Inleners in land- en tuinbouw, distributiecentra",
        facilitator_kind=FacilitatorKind.UNWITTING,
        barriers=(B("Arbeidsinspectie op werkplekken", O.POLITIE, "Samen met de Arbeidsinspectie"),),
    ),
    StepInput(
        name="Verblijf",
        needs="Afhankelijkheid: huur ingehouden op het loon, geen eigen contract",
        facilitators="Huisbazen die ook werkgever zijn",
        facilitator_kind=FacilitatorKind.WITTING,
        barriers=(B("Voorlichting in de eigen taal over rechten", O.GEMEENTE, "Informatiepunt arbeidsmigranten"),),
    ),
    StepInput(
        name="Terugkeer of doorstroom",
        needs="Mensen snel vervangen, geen klachten",
        facilitators="Uitzendbureaus",
        facilitator_kind=FacilitatorKind.BOTH,
        barriers=(B("Meldpunt uitbuiting en nazorg", O.RIEC, "Signalen bundelen", topics=(T.INFORMATIEPOSITIE,)),),
    ),
]


def _keys(model: BarrierModel, *steps: int) -> list[str]:
    version = model.current
    return [str(version.steps.get(position=step).barriers.first().key) for step in steps]  # type: ignore[union-attr]


@transaction.atomic
def knowledge_demo_load() -> None:
    user = User.objects.filter(username=USERNAME).first()
    if user is None:
        return
    actor = actor_for(user=user)
    if actor.organisation is None or BarrierModel.objects.filter(organisation=actor.organisation).exists():
        return
    waste = services.barrier_model_create(
        actor=actor,
        title="Dumping van drugsafval in het buitengebied",
        phenomenon=Phenomenon.DRUGSAFVALDUMPING,
        summary=(
            "Het proces van synthetische drugs, van grondstoffen tot geld, met de nadruk op het dumpen van afval "
            "in het buitengebied en wie dat kan tegenhouden."
        ),
        steps=DRUG_WASTE,
    )
    housing = services.barrier_model_create(
        actor=actor,
        title="Huisvesting en uitbuiting van arbeidsmigranten",
        phenomenon=Phenomenon.HUISVESTING_ARBEIDSMIGRANTEN,
        summary="Van werving tot terugkeer: waar uitbuiting begint en welke partner haar kan stoppen.",
        steps=MIGRANT_HOUSING[:-1],
    )
    # A second version, so the demo shows the history.
    housing = services.barrier_model_step_save(
        actor=actor,
        barrier_model=housing,
        expected_version=housing.version,
        position=None,
        step=MIGRANT_HOUSING[-1],
        change_note="Stap terugkeer of doorstroom toegevoegd",
    )
    for model in (waste, housing):
        services.barrier_model_share(actor=actor, barrier_model=model, shared=True)
    case = services.practice_case_create(
        actor=actor,
        title="Vaten in een verhuurde stal",
        phenomenon=Phenomenon.DRUGSAFVALDUMPING,
        what_happened=(
            "Een melkveehouder verhuurde een lege stal aan twee mannen die contant betaalden. Een loonwerker "
            "zag maanden later blauwe vaten staan en meldde dat. In de stal stond een opgeruimd drugslab."
        ),
        lessons=(
            "Agrariërs herkennen de signalen beter na een keukentafelgesprek. Een korte lijn tussen gemeente en "
            "omgevingsdienst maakte dat het afval binnen een dag was opgeruimd."
        ),
        barrier_keys=_keys(waste, 2, 4),
    )
    services.practice_case_share(actor=actor, case=case, shared=True)
    case = services.practice_case_create(
        actor=actor,
        title="Twintig bedden in een woning",
        phenomenon=Phenomenon.HUISVESTING_ARBEIDSMIGRANTEN,
        what_happened=(
            "Bij een controle bleek een eengezinswoning bewoond door twintig arbeidsmigranten; de huur werd "
            "ingehouden op hun loon bij hetzelfde uitzendbureau."
        ),
        lessons="Adresonderzoek en arbeidsinspectie samen inzetten; de bewoners eerst een andere plek bieden.",
        barrier_keys=_keys(housing, 2, 3),
    )
    services.practice_case_share(actor=actor, case=case, shared=True)
