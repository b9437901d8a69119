# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile

register_nav(NavItem(_("Cases"), "cases:list", Perm.CASES_VIEW, order=30))
register_tile(
    Tile(
        _("Cases"),
        _("The integrated cases your organisation takes part in: members, shared items and the strategy."),
        "cases:list",
        Perm.CASES_VIEW,
        order=30,
    )
)
register_tile(
    Tile(
        _("Case meetings"),
        _("Case meetings, integrated meetings and the steering group: agenda, decisions and actions."),
        "cases:meetings",
        Perm.CASES_VIEW,
        order=31,
    )
)
register_tile(
    Tile(
        _("Programme"),
        _("Progress across the municipalities: cases by status, overdue interventions and results."),
        "cases:programme",  # the programme section of the situational picture
        Perm.CASES_PROGRAMME,
        order=32,
    )
)
