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
    VEILIGHEIDSREGIO = "veiligheidsregio", _("Safety region")
    AGRARISCH = "agrarisch", _("Farmers' organisation (LTO/ZLTO)")
    JACHT = "jacht", _("Hunters' association (KNJV/WBE)")
    NATUURBEHEER = "natuurbeheer", _("Nature manager")
    AANNEMER = "aannemer", _("Contractor")
    BEVEILIGING = "beveiliging", _("Security firm")
    VERTROUWENSPERSOON = "vertrouwenspersoon", _("Confidential adviser")


PRIVATE_TYPES: frozenset[str] = frozenset(
    {
        OrganisationType.AGRARISCH,
        OrganisationType.JACHT,
        OrganisationType.NATUURBEHEER,
        OrganisationType.AANNEMER,
        OrganisationType.BEVEILIGING,
        OrganisationType.VERTROUWENSPERSOON,
    }
)
