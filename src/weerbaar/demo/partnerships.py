# SPDX-License-Identifier: EUPL-1.2
"""A synthetic rural area partnership (area A), built through the real services: "Buitengebied De Meierij"
around Boxtel, Sint-Michielsgestel, Meierijstad and Oisterwijk, led by Gemeente Boxtel.

Partners of every kind the rural handbook names take part, each with its representative: the
municipalities, the police, the safety region (fire service), the water board, Staatsbosbeheer, ZLTO, the
hunters (WBE), a contractor, the grid operator, the drinking-water company and an estate agent (agreed at
aggregate level: it sees only the figures). Directory entries, some with consent to share contact details,
a declaration of intent and a signed covenant, and two area alerts. All people and texts are invented.
Idempotent: does nothing when the partnership is already there.
"""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import Actor
from weerbaar.geo.models import Municipality
from weerbaar.organisations.models import Organisation
from weerbaar.partnerships import services
from weerbaar.partnerships.constants import AreaType, DataClass, DocumentKind, LegalBasis
from weerbaar.partnerships.models import Participant, Partnership

NAME = "Buitengebied De Meierij"
MUNICIPALITIES = ("GM0757", "GM0845", "GM1948", "GM0824")  # Boxtel, Sint-Michielsgestel, Meierijstad, Oisterwijk

# (organisation, ceiling, legal basis, representative username or None, function)
PARTICIPANTS: list[tuple[str, str, str, str | None, str]] = [
    (
        "Politie eenheid Oost-Brabant",
        DataClass.PERSOONLIJK,
        LegalBasis.CONVENANT,
        "wijkagent.boxtel",
        "Wijkagent buitengebied",
    ),
    (
        "Veiligheidsregio Brabant-Noord",
        DataClass.OPERATIONEEL,
        LegalBasis.CONVENANT,
        "brandweer.brabantnoord",
        "Brandweer, lid werkgroep",
    ),
    ("Gemeente Oisterwijk", DataClass.OPERATIONEEL, LegalBasis.CONVENANT, None, ""),
    ("Waterschap De Dommel", DataClass.OPERATIONEEL, LegalBasis.CONVENANT, "boa.dommel", "Handhaver (BOA)"),
    (
        "ZLTO afdeling Hart van Brabant",
        DataClass.OPERATIONEEL,
        LegalBasis.CONVENANT,
        "partner.zlto",
        "Namens de agrariërs",
    ),
    ("Staatsbosbeheer regio Zuid", DataClass.OPERATIONEEL, LegalBasis.CONVENANT, "boswachter.sbb", "Boswachter"),
    ("WBE De Meierij", DataClass.OPERATIONEEL, LegalBasis.CONVENANT, "jager.wbe", "Namens de jagers"),
    (
        "Loonbedrijf Van den Broek (fictief)",
        DataClass.OPERATIONEEL,
        LegalBasis.CONVENANT,
        "loonwerker.demo",
        "Loonwerker",
    ),
    (
        "Netbeheerder Zuid (fictief)",
        DataClass.OPERATIONEEL,
        LegalBasis.CONVENANT,
        "netbeheer.demo",
        "Meldingen stroomverbruik",
    ),
    (
        "Drinkwaterbedrijf Brabant (fictief)",
        DataClass.OPERATIONEEL,
        LegalBasis.CONVENANT,
        "drinkwater.demo",
        "Bescherming waterwingebied",
    ),
    (
        "Makelaardij Het Groene Woud (fictief)",
        DataClass.AGGREGAAT,
        LegalBasis.GEEN,
        "makelaar.demo",
        "Agrarisch vastgoed",
    ),
]

# (organisation, entry data) — coordinates inside the area, kept at about 100 m by the service.
ENTRIES: list[tuple[str, dict[str, Any]]] = [
    (
        "Politie eenheid Oost-Brabant",
        {
            "description": "Het wijkteam Boxtel-Buitengebied: aanspreekpunt voor agrariërs en bewoners.",
            "expertise": "drugsafval, hennepteelt, verdachte voertuigen",
            "offers": "Voorlichting op ledenavonden, een schouw samen met de gemeente.",
            "reachability": "Spoed: 112. Geen spoed: via het algemene nummer van de politie, vraag naar het wijkteam.",
            "contact_name": "Wijkteam Boxtel-Buitengebied",
            "contact_phone": "0900-8844",
            "contact_consent": True,
            "latitude": Decimal("51.5912"),
            "longitude": Decimal("5.3270"),
        },
    ),
    (
        "ZLTO afdeling Hart van Brabant",
        {
            "description": "Belangenbehartiger van de agrariërs in de Meierij.",
            "expertise": "schuren, huuraanbod, vertrouwenspersoon",
            "offers": "Een vertrouwenspersoon voor boeren die benaderd worden; het modelhuurcontract voor schuren.",
            "reachability": "Op werkdagen overdag.",
            "contact_name": "Gerrit Hendriks",
            "contact_email": "meierij@zlto.demo.weerbaar.invalid",
            "contact_consent": True,
            "latitude": Decimal("51.6310"),
            "longitude": Decimal("5.4590"),
        },
    ),
    (
        "WBE De Meierij",
        {
            "description": "Jagers die het veld 's nachts kennen.",
            "expertise": "nachtelijke waarnemingen, wild, drugsafval",
            "offers": "Waarnemingen in het veld, vooral 's avonds en 's nachts.",
            "reachability": "Via het secretariaat van de WBE.",
            "contact_consent": False,
        },
    ),
    (
        "Staatsbosbeheer regio Zuid",
        {
            "description": "Beheerder van de bossen en heide rond Boxtel en Esch.",
            "expertise": "natuurgebieden, afvaldumping, stroperij",
            "offers": "Kennis van afgelegen paden en parkeerplaatsen.",
            "reachability": "Via de boswachter van dienst.",
            "contact_name": "Boswachter Kampina",
            "contact_email": "kampina@sbb.demo.weerbaar.invalid",
            "contact_consent": True,
            "latitude": Decimal("51.5680"),
            "longitude": Decimal("5.2680"),
        },
    ),
    (
        "Waterschap De Dommel",
        {
            "description": "Waterbeheer van de Dommel en de Essche Stroom.",
            "expertise": "lozingen, oevers, drugsafval",
            "offers": "Meldingen van verontreiniging van sloten en beken.",
            "reachability": "Storingsdienst dag en nacht.",
            "contact_name": "Handhaving Waterschap",
            "contact_phone": "040 259 9999",
            "contact_consent": True,
            "latitude": Decimal("51.6050"),
            "longitude": Decimal("5.3350"),
        },
    ),
    (
        "Loonbedrijf Van den Broek (fictief)",
        {
            "description": "Loonwerk en grondverzet in het buitengebied.",
            "expertise": "grondverzet, afvaldumping",
            "offers": "Snel materieel ter plaatse na een dumping.",
            "contact_consent": False,
            "latitude": Decimal("51.6100"),
            "longitude": Decimal("5.4100"),
        },
    ),
]

