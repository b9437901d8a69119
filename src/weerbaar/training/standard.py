# SPDX-License-Identifier: EUPL-1.2
"""The module shipped with Weerbaar: recognising undermining at the counter and in the field, what to do
when approached or threatened, and how to report it. Written in Dutch, for the staff who read it; loaded by
migration 0002 as a published module without an organisation, so every municipality can assign it.

The content is data, not translated text: a municipality that wants other words writes its own module.
"""

from typing import Any, Final

TITLE: Final = "Ondermijning herkennen en melden"
SUMMARY: Final = (
    "Hoe herkent u ondermijning aan de balie en op straat, wat doet u als u benaderd of bedreigd wordt, en hoe "
    "meldt u het in Weerbaar? Ongeveer twintig minuten, met zes praktijkvragen en vier dilemma's."
)
PASS_MARK: Final = 70

PAGES: Final[list[tuple[str, str]]] = [
    (
        "Waarom deze training?",
        (
            "Criminelen hebben de gemeente nodig: een vergunning, een inschrijving, een subsidie, een pand, een "
            "oogje dat wordt dichtgeknepen. Zij zoeken daarvoor mensen die hen kunnen helpen, vaak zonder dat die "
            "mensen dat zelf doorhebben.\n\n"
            "U bent geen opsporingsambtenaar en dat hoeft u ook niet te worden. Wel bent u vaak de eerste die iets "
            "ziet dat niet klopt. Deze training helpt u dat te herkennen, er veilig mee om te gaan en het te melden "
            "bij wie er iets mee kan."
        ),
    ),
    (
        "Signalen aan de balie",
        (
            "Let op aanvragen die niet bij de aanvrager lijken te passen: iemand zonder zichtbaar inkomen die een "
            "horecavergunning aanvraagt, een bedrijf met steeds wisselende bestuurders, of veel inschrijvingen op "
            "één adres.\n\n"
            'Let ook op gedrag: haast en druk ("het moet vandaag"), contant willen betalen, een tussenpersoon die '
            "het woord doet, of iemand die precies wil weten wie de aanvraag behandelt en wanneer.\n\n"
            "Eén signaal zegt weinig. Een combinatie van signalen, of een gevoel dat iets niet klopt, is reden "
            "genoeg om het te melden. Beoordelen doet een ander."
        ),
    ),
    (
        "Signalen in het veld",
        (
            "Buiten ziet u andere dingen: een bedrijfspand waar nooit iemand werkt maar dat wel zwaar beveiligd "
            "is, afgeplakte ramen, een sterke chemische geur, veel verkeer op vreemde tijden, of jerrycans en "
            "vaten in een sloot of aan de rand van een bos.\n\n"
            "Bij een woning kan het gaan om veel wisselende bewoners, matrassen achter ramen of een hoog "
            "stroomverbruik. Bij een winkel om weinig klanten en toch een ruime omzet.\n\n"
            "Ga nooit zelf op onderzoek uit en raak geen vaten of afval aan: drugsafval is giftig en kan "
            "ontploffen. Noteer wat u zag, waar en wanneer, en meld het."
        ),
    ),
    (
        "Als u benaderd wordt",
        (
            'Benadering begint vaak klein: een compliment, een cadeautje, een uitnodiging, een vraag om "even" '
            "iets op te zoeken. Daarna wordt het verzoek groter, en dan is er soms al iets waarmee u onder druk "
            "gezet kunt worden.\n\n"
            "Neem nooit iets aan, zoek niets op wat u niet voor uw werk nodig hebt, en beloof niets. Zeg dat u het "
            "verzoek niet kunt behandelen en vertel het dezelfde dag aan uw leidinggevende of de "
            "integriteitscoördinator.\n\n"
            "U doet niets verkeerd door het te melden, ook niet als u eerst ja hebt gezegd. Hoe eerder u het "
            "vertelt, hoe beter de organisatie u kan beschermen."
        ),
    ),
    (
        "Als u bedreigd wordt",
        (
            "Bij direct gevaar belt u 112. Breng uzelf in veiligheid; uw eigen veiligheid gaat voor alles.\n\n"
            "Een bedreiging via de telefoon, e-mail of sociale media bewaart u: maak een schermafdruk en noteer "
            "datum, tijd en wat er gezegd werd. Gooi niets weg.\n\n"
            "Meld elke bedreiging, ook als die u klein lijkt. De veiligheidscoördinator beoordeelt wat nodig is, "
            "zoals aangifte, extra beveiliging of het afschermen van uw gegevens. U staat er niet alleen voor."
        ),
    ),
    (
        "Melden in Weerbaar",
        (
            'Een vermoeden van ondermijning meldt u in Weerbaar via "Melding doen". Beschrijf wat u zag, waar en '
            "wanneer. Het meldpunt beoordeelt de melding en u kunt de voortgang van uw eigen meldingen volgen.\n\n"
            'Een bedreiging, intimidatie of agressie tegen uzelf of een collega meldt u via "Incident melden". '
            "Die meldingen staan apart van de andere meldingen en worden alleen gezien door wie u moet helpen.\n\n"
            "Twijfelt u of iets een melding waard is? Meld het toch, of vraag het de integriteitscoördinator. "
            "Een melding die niets blijkt te zijn, kost weinig; een signaal dat niemand meldt, kan veel kosten."
        ),
    ),
]

