# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile

register_nav(NavItem(_("Joint actions"), "actions:list", Perm.ACTIONS_VIEW, order=42))
register_tile(
    Tile(
        _("Joint actions"),
        _("Integrated inspections and action days: plan, select locations, check, follow up and debrief."),
        "actions:list",
        Perm.ACTIONS_VIEW,
        order=42,
    )
)
