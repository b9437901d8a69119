# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, StartSection, Tile, register_nav, register_start_section, register_tile
from weerbaar.partnerships.start import start_context

register_nav(NavItem(_("Area partnerships"), "partnerships:list", Perm.PARTNERSHIPS_VIEW, order=45))
register_tile(
    Tile(
        _("Area partnerships"),
        _("Your area's partners, their directory, area alerts and the figures of the area."),
        "partnerships:list",
        Perm.PARTNERSHIPS_VIEW,
        order=45,
    )
)
register_start_section(
    StartSection("partnerships", "partnerships/_start.html", start_context, Perm.PARTNERSHIPS_VIEW, order=10)
)
