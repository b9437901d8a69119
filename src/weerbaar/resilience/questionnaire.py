# SPDX-License-Identifier: EUPL-1.2
"""The questionnaire of the resilience scan, version 1, as data.

The text is stored in Dutch, in the database, not translated through gettext: a published version is a
document the organisations answered, and a later change of a translation must not change what a scan
asked. A new wording is a new version (``ScanModel.version``); the pages' own text goes through gettext.

Each topic is a vulnerable process or a cross-cutting theme with its questions, and the measures the scan
recommends when the topic scores weakly. Each question has five level descriptors (0 to 4); where a question
gives none, it takes the general maturity ladder below.
"""

from typing import Any, Final

#: The general maturity ladder (0 to 4).
LADDER: Final = (
    "Niet aanwezig: er is niets geregeld en het risico is niet in beeld.",
    "Ad hoc: er gebeurt iets, afhankelijk van personen, zonder vastgelegde afspraken.",
    "Vastgelegd: er is beleid of een werkwijze op papier, maar de uitvoering wisselt.",
    "Werkt: de werkwijze wordt in de praktijk toegepast en periodiek getoetst.",
    "Geborgd: de werkwijze is ingebed, wordt geëvalueerd en aantoonbaar verbeterd.",
)


def _q(
    key: str, text: str, guidance: str, *, evidence: bool = True, levels: tuple[str, ...] = LADDER
) -> dict[str, Any]:
    return {"key": key, "text": text, "guidance": guidance, "evidence": evidence, "levels": list(levels)}


_COMMON_PROCESS = (
    _q(
        "risicoanalyse",
        "Is voor dit proces een analyse gemaakt van de kwetsbaarheden voor criminele beïnvloeding?",
        "Denk aan een risicoanalyse per processtap: waar kan iemand van buiten of binnen misbruik maken?",
    ),
    _q(
        "functiescheiding",
        "Zijn functiescheiding en het vier-ogenprincipe geregeld bij de kwetsbare stappen?",
        "Bijvoorbeeld: wie beoordeelt, wie beslist en wie betaalt zijn verschillende mensen.",
    ),
    _q(
        "signalen",
        "Weten medewerkers in dit proces welke signalen van ondermijning zij kunnen tegenkomen en waar zij die melden?",
        "Bijvoorbeeld een signalenkaart of werkinstructie en een bekend meldpunt.",
        levels=(
            "Niemand weet welke signalen er zijn of waar je ze meldt.",
            "Enkele medewerkers kennen signalen, uit eigen ervaring.",
            "Er is een signalenlijst en een meldpunt, maar die zijn niet bij iedereen bekend.",
            "Medewerkers kennen de signalen en melden; meldingen worden opgevolgd.",
            "Signalen worden structureel gemeld, teruggekoppeld en gebruikt om het proces te verbeteren.",
        ),
    ),
)

_PROCESSES: Final = (
    (
        "financiele-transacties",
        "Financiële transacties",
        "Betalingen, subsidies- en leveranciersbetalingen, contante gelden.",
        (
            "Stel een betaalprotocol op met controle op afwijkende betalingen en begunstigden.",
            "Controleer wijzigingen van bankrekeningnummers van crediteuren altijd bij de bron.",
        ),
    ),
    (
        "inkoop-aanbesteding",
        "Inkoop en aanbesteding",
        "Van inkoopbehoefte tot contractbeheer.",
        (
            "Neem integriteitsverklaringen en een Bibob-toets op in aanbestedingen boven een drempel.",
            "Laat contractwijzigingen beoordelen door iemand die niet bij de gunning betrokken was.",
        ),
    ),
    (
        "subsidies",
        "Subsidieverlening",
        "Aanvraag, beoordeling, vaststelling en controle van subsidies.",
        (
            "Toets aanvragers en hun bestuurders bij nieuwe of grote subsidies.",
            "Voer steekproefsgewijze controles uit op de besteding.",
        ),
    ),
    (
        "reisdocumenten",
        "Reisdocumenten en rijbewijzen",
        "Aanvraag en uitgifte van identiteitsdocumenten.",
        (
            "Train baliemedewerkers in het herkennen van look-alike-fraude en vermissingsmeldingen.",
            "Stel een maximum aan herhaalde vermissingen per persoon en bespreek afwijkingen.",
        ),
    ),
    (
        "vergunningen",
        "Vergunningen en ontheffingen",
        "Horeca, evenementen, bouw, exploitatie.",
        (
            "Pas de Bibob-beleidslijn toe op de branches die in het ondermijningsbeeld kwetsbaar zijn.",
            "Laat vergunningen in kwetsbare branches door twee behandelaars beoordelen.",
        ),
    ),
    (
        "informatie",
        "Persoonlijke en strategische informatie",
        "Toegang tot dossiers, systemen en vertrouwelijke stukken.",
        (
            "Beperk toegang tot dossiers tot wie ze nodig heeft en log raadplegingen.",
            "Controleer periodiek afwijkend raadpleeggedrag.",
        ),
    ),
    (
        "brp",
        "Basisregistratie personen",
        "Inschrijvingen, adreswijzigingen en adresonderzoek.",
        (
            "Voer adresonderzoek uit bij veel inschrijvingen op één adres.",
            "Werk samen met de handhaving bij signalen van adresfraude en uitbuiting.",
        ),
    ),
    (
        "toezicht-handhaving",
        "Toezicht en handhaving",
        "Controles, inspecties, sancties.",
        (
            "Roteer toezichthouders in kwetsbare gebieden en branches.",
            "Leg handhavingsbeslissingen en afwijkingen van het beleid vast met motivering.",
        ),
    ),
)

