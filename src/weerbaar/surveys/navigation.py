# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile

register_nav(NavItem(_("Staff surveys"), "surveys:staff_list", Perm.SURVEYS_STAFF_VIEW, order=49))
register_tile(
    Tile(
        _("Staff surveys"),
        _("Anonymous surveys of your staff on intimidation, threats and bribery attempts, as group figures."),
        "surveys:staff_list",
        Perm.SURVEYS_STAFF_VIEW,
        order=49,
    )
)
