# SPDX-License-Identifier: EUPL-1.2
"""Synthetic demo signals in Tilburg, Hilvarenbeek and Oisterwijk, built through the real services.

Every status of the weighing workflow occurs; some reports are anonymous (with a receipt), some forwarded,
some from an area partner; a few are drug-waste dumpings with their details; one schakelteam meeting has
decided; one signal is overdue. All names, addresses, plates and references are invented.
Idempotent: does nothing when the first demo signal is already there.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor
from weerbaar.geo.models import Municipality
from weerbaar.signals.constants import WEIGHING_OUTCOMES, Channel, LocationKind, PrivacyCheckKind, Status
from weerbaar.signals.meetings import Decision, meeting_create, meeting_decide
from weerbaar.signals.models import Signal
from weerbaar.signals.services import (
    SignalInput,
    legal_hold_set,
    message_to_reporter,
    privacy_check_record,
    signal_create,
    signal_transition,
)


@dataclass(frozen=True)
class DemoSignal:
    key: str
    phenomenon: str
    channel: str
    reporter: str | None  # demo username; None for anonymous and forwarded reports
    description: str
    point: tuple[str, str] | None = None
    municipality: str = ""  # for "area only"
    address: tuple[str, str, str, str] | None = None  # street, house number, postcode, city
    indicators: list[str] = field(default_factory=list)
    drug_waste: dict[str, Any] | None = None
    subjects: list[dict[str, Any]] = field(default_factory=list)
    forwarded_reference: str = ""
    days_ago: int = 1
    path: tuple[str, ...] = ()  # the statuses the intake officer walks it through before the meeting


TILBURG, HILVARENBEEK, OISTERWIJK = "GM0855", "GM0798", "GM0824"
P = Decimal

SIGNALS: list[DemoSignal] = [
    DemoSignal(
        "vaten-udenhout",
        "drugsafvaldumping",
        Channel.ANONIEM,
        None,
        "Twaalf blauwe vaten met een scherpe anijsgeur in de berm van een zandpad bij de bosrand.",
        point=("51.60900", "5.14400"),
        indicators=["vaten", "anijsgeur"],
        days_ago=2,
        drug_waste={"dumping_type": "vaten", "volume_litres": 720, "landowner_type": "natuurbeheerder"},
    ),
    DemoSignal(
        "jerrycans-esbeek",
        "drugsafvaldumping",
        Channel.GEBIEDSPARTNER,
        "partner.zlto",
        "Op mijn maisakker lagen vanochtend ongeveer dertig jerrycans. Het ruikt chemisch, ik ben er niet aangekomen.",
        point=("51.46500", "5.12000"),
        indicators=["vaten", "chemische_geur"],
        days_ago=9,
        drug_waste={
            "dumping_type": "jerrycans",
            "volume_litres": 600,
            "landowner_type": "agrarier",
            "police_reference": "PL2000-2026000412",
            "cleanup_contractor": "Kempische Bodemzorg BV",
            "cleanup_costs": P("3275.50"),
        },
    ),
    DemoSignal(
        "lozing-moergestel",
        "drugsafvaldumping",
        Channel.ANONIEM,
        None,
        "Bruine vloeistof in de sloot naast de Beerze, dode vissen en een zoete geur.",
        point=("51.54400", "5.18000"),
        indicators=["chemische_geur"],
        days_ago=6,
        drug_waste={"dumping_type": "lozing", "landowner_type": "overig"},
    ),
    DemoSignal(
        "aanhanger-berkel",
        "drugsafvaldumping",
        Channel.MEDEWERKER,
        "medewerker.tilburg",
        "Achtergelaten aanhanger met vaten op de parkeerplaats van het bedrijventerrein; geen kenteken.",
        point=("51.58700", "5.14000"),
        indicators=["vaten", "voertuigen"],
        days_ago=40,
        path=(Status.GEKWALIFICEERD,),
        drug_waste={
            "dumping_type": "voertuig",
            "volume_litres": 1000,
            "landowner_type": "gemeente",
            "police_reference": "PL2000-2026000187",
            "cleanup_contractor": "Midden-Brabant Milieuservice",
            "cleanup_costs": P("6120.00"),
        },
    ),
    DemoSignal(
        "schuur-biezenmortel",
        "hennepteelt",
        Channel.GEBIEDSPARTNER,
        "partner.zlto",
        "Een buurman verhuurt zijn lege varkensstal; 's nachts rijden er busjes af en aan en de ramen zijn afgeplakt.",
        point=("51.62500", "5.17500"),
        indicators=["leegstaande_schuur", "afgeplakte_ramen", "voertuigen"],
        days_ago=35,
        path=(Status.GEKWALIFICEERD,),
    ),
    DemoSignal(
        "huurbrief-diessen",
        "hennepteelt",
        Channel.ANONIEM,
        None,
        "In de brievenbus een brief: 'Wij huren uw schuur voor 5.000 euro per maand, contant, geen vragen.'",
        point=("51.47500", "5.17500"),
        indicators=["huuraanbod", "contant"],
        days_ago=3,
    ),
    DemoSignal(
        "drugslab-heukelom",
        "drugslab",
        Channel.MMA,
        None,
        "Doorgemeld: in een loods aan een doodlopende weg zou 's nachts worden 'gekookt'.",
        point=("51.56500", "5.23500"),
        indicators=["chemische_geur", "leegstaande_schuur"],
        forwarded_reference="MMA-2026-0412-TB",
        days_ago=30,
        path=(Status.GEKWALIFICEERD,),
    ),
    DemoSignal(
        "wasserij-reeshof",
        "cocainewasserij",
        Channel.KETENPARTNER,
        "liaison.politie",
        "Verhoogd stroomverbruik en chemische lucht bij een bedrijfsunit; eigenaar onbekend bij de KvK.",
        point=("51.58000", "4.99500"),
        indicators=["stroomverbruik", "chemische_geur"],
        days_ago=38,
        path=(Status.GEKWALIFICEERD,),
        subjects=[
            {"kind": "bedrijf", "company_name": "Fictief Opslag Reeshof BV", "kvk_number": "99000011"},
            # The same (invented) person as in the Biezenmortel case, written differently: a correlation.
            {"kind": "persoon", "given_names": "Rik", "surname": "vd Verzonnen", "birth_date": "1981-04-12"},
        ],
    ),
    DemoSignal(
        "witwassen-centrum",
        "witwassen",
        Channel.MEDEWERKER,
        "medewerker.tilburg",
        "Een kapsalon zonder klanten koopt het ene pand na het andere in de binnenstad, steeds contant aanbetaald.",
        point=("51.55550", "5.09130"),
        address=("Verzonnenstraat", "12", "5038 ZZ", "Tilburg"),
        indicators=["contant"],
        days_ago=60,
        path=(Status.GEKWALIFICEERD,),
        subjects=[{"kind": "bedrijf", "company_name": "Kapsalon Denkbeeld", "kvk_number": "99000022"}],
    ),
    DemoSignal(
        "arbeidsmigranten-west",
        "huisvesting_arbeidsmigranten",
        Channel.BURGER,
        "medewerker.tilburg",
        "In een tussenwoning wonen naar schatting vijftien arbeidsmigranten; elke ochtend haalt een busje hen op.",
        point=("51.55600", "5.03000"),
        address=("Fantasielaan", "7", "5043 ZZ", "Tilburg"),
        days_ago=70,
        path=(Status.GEKWALIFICEERD, Status.INTERN_OPGEPAKT),
        subjects=[{"kind": "voertuig", "plate": "VX-123-Z"}],
    ),
    DemoSignal(
        "verhuur-noord",
        "malafide_verhuur",
        Channel.ANONIEM,
        None,
        "Kamers worden per week verhuurd voor veel geld; de verhuurder dreigt huurders die klagen.",
        point=("51.57900", "5.06500"),
        days_ago=90,
        path=(Status.GEKWALIFICEERD, Status.INTERN_OPGEPAKT, Status.AFGEROND),
    ),
    DemoSignal(
        "fietsen-centrum",
        "overig",
        Channel.ANONIEM,
        None,
        "Er worden steeds fietsen gestolen bij het station.",
        point=("51.56050", "5.08330"),
        days_ago=20,
        path=(Status.BUITEN_SCOPE,),
    ),
    DemoSignal(
        "graffiti-berkel",
        "overig",
        Channel.BURGER,
        "medewerker.tilburg",
        "Overlast van hangjongeren en graffiti bij het winkelcentrum.",
        point=("51.58500", "5.13800"),
        days_ago=120,
        path=(Status.BUITEN_SCOPE, Status.AFGEROND),
    ),
    DemoSignal(
        "intimidatie-stadhuis",
        "intimidatie",
        Channel.MEDEWERKER,
        "medewerker.tilburg",
        "Een aanvrager van een horecavergunning zei bij de balie dat hij 'wel weet waar de behandelaar woont'.",
        point=("51.55700", "5.09000"),
        days_ago=25,
        path=(Status.GEKWALIFICEERD,),
    ),
    DemoSignal(
        "opslag-loods",
        "drugsopslag",
        Channel.KETENPARTNER,
        "liaison.politie",
        "Zware vrachtwagens lossen 's nachts bij een loods die officieel leegstaat.",
        point=("51.60500", "5.14800"),
        indicators=["voertuigen", "leegstaande_schuur"],
        days_ago=4,
    ),
    DemoSignal(
        "omg-clubhuis",
        "omg",
        Channel.MEDEWERKER,
        "medewerker.tilburg",
        "Een motorclub wil een voormalige boerderij kopen als clubhuis; de koopsom wordt contant voldaan.",
        point=("51.59500", "5.12500"),
        indicators=["contant"],
        days_ago=10,
        path=(Status.GEKWALIFICEERD,),
    ),
    DemoSignal(
        "handel-overdue",
        "drugshandel",
        Channel.ANONIEM,
        None,
        "Bij het speeltuintje worden elke middag kleine zakjes overhandigd vanuit een scooter.",
        point=("51.56800", "5.07500"),
        days_ago=12,  # overdue: not qualified within five days
    ),
    DemoSignal(
        "asbest-hilvarenbeek",
        "asbestdumping",
        Channel.GEBIEDSPARTNER,
        "partner.zlto",
        "Golfplaten met asbest gestort aan de rand van een weiland bij de Reusel.",
        point=("51.48600", "5.13700"),
        days_ago=5,
    ),
    DemoSignal(
        "subsidie-hilvarenbeek",
        "subsidiefraude",
        Channel.MEDEWERKER,
        "gebied.hilvarenbeek",
        "Een stichting vraagt voor de derde keer subsidie aan voor hetzelfde buurtproject, telkens onder "
        "een andere naam.",
        municipality=HILVARENBEEK,
        days_ago=15,
    ),
    DemoSignal(
        "wapens-biest",
        "wapens",
        Channel.VERTROUWENSPERSOON,
        None,
        "Doorgemeld via een vertrouwenspersoon: in een schuur zouden vuurwapens worden bewaard.",
        point=("51.50500", "5.15000"),
        forwarded_reference="VP-2026-031",
        days_ago=2,
    ),
    DemoSignal(
        "mensenhandel-oisterwijk",
        "uitbuiting",
        Channel.ANONIEM,
        None,
        "Seizoenswerkers op een kwekerij werken zeven dagen per week en hun paspoorten zijn ingenomen.",
        point=("51.57900", "5.19000"),
        days_ago=7,
    ),
    DemoSignal(
        "vastgoed-oisterwijk",
        "vastgoedfraude",
        Channel.MEDEWERKER,
        "gebied.hilvarenbeek",
        "Een vakantiepark wisselt binnen een jaar drie keer van eigenaar tegen steeds hogere prijzen.",
        point=("51.55500", "5.26000"),
        days_ago=18,
    ),
    DemoSignal(
        "banditisme-oisterwijk",
        "mobiel_banditisme",
        Channel.BURGER,
        "medewerker.tilburg",
        "Bij verschillende boerderijen zijn in één week koperen leidingen en gereedschap gestolen.",
        municipality=OISTERWIJK,
        days_ago=11,
    ),
    DemoSignal(
        "cyber-tilburg",
        "cybercrime",
        Channel.DATA_ANALYSE,
        "medewerker.tilburg",
        "Uit de analyse van phishingmeldingen blijkt een cluster rond één verzonnen webwinkel.",
        municipality=TILBURG,
        days_ago=8,
        path=(Status.GEKWALIFICEERD,),
    ),
    DemoSignal(
        "adresfraude-tilburg",
        "adresfraude",
        Channel.MEDEWERKER,
        "medewerker.tilburg",
        "Op één adres staan twaalf personen ingeschreven die er volgens buren niet wonen.",
        point=("51.56200", "5.10500"),
        address=("Bedachtstraat", "3", "5017 ZZ", "Tilburg"),
        days_ago=1,
    ),
]

#: The schakelteam's decisions in the demo meeting (the other qualified signals stay on the agenda for later).
MEETING_DECISIONS: dict[str, tuple[str, str]] = {
    "aanhanger-berkel": (Status.EXTERN_DOORGEZET, "Politie heeft een lopend onderzoek naar deze aanhanger."),
    "schuur-biezenmortel": (Status.BRONNENONDERZOEK, "Concreet en recent; eerst hit/no-hit bij de partners."),
    "intimidatie-stadhuis": (
        Status.GEEN_ACTIE,
        "Opgepakt in het traject agressie en bedreiging; geen ondermijningsaanpak.",
    ),
    "wasserij-reeshof": (Status.INTERN_OPGEPAKT, "Toezicht en handhaving controleert de bedrijfsunit."),
    "witwassen-centrum": (Status.BRONNENONDERZOEK, "Patroon van aankopen; bronnenonderzoek gerechtvaardigd."),
}

#: After the meeting: the internal case gets its plan of approach, and a drug-waste dumping (whose anonymous
#: reporter is asked a question) is qualified for the next meeting.
AFTER_MEETING: dict[str, tuple[str, ...]] = {
    "wasserij-reeshof": (Status.PLAN_VAN_AANPAK,),
    "vaten-udenhout": (Status.GEKWALIFICEERD,),
}

CHECK_TEXT: dict[str, Any] = {
    "purpose": "Vaststellen of er sprake is van ondermijning en welke partner bevoegd is.",
    "necessity": "Zonder deze gegevens kan de gemeente haar taak niet uitvoeren.",
    "proportionality": "Alleen gegevens over het betrokken adres en bedrijf, niet over bewoners in het algemeen.",
    "subsidiarity": "Een gesprek of openbare bronnen geven onvoldoende beeld.",
    "retention": "Vijf jaar na afronding, daarna vernietigen.",
    "sources": "BRP, KvK, eigen vergunningendossier; eerst hit/no-hit.",
}


def _actor(username: str) -> Actor:
    return actor_for(user=User.objects.get(username=username))


def _create(spec: DemoSignal) -> Signal:
    reporter = _actor(spec.reporter) if spec.reporter else None
    street, house_number, postcode, city = spec.address or ("", "", "", "")
    data = SignalInput(
        channel=spec.channel,
        phenomenon=spec.phenomenon,
        description=spec.description,
        location_kind=(
            LocationKind.GEBIED if spec.point is None else LocationKind.ADRES if spec.address else LocationKind.PUNT
        ),
        indicators=list(spec.indicators),
        occurred_on=timezone.localdate() - timedelta(days=spec.days_ago + 1),
        street=street,
        house_number=house_number,
        postcode=postcode,
        city=city,
        latitude=Decimal(spec.point[0]) if spec.point else None,
        longitude=Decimal(spec.point[1]) if spec.point else None,
        municipality=Municipality.objects.get(code=spec.municipality) if spec.municipality else None,
        forwarded_reference=spec.forwarded_reference,
        subjects=[dict(s) for s in spec.subjects],
        drug_waste=dict(spec.drug_waste) if spec.drug_waste else None,
    )
    signal, _receipt = signal_create(actor=reporter, data=data)
    # Demo only: spread the arrival over the past weeks so terms, overdue lists and the map look real.
    # (No service moves a signal back in time, by design.)
    received = timezone.now() - timedelta(days=spec.days_ago)
    Signal.objects.filter(pk=signal.pk).update(
        received_at=received, acknowledge_due=received + timedelta(days=5), weigh_due=received + timedelta(days=28)
    )
    signal.refresh_from_db()
    return signal


def _checks(intake: Actor, signal: Signal, kinds: tuple[str, ...]) -> None:
    for kind in kinds:
        privacy_check_record(actor=intake, signal=signal, kind=kind, conclusion_positive=True, **CHECK_TEXT)


def _walk(intake: Actor, signal: Signal, path: tuple[str, ...], weigher: Actor | None = None) -> Signal:
    """Walk a signal along ``path``; weighing outcomes are taken by the schakelteam member when given."""
    reasons: dict[str, str] = {
        Status.BUITEN_SCOPE: "Geen ondermijning en geen gemeentelijke taak; doorverwezen naar de wijkagent.",
        Status.INTERN_OPGEPAKT: "Toezicht en handhaving neemt het op.",
        Status.PLAN_VAN_AANPAK: "Integrale controle met brandweer en toezicht.",
        Status.AFGEROND: "Afgehandeld; geen verdere actie nodig.",
    }
    for status in path:
        if status == Status.PLAN_VAN_AANPAK:
            _checks(intake, signal, (PrivacyCheckKind.CHECK_2A, PrivacyCheckKind.CHECK_2B))
        actor = weigher if weigher is not None and status in WEIGHING_OUTCOMES else intake
        signal = signal_transition(actor=actor, signal=signal, to_status=status, reason=reasons.get(status, ""))
    return signal


@transaction.atomic
def signals_demo_load() -> None:
    if Signal.objects.filter(description=SIGNALS[0].description).exists():
        return
    intake = _actor("meldpunt.tilburg")
    weigher = _actor("schakelteam.tilburg")
    made: dict[str, Signal] = {}
    for spec in SIGNALS:
        signal = _create(spec)
        # Only Tilburg has an intake team in the demo; signals elsewhere wait for theirs.
        if spec.path and signal.organisation_id == intake.organisation_id:
            signal = _walk(intake, signal, spec.path, weigher)
        made[spec.key] = signal

    # Source research needs privacy check 1 before the schakelteam can decide it.
    for key, (outcome, _reason) in MEETING_DECISIONS.items():
        if outcome == Status.BRONNENONDERZOEK:
            _checks(intake, made[key], (PrivacyCheckKind.CHECK_1,))
    meeting = meeting_create(actor=weigher, on=timezone.localdate() - timedelta(days=14))
    agenda = {str(item.signal.uuid) for item in meeting.items.select_related("signal")}
    meeting_decide(
        actor=weigher,
        meeting=meeting,
        decisions=[
            Decision(signal_uuid=str(made[key].uuid), outcome=outcome, reasoning=reason)
            for key, (outcome, reason) in MEETING_DECISIONS.items()
            if str(made[key].uuid) in agenda
        ],
    )
    for key, path in AFTER_MEETING.items():
        made[key] = _walk(intake, Signal.objects.get(pk=made[key].pk), path)
    message_to_reporter(
        actor=intake, signal=made["vaten-udenhout"], body="Heeft u gezien met welk voertuig de vaten zijn gebracht?"
    )
    legal_hold_set(
        actor=intake,
        signal=Signal.objects.get(pk=made["verhuur-noord"].pk),
        hold=True,
        reason="Bezwaarprocedure van de verhuurder loopt nog.",
    )


def demo_signal_count() -> int:
    return Signal.objects.filter(description__in=[s.description for s in SIGNALS]).count()
