# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile

register_nav(NavItem(_("Organisations"), "organisations:list", Perm.ORGANISATIONS_VIEW, order=70))
register_tile(
    Tile(
        _("Organisations"),
        _("The partner organisations on Weerbaar."),
        "organisations:list",
        Perm.ORGANISATIONS_VIEW,
        order=70,
    )
)
