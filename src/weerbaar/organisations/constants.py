# SPDX-License-Identifier: EUPL-1.2
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationType(models.TextChoices):
    """Organisation types from docs/domain.md §3. Private partners only ever send information in."""

    GEMEENTE = "gemeente", _("Municipality")
    POLITIE = "politie", _("Police")
    OM = "om", _("Public Prosecution Service")
    RIEC = "riec", _("Regional information and expertise centre (RIEC)")
    BELASTINGDIENST = "belastingdienst", _("Tax and Customs Administration / FIOD")
    PROVINCIE = "provincie", _("Province")
    WATERSCHAP = "waterschap", _("Water authority")
    OMGEVINGSDIENST = "omgevingsdienst", _("Environmental agency")
    #: The safety region stands for the fire service (brandweer) too: in the Netherlands the fire service is
    #: part of the safety region, so a partnership's mandatory fire service is its safety region.
    VEILIGHEIDSREGIO = "veiligheidsregio", _("Safety region (fire service)")
    AGRARISCH = "agrarisch", _("Farmers' organisation (LTO/ZLTO)")
    JACHT = "jacht", _("Hunters' association (KNJV/WBE)")
    NATUURBEHEER = "natuurbeheer", _("Nature manager")
    AANNEMER = "aannemer", _("Contractor")
    BEVEILIGING = "beveiliging", _("Security firm")
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("Confidential adviser")
    ONDERNEMERSVERENIGING = "ondernemersvereniging", _("Entrepreneurs' association")
    NETBEHEERDER = "netbeheerder", _("Grid operator")
    DRINKWATERBEDRIJF = "drinkwaterbedrijf", _("Drinking-water company")
    MAKELAAR = "makelaar", _("Estate agent")


PRIVATE_TYPES: frozenset[str] = frozenset(
    {
        OrganisationType.AGRARISCH,
        OrganisationType.JACHT,
        OrganisationType.NATUURBEHEER,
        OrganisationType.AANNEMER,
        OrganisationType.BEVEILIGING,
        OrganisationType.VERTROUWENSPERSOON,
        OrganisationType.ONDERNEMERSVERENIGING,
        OrganisationType.NETBEHEERDER,
        OrganisationType.DRINKWATERBEDRIJF,
        OrganisationType.MAKELAAR,
    }
)
