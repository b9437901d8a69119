# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary of signals (docs/domain.md §4): phenomena, indicators, channels, the weighing workflow."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.transitions import Transitions


class Phenomenon(models.TextChoices):
    HENNEPTEELT = "hennepteelt", _("Cannabis cultivation")
    DRUGSLAB = "drugslab", _("Drug lab")
    COCAINEWASSERIJ = "cocainewasserij", _("Cocaine washing facility")
    DRUGSOPSLAG = "drugsopslag", _("Drug storage")
    DRUGSHANDEL = "drugshandel", _("Drug dealing")
    DRUGSAFVALDUMPING = "drugsafvaldumping", _("Drug-waste dumping")
    WITWASSEN = "witwassen", _("Money laundering")
    ONVERKLAARBAAR_VERMOGEN = "onverklaarbaar_vermogen", _("Unexplained wealth")
    ZORGFRAUDE = "zorgfraude", _("Healthcare fraud")
    SUBSIDIEFRAUDE = "subsidiefraude", _("Subsidy fraud")
    VASTGOEDFRAUDE = "vastgoedfraude", _("Real-estate fraud")
    MALAFIDE_VERHUUR = "malafide_verhuur", _("Rogue letting")
    HUISVESTING_ARBEIDSMIGRANTEN = "huisvesting_arbeidsmigranten", _("Housing of labour migrants")
    ADRESFRAUDE = "adresfraude", _("Address fraud")
    MENSENHANDEL = "mensenhandel", _("Human trafficking")
    MENSENSMOKKEL = "mensensmokkel", _("People smuggling")
    UITBUITING = "uitbuiting", _("Labour exploitation")
    OMG = "omg", _("Outlaw motorcycle gang")
    CRIMINELE_FAMILIES = "criminele_families", _("Crime family")
    MOBIEL_BANDITISME = "mobiel_banditisme", _("Mobile banditry")
    VERMOGENSCRIMINALITEIT_BUITENGEBIED = "vermogenscriminaliteit_buitengebied", _("Rural property crime")
    AFVALDUMPING = "afvaldumping", _("Waste dumping")
    ASBESTDUMPING = "asbestdumping", _("Asbestos dumping")
    INTIMIDATIE = "intimidatie", _("Intimidation")
    AFPERSING = "afpersing", _("Extortion")
    OMKOPING = "omkoping", _("Bribery")
    WAPENS = "wapens", _("Weapons")
    CYBERCRIME = "cybercrime", _("Cybercrime")
    OVERIG = "overig", _("Other")


class Indicator(models.TextChoices):
    """Rural indicators of undermining (docs/domain.md §4)."""

    LEEGSTAANDE_SCHUUR = "leegstaande_schuur", _("Vacant barn with activity at odd hours")
    AFGEPLAKTE_RAMEN = "afgeplakte_ramen", _("Covered or blacked-out windows")
    CHEMISCHE_GEUR = "chemische_geur", _("Chemical smell")
    ANIJSGEUR = "anijsgeur", _("Aniseed smell")
    STROOMVERBRUIK = "stroomverbruik", _("Unusual power use")
    HUURAANBOD = "huuraanbod", _("Offer to rent a barn or shed")
    VATEN = "vaten", _("Barrels or jerrycans")
    VOERTUIGEN = "voertuigen", _("Unfamiliar vehicles at unusual times")
    CONTANT = "contant", _("Large cash payments")


class Channel(models.TextChoices):
    MEDEWERKER = "medewerker", _("Staff member")
    KETENPARTNER = "ketenpartner", _("Chain partner")
    GEBIEDSPARTNER = "gebiedspartner", _("Area partner (farmer, hunter, ranger)")
    BURGER = "burger", _("Citizen (named)")
    ANONIEM = "anoniem", _("Anonymous citizen")
    MMA = "mma", _("Forwarded by Meld Misdaad Anoniem")
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("Forwarded by a confidential adviser")
    DATA_ANALYSE = "data_analyse", _("Data analysis")


FORWARDED_CHANNELS = frozenset({Channel.MMA, Channel.VERTROUWENSPERSOON})


class Status(models.TextChoices):
    ONTVANGEN = "ontvangen", _("Received")
    GEKWALIFICEERD = "gekwalificeerd", _("Qualified")
    BUITEN_SCOPE = "buiten_scope", _("Out of scope")
    GEEN_ACTIE = "geen_actie", _("No action")
    INTERN_OPGEPAKT = "intern_opgepakt", _("Taken up internally")
    EXTERN_DOORGEZET = "extern_doorgezet", _("Passed on externally")
    BRONNENONDERZOEK = "bronnenonderzoek", _("Source research")
    PLAN_VAN_AANPAK = "plan_van_aanpak", _("Plan of approach")
    AFGEROND = "afgerond", _("Closed")


