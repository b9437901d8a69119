# SPDX-License-Identifier: EUPL-1.2
"""Vocabulary of area partnerships (area A, docs/domain.md §7; the design in docs/partnerships.md)."""

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.organisations.constants import OrganisationType


class AreaType(models.TextChoices):
    """The three handbooks of the Keurmerk Veilig Ondernemen."""

    BUITENGEBIED = "buitengebied", _("Rural area")
    BEDRIJVENTERREIN = "bedrijventerrein", _("Business park")
    WINKELGEBIED = "winkelgebied", _("Shopping area")


class DataClass(models.TextChoices):
    """What a participant may receive, from least to most sensitive (the order is the ceiling's order)."""

    AGGREGAAT = "aggregaat", _("Aggregate (suppressed counts and trends)")
    OPERATIONEEL = "operationeel", _("Operational, without persons")
    PERSOONLIJK = "persoonlijk", _("Personal")
    STRAFRECHTELIJK = "strafrechtelijk", _("Criminal-offence data")


#: The classes in ascending order: a ceiling admits its own class and every class before it.
DATA_CLASS_ORDER: Final[tuple[str, ...]] = (
    DataClass.AGGREGAAT,
    DataClass.OPERATIONEEL,
    DataClass.PERSOONLIJK,
    DataClass.STRAFRECHTELIJK,
)


def data_class_rank(data_class: str) -> int:
    """The position of a class in :data:`DATA_CLASS_ORDER` (``ValueError`` for an unknown class)."""
    return DATA_CLASS_ORDER.index(data_class)


class LegalBasis(models.TextChoices):
    """The ground on which a participant receives data from the partnership."""

    CONVENANT = "convenant", _("Covenant of the partnership")
    WGS = "wgs_aanwijzing", _("Designation under the Data Processing by Partnerships Act (Wgs)")
    GEEN = "geen", _("None")


#: Legal bases that can carry personal data to a public participant (never to a private one).
PERSONAL_DATA_BASES: Final = frozenset({LegalBasis.CONVENANT, LegalBasis.WGS})


class DocumentKind(models.TextChoices):
    INTENTIEVERKLARING = "intentieverklaring", _("Declaration of intent")
    CONVENANT = "convenant", _("Covenant")


class AlertTheme(models.TextChoices):
    """What an area alert is about: the phenomena partners in a rural area look out for."""

    DRUGSAFVAL = "drugsafval", _("Drug waste")
    VERDACHTE_ACTIVITEIT = "verdachte_activiteit", _("Suspicious activity at a barn or shed")
    HUURAANBOD = "huuraanbod", _("Offers to rent farm buildings")
    VERDACHT_VOERTUIG = "verdacht_voertuig", _("Suspicious vehicle")
    DIEFSTAL = "diefstal", _("Theft or burglary")
    AFVALDUMPING = "afvaldumping", _("Waste dumping")
    STROPERIJ = "stroperij", _("Poaching")
    BRAND = "brand", _("Fire")
    OVERIG = "overig", _("Other")


class RequiredPartner(models.TextChoices):
    """The partners every partnership needs (Keurmerk Veilig Ondernemen)."""

    GEMEENTE = "gemeente", _("Municipality")
    POLITIE = "politie", _("Police")
    BRANDWEER = "brandweer", _("Fire service (safety region)")
    ONDERNEMERS = "ondernemers", _("Entrepreneurs (e.g. a farmers' organisation)")


#: Each requirement is met by an active participant of any of its types; the safety region stands for the
#: fire service.
REQUIRED_PARTNER_TYPES: Final[dict[str, frozenset[str]]] = {
    RequiredPartner.GEMEENTE: frozenset({OrganisationType.GEMEENTE}),
    RequiredPartner.POLITIE: frozenset({OrganisationType.POLITIE}),
    RequiredPartner.BRANDWEER: frozenset({OrganisationType.VEILIGHEIDSREGIO}),
    RequiredPartner.ONDERNEMERS: frozenset({OrganisationType.AGRARISCH, OrganisationType.ONDERNEMERSVERENIGING}),
}

#: The SAAR rule of the rural partners' app groups, shown with every alert and on the compose page.
SAAR_GUIDANCE: Final = _(
    "SAAR: Signal what you see. Alarm 112 first when there is danger or a crime in progress. App the group "
    "only after that, with what others need to know. React safely: never take the law into your own hands, "
    "do not follow anyone, and describe a vehicle by its colour and make; give its licence plate to the "
    "police, not to the group."
)

#: Coordinates of an alert and of a directory entry are kept at this many decimals (about 100 m): an area
#: of activity or an approximate place, never a farm's front door.
COORDINATE_DECIMALS: Final = 3

#: The longest texts accepted (alerts are short by nature; a directory entry is a card, not a brochure).
ALERT_TEXT_MAX: Final = 1000
ENTRY_TEXT_MAX: Final = 1000
EXPERTISE_MAX_TAGS: Final = 10
EXPERTISE_TAG_MAX: Final = 40
