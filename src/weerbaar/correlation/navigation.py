# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile

register_nav(NavItem(_("Correlations"), "correlation:overview", Perm.CORRELATION_VIEW, order=35))
register_nav(NavItem(_("Screening"), "correlation:screening", Perm.CORRELATION_SCREEN, order=36))
register_tile(
    Tile(
        _("Correlations"),
        _("The same person, company, address or vehicle in other signals and cases: links, hits and judgements."),
        "correlation:overview",
        Perm.CORRELATION_VIEW,
        order=35,
    )
)
register_tile(
    Tile(
        _("Screening"),
        _("A quick scan of a person, company or address (e.g. Bibob), ranked and explained, its purpose recorded."),
        "correlation:screening",
        Perm.CORRELATION_SCREEN,
        order=36,
    )
)
register_tile(
    Tile(
        _("Exclusion list"),
        _("Addresses and numbers that must not link subjects, such as a town hall or business centre."),
        "correlation:exclusions",
        Perm.CORRELATION_MANAGE,
        order=37,
    )
)