#: The weighing decisions the schakelteam can take on a qualified signal.
WEIGHING_OUTCOMES = (Status.GEEN_ACTIE, Status.INTERN_OPGEPAKT, Status.EXTERN_DOORGEZET, Status.BRONNENONDERZOEK)

#: The state machine: from -> allowed targets.
TRANSITIONS = Transitions(
    {
        Status.ONTVANGEN: frozenset({Status.GEKWALIFICEERD, Status.BUITEN_SCOPE}),
        Status.GEKWALIFICEERD: frozenset(WEIGHING_OUTCOMES),
        Status.BRONNENONDERZOEK: frozenset({Status.PLAN_VAN_AANPAK, Status.GEEN_ACTIE}),
        Status.INTERN_OPGEPAKT: frozenset({Status.PLAN_VAN_AANPAK, Status.AFGEROND}),
        Status.PLAN_VAN_AANPAK: frozenset({Status.AFGEROND}),
        Status.GEEN_ACTIE: frozenset({Status.AFGEROND}),
        Status.BUITEN_SCOPE: frozenset({Status.AFGEROND}),
        Status.EXTERN_DOORGEZET: frozenset({Status.AFGEROND}),
        Status.AFGEROND: frozenset(),
    },
    labels=Status.choices,
    message=_("A signal with status “%(from)s” cannot go to “%(to)s”."),
)

#: Transitions taken by the intake officer; weighing outcomes are the schakelteam's.
INTAKE_TARGETS = frozenset({Status.GEKWALIFICEERD, Status.BUITEN_SCOPE, Status.PLAN_VAN_AANPAK, Status.AFGEROND})


class PrivacyCheckKind(models.TextChoices):
    CHECK_1 = "1", _("Privacy check 1: which sources may be consulted, and why")
    CHECK_2A = "2a", _("Privacy check 2A: may the data be shared internally")
    CHECK_2B = "2b", _("Privacy check 2B: may the data be used for the chosen approach")


#: Privacy checks that must be on record before entering a status.
REQUIRED_CHECKS: dict[str, frozenset[str]] = {
    Status.BRONNENONDERZOEK: frozenset({PrivacyCheckKind.CHECK_1}),
    Status.PLAN_VAN_AANPAK: frozenset({PrivacyCheckKind.CHECK_2A, PrivacyCheckKind.CHECK_2B}),
}

#: Retention per outcome, in months after closure (or after the decision for dead ends).
RETENTION_MONTHS: dict[str, int] = {
    Status.BUITEN_SCOPE: 6,
    Status.GEEN_ACTIE: 12,
    Status.EXTERN_DOORGEZET: 12,
    Status.INTERN_OPGEPAKT: 60,
    Status.BRONNENONDERZOEK: 60,
    Status.PLAN_VAN_AANPAK: 60,
}
RETENTION_WARNING_DAYS = 30

#: Norm times: acknowledge (qualify) within 5 days, weigh within 28 days (the schakelteam meets fortnightly).
ACKNOWLEDGE_DAYS = 5
WEIGH_DAYS = 28


class LocationKind(models.TextChoices):
    ADRES = "adres", _("Address")
    PUNT = "punt", _("Point on the map")
    GEBIED = "gebied", _("Area only (municipality)")


class DumpingType(models.TextChoices):
    VATEN = "vaten", _("Barrels")
    JERRYCANS = "jerrycans", _("Jerrycans")
    ZAKKEN = "zakken", _("Bags or boxes")
    LOZING = "lozing", _("Discharge into soil or water")
    VOERTUIG = "voertuig", _("Abandoned vehicle or trailer")


class LandownerType(models.TextChoices):
    PARTICULIER = "particulier", _("Private individual")
    AGRARIER = "agrarier", _("Farmer")
    NATUURBEHEERDER = "natuurbeheerder", _("Nature manager")
    GEMEENTE = "gemeente", _("Municipality")
    OVERIG = "overig", _("Other")


class MessageDirection(models.TextChoices):
    TO_REPORTER = "aan_melder", _("Question to the reporter")
    FROM_REPORTER = "van_melder", _("Information from the reporter")


ATTACHMENT_MAX_COUNT = 5