#: (situation, question, [(option, right answer, feedback), ...])
SCENARIOS: Final[list[tuple[str, str, list[tuple[str, bool, str]]]]] = [
    (
        (
            "Een man vraagt aan de balie een exploitatievergunning aan voor een shishalounge. Hij wil de leges "
            "contant betalen en zegt dat een 'vriend' de aanvraag verder regelt. De vriend staat buiten te wachten."
        ),
        "Wat doet u?",
        [
            (
                "Ik behandel de aanvraag zoals altijd en meld mijn waarneming in Weerbaar.",
                True,
                (
                    "Goed. U behandelt de aanvraag volgens de regels en legt vast wat u opviel; het meldpunt "
                    "beoordeelt of het samen met andere signalen iets betekent."
                ),
            ),
            (
                "Ik weiger de aanvraag omdat het er verdacht uitziet.",
                False,
                "Niet doen. U mag een aanvraag niet weigeren op een gevoel. Behandel hem gewoon en meld wat u opviel.",
            ),
            (
                "Ik loop naar buiten om de vriend te vragen wie hij is.",
                False,
                "Niet doen. U gaat niet zelf op onderzoek uit; dat kan gevaarlijk zijn en een onderzoek verstoren.",
            ),
        ],
    ),
    (
        (
            "Een inwoner die u vaker helpt, geeft u na afloop een envelop 'voor de moeite'. Er zit een cadeaubon "
            "van 50 euro in."
        ),
        "Wat doet u?",
        [
            (
                "Ik bedank vriendelijk, geef de envelop terug en vertel het mijn leidinggevende.",
                True,
                "Goed. Een geschenk kan het begin zijn van een afhankelijkheid; teruggeven en melden beschermt u.",
            ),
            (
                "Ik neem hem aan; 50 euro is een klein bedrag.",
                False,
                (
                    "Liever niet. Ook kleine geschenken kunnen bedoeld zijn om later iets terug te vragen. Houd u "
                    "aan de regels van uw gemeente over geschenken."
                ),
            ),
            (
                "Ik neem hem aan en deel hem met het team.",
                False,
                "Dat maakt het niet beter: de gever kan er nog steeds iets voor terug verwachten.",
            ),
        ],
    ),
    (
        "Tijdens een controle ziet u achter een loods vijf blauwe vaten staan. Er hangt een scherpe anijsachtige geur.",
        "Wat doet u?",
        [
            (
                "Ik blijf op afstand, noteer locatie en tijd en meld het direct.",
                True,
                "Goed. Dit kan drugsafval zijn: giftig en soms explosief. Afstand houden en melden is het juiste.",
            ),
            (
                "Ik draai een dop los om te ruiken wat erin zit.",
                False,
                "Gevaarlijk. Dampen van drugsafval kunnen u ernstig schaden. Raak niets aan.",
            ),
            (
                "Ik maak van dichtbij foto's van de etiketten.",
                False,
                "Niet dichterbij gaan dan nodig. Foto's van een afstand mogen, uw veiligheid gaat voor.",
            ),
        ],
    ),
    (
        (
            "Een oud-klasgenoot belt u op uw werk. Hij vraagt of u 'even' kunt nakijken wie er op een bepaald adres "
            "staat ingeschreven. Hij biedt aan u daarna mee uit eten te nemen."
        ),
        "Wat doet u?",
        [
            (
                "Ik zeg dat ik dat niet mag en meld het verzoek aan de integriteitscoördinator.",
                True,
                (
                    "Goed. Gegevens opzoeken zonder werkreden mag nooit, en dit soort verzoeken zijn precies hoe "
                    "criminelen informatie verzamelen."
                ),
            ),
            (
                "Ik kijk het na, het is maar een adres.",
                False,
                "Nee. Dit is misbruik van uw toegang en kan iemand in gevaar brengen.",
            ),
            (
                "Ik zeg nee, maar meld het niet; er is toch niets gebeurd.",
                False,
                "Nee zeggen is goed, maar meld het ook: misschien benadert dezelfde persoon ook collega's.",
            ),
        ],
    ),
    (
        "Na een afgewezen vergunningaanvraag krijgt u een bericht via sociale media: 'We weten waar je woont.'",
        "Wat doet u?",
        [
            (
                "Ik maak een schermafdruk en meld het als incident in Weerbaar.",
                True,
                "Goed. Bewaar het bewijs en meld het; de veiligheidscoördinator bekijkt met u wat nodig is.",
            ),
            (
                "Ik verwijder het bericht en blokkeer de afzender.",
                False,
                "Blokkeren mag, maar bewaar eerst het bewijs en meld het. Zonder bewijs is aangifte lastig.",
            ),
            (
                "Ik stuur een bericht terug dat ik aangifte ga doen.",
                False,
                "Liever niet reageren. Meld het en laat de vervolgstappen aan de veiligheidscoördinator.",
            ),
        ],
    ),
    (
        (
            "Een collega vertelt u dat hij al maanden door een ondernemer wordt 'geholpen' met klusjes aan zijn huis, "
            "dezelfde ondernemer wiens vergunningen hij behandelt."
        ),
        "Wat doet u?",
        [
            (
                "Ik raad hem aan het te melden en bespreek het, als hij dat niet doet, met de integriteitscoördinator.",
                True,
                (
                    "Goed. De integriteitscoördinator kan vertrouwelijk advies geven en de collega beschermen "
                    "tegen verdere druk."
                ),
            ),
            (
                "Ik houd het voor me; het is zijn zaak.",
                False,
                "Dat laat uw collega en de gemeente kwetsbaar. Zoek vertrouwelijk advies.",
            ),
        ],
    ),
]