_THEMES: Final = (
    (
        "bewustzijn",
        "Bewustzijn van medewerkers",
        (
            _q(
                "training",
                "Volgen medewerkers in kwetsbare functies een bewustwordingstraining over ondermijning?",
                "Denk aan een verplichte module bij indiensttreding en een herhaling.",
            ),
            _q(
                "dilemma",
                "Worden dilemma's rond benadering en beïnvloeding in teams besproken?",
                "Bijvoorbeeld met dilemmakaarten in het werkoverleg.",
                evidence=False,
            ),
        ),
        (
            "Maak de bewustwordingstraining verplicht voor kwetsbare functies.",
            "Bespreek twee keer per jaar een dilemma in ieder team.",
        ),
    ),
    (
        "informatiepositie",
        "Informatiepositie",
        (
            _q(
                "ondermijningsbeeld",
                "Heeft de organisatie een actueel ondermijningsbeeld?",
                "Een beeld van de criminele activiteiten en kwetsbaarheden in de gemeente, met het RIEC opgesteld.",
            ),
            _q(
                "delen",
                "Worden signalen intern verzameld en met partners gedeeld binnen de wettelijke kaders?",
                "Bijvoorbeeld via het meldpunt en het RIEC-convenant.",
            ),
        ),
        (
            "Laat met het RIEC een ondermijningsbeeld opstellen en actualiseer het jaarlijks.",
            "Richt een intern meldpunt voor signalen in.",
        ),
    ),
    (
        "instrumenten",
        "Bestuurlijke instrumenten",
        (
            _q(
                "bibob",
                "Is er een actuele Bibob-beleidslijn die ook wordt toegepast?",
                "Welke branches en vergunningen vallen eronder, en hoe vaak wordt een toets gedaan?",
            ),
            _q(
                "sluiting",
                "Zijn sluitingsbeleid en de APV-bepalingen tegen ondermijning vastgesteld en bekend bij toezicht?",
                "Bijvoorbeeld artikel 13b Opiumwet en een sluitingsbevoegdheid in de APV.",
            ),
        ),
        (
            "Actualiseer de Bibob-beleidslijn op basis van het ondermijningsbeeld.",
            "Stel sluitingsbeleid vast en oefen de toepassing met toezicht.",
        ),
    ),
    (
        "integriteit",
        "Integriteit",
        (
            _q(
                "screening",
                "Worden kandidaten en medewerkers in kwetsbare functies gescreend?",
                "Zelfevaluatie, vragenlijst, referentie- of antecedentenonderzoek.",
            ),
            _q(
                "melden",
                "Is er een vertrouwenspersoon en een veilige manier om vermoedens van integriteitsschendingen te "
                "melden?",
                "Een meldregeling, een vertrouwenspersoon en opvolging van meldingen.",
            ),
        ),
        (
            "Wijs kwetsbare functies aan en screen bij aanstelling en periodiek.",
            "Maak de meldregeling en de vertrouwenspersoon bekend bij alle medewerkers.",
        ),
    ),
    (
        "bescherming",
        "Bescherming van medewerkers",
        (
            _q(
                "agressie",
                "Is er een protocol voor bedreiging, intimidatie en omkoping van medewerkers?",
                "Met wie te melden, wie opvolgt en welke steun een medewerker krijgt.",
            ),
            _q(
                "afscherming",
                "Worden persoonsgegevens van medewerkers in kwetsbare functies afgeschermd?",
                "Bijvoorbeeld geen volledige namen op besluiten of een personeelsnummer in plaats van een naam.",
            ),
        ),
        (
            "Stel een protocol vast voor bedreiging en intimidatie van medewerkers en oefen het.",
            "Scherm namen van medewerkers in kwetsbare functies af op besluiten en in correspondentie.",
        ),
    ),
)


def version_1() -> dict[str, Any]:
    """The first published version: eight vulnerable processes and five cross-cutting themes."""
    topics: list[dict[str, Any]] = []
    for key, name, description, measures in _PROCESSES:
        topics.append(
            {
                "kind": "proces",
                "key": key,
                "name": name,
                "description": description,
                "measures": list(measures),
                "questions": list(_COMMON_PROCESS),
            }
        )
    for key, name, questions, measures in _THEMES:
        topics.append(
            {
                "kind": "thema",
                "key": key,
                "name": name,
                "description": "",
                "measures": list(measures),
                "questions": list(questions),
            }
        )
    return {"version": 1, "title": "Weerbaarheidsscan kwetsbare processen", "topics": topics}


def install(get_model: Any, data: dict[str, Any], *, published: bool = True) -> Any:
    """Store one version of the questionnaire (nothing when that version exists). ``get_model`` is
    ``apps.get_model`` of a migration or of the running project, so the data migration and the tests use it."""
    scan_model_cls = get_model("resilience", "ScanModel")
    topic_cls = get_model("resilience", "Topic")
    question_cls = get_model("resilience", "ScanQuestion")
    existing = scan_model_cls.objects.filter(version=data["version"]).first()
    if existing is not None:
        return existing
    scan_model = scan_model_cls.objects.create(version=data["version"], title=data["title"], published=published)
    for position, topic_data in enumerate(data["topics"], start=1):
        topic = topic_cls.objects.create(
            scan_model=scan_model,
            kind=topic_data["kind"],
            key=topic_data["key"],
            name=topic_data["name"],
            description=topic_data["description"],
            position=position,
            measures=topic_data["measures"],
        )
        question_cls.objects.bulk_create(
            question_cls(
                topic=topic,
                key=q["key"],
                position=number,
                text=q["text"],
                guidance=q["guidance"],
                levels=q["levels"],
                evidence_requested=q["evidence"],
            )
            for number, q in enumerate(topic_data["questions"], start=1)
        )
    return scan_model