ALERTS: list[tuple[str, dict[str, Any]]] = [
    (
        "wijkagent.boxtel",
        {
            "theme": "drugsafval",
            "text": (
                "Langs een zandpad tussen Boxtel en Esch zijn vaten met drugsafval aangetroffen. De vaten zijn "
                "inmiddels opgeruimd; er kunnen er meer liggen."
            ),
            "location_text": "Zandpad tussen Boxtel en Esch",
            "latitude": Decimal("51.6060"),
            "longitude": Decimal("5.3020"),
            "guidance": "Raak vaten of jerrycans nooit aan: de dampen zijn giftig. Bel 112 als u ze ziet.",
        },
    ),
    (
        "gebied.boxtel",
        {
            "theme": "huuraanbod",
            "text": (
                "De afgelopen week zijn meerdere agrariërs in de Meierij benaderd om een leegstaande schuur te "
                "verhuren tegen contante betaling, zonder vragen."
            ),
            "location_text": "Meierijstad en Boxtel",
            "guidance": (
                "Ga er niet op in. Praat erover met de vertrouwenspersoon van ZLTO, of meld het anoniem bij "
                "Meld Misdaad Anoniem (0800-7000)."
            ),
        },
    ),
]


def _as(username: str, organisation: Organisation | None = None) -> Actor:
    user = User.objects.get(username=username)
    return actor_for(user=user, organisation_uuid=organisation.uuid if organisation else None)


@transaction.atomic
def partnerships_demo_load() -> None:
    if Partnership.objects.filter(name=NAME).exists():
        return
    facilitator = _as("gebied.boxtel")
    partnership = services.partnership_create(
        actor=facilitator,
        name=NAME,
        area_type=AreaType.BUITENGEBIED,
        objectives=(
            "Elkaar kennen en vertrouwen; samen drugsafvaldumpingen, criminele huur van schuren en "
            "vermogenscriminaliteit in het buitengebied terugdringen; agrariërs steunen die benaderd worden."
        ),
        decision_agreements="De werkgroep besluit bij meerderheid; de gemeente Boxtel is trekker.",
        communication_agreements=(
            "Gebiedsberichten alleen via Weerbaar, zonder namen of kentekens; de SAAR-regel voor de appgroepen."
        ),
        municipalities=list(Municipality.objects.filter(code__in=MUNICIPALITIES)),
    )
    participants: dict[str, Participant] = {}
    for name, ceiling, basis, username, function in PARTICIPANTS:
        organisation = Organisation.objects.get(name=name)
        participant = services.participant_add(
            actor=facilitator,
            partnership=partnership,
            organisation=organisation,
            ceiling=ceiling,
            legal_basis=basis,
            joined_at=timezone.localdate() - timedelta(days=120),
        )
        participants[name] = participant
        if username:
            services.representative_add(
                actor=facilitator, participant=participant, user=User.objects.get(username=username), function=function
            )
    chair = User.objects.get(username="wijkagent.boxtel")
    services.partnership_update(
        actor=facilitator, partnership=partnership, expected_version=None, data={"chair": chair}
    )
    for name, data in ENTRIES:
        participant = participants[name]
        representative = participant.representatives.get()
        services.directory_entry_save(
            actor=actor_for(user=representative.user, organisation_uuid=participant.organisation.uuid),
            participant=participant,
            expected_version=None,
            data=data,
        )
    lead = partnership.participants.get(organisation=partnership.lead_organisation)
    everyone = [lead, *participants.values()]
    services.document_add(
        actor=facilitator,
        partnership=partnership,
        kind=DocumentKind.INTENTIEVERKLARING,
        signed_on=timezone.localdate() - timedelta(days=110),
        signatories=everyone,
    )
    # The estate agent joined later and has not signed the covenant yet: the readiness check names it.
    services.document_add(
        actor=facilitator,
        partnership=partnership,
        kind=DocumentKind.CONVENANT,
        signed_on=timezone.localdate() - timedelta(days=60),
        signatories=[p for p in everyone if p.organisation.name != "Makelaardij Het Groene Woud (fictief)"],
    )
    for username, data in ALERTS:
        services.alert_send(actor=_as(username), partnership=partnership, **data)