#: (title, dilemma, considerations one per line)
DILEMMAS: Final[list[tuple[str, str, str]]] = [
    (
        "De vriendelijke ondernemer",
        (
            "Een ondernemer die u al jaren kent, vraagt of zijn aanvraag 'bovenop de stapel' kan. Hij heeft u nooit "
            "iets gevraagd en zijn bedrijf lijkt in orde."
        ),
        (
            "Behandelt u iedereen in dezelfde volgorde?\n"
            "Wat als een collega dit van u hoort?\n"
            "Waar ligt de grens tussen klantvriendelijk en voortrekken?"
        ),
    ),
    (
        "Het verjaardagsfeest",
        (
            "U wordt uitgenodigd voor het verjaardagsfeest van een buurman. U weet dat hij een handhavingszaak bij "
            "uw afdeling heeft lopen."
        ),
        (
            "Gaat u, en zo ja: bespreekt u het vooraf met uw leidinggevende?\n"
            "Wat zegt u als hij over zijn zaak begint?\n"
            "Zou u zich na het feest nog onbevangen voelen in zijn zaak?"
        ),
    ),
    (
        "De druk van de collega",
        (
            "Een ervaren collega zegt dat u 'niet zo moeilijk moet doen' over een ontbrekend stuk bij een aanvraag. "
            "Zo doen we dat hier altijd."
        ),
        (
            "Wie is verantwoordelijk voor de aanvraag die u afhandelt?\n"
            "Kunt u het bespreken zonder de collega af te vallen?\n"
            "Wat betekent 'zo doen we dat altijd' als het misgaat?"
        ),
    ),
    (
        "Angst om te melden",
        (
            "U vermoedt dat een pand in uw wijk voor drugsproductie wordt gebruikt, maar u woont zelf om de hoek en "
            "bent bang dat men achterhaalt dat u het meldde."
        ),
        (
            "Wat weet u over hoe een melding wordt afgeschermd?\n"
            "Met wie kunt u vertrouwelijk overleggen voordat u meldt?\n"
            "Wat kost het als niemand iets zegt?"
        ),
    ),
]


def install(apps: Any) -> None:
    """Store the shipped module, published, unless it is there (``apps``: a migration's or Django's registry).

    The migration calls it; so does the demo, because a test that empties the database removes it too.
    """
    from django.utils import timezone

    Module = apps.get_model("training", "Module")
    if Module.objects.filter(organisation__isnull=True, title=TITLE).exists():
        return
    module = Module.objects.create(
        title=TITLE, summary=SUMMARY, pass_mark=PASS_MARK, status="gepubliceerd", published_at=timezone.now()
    )
    Page = apps.get_model("training", "Page")
    Scenario = apps.get_model("training", "Scenario")
    ScenarioOption = apps.get_model("training", "ScenarioOption")
    DilemmaCard = apps.get_model("training", "DilemmaCard")
    for position, (title, body) in enumerate(PAGES, start=1):
        Page.objects.create(module=module, position=position, title=title, body=body)
    for position, (situation, question, options) in enumerate(SCENARIOS, start=1):
        scenario = Scenario.objects.create(module=module, position=position, situation=situation, question=question)
        for number, (text, correct, feedback) in enumerate(options, start=1):
            ScenarioOption.objects.create(
                scenario=scenario, position=number, text=text, correct=correct, feedback=feedback
            )
    for position, (title, dilemma, considerations) in enumerate(DILEMMAS, start=1):
        DilemmaCard.objects.create(
            module=module, position=position, title=title, dilemma=dilemma, considerations=considerations
        )
