# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile

register_nav(NavItem(_("Threats"), "threats:list", Perm.THREATS_VIEW, order=40))
register_nav(NavItem(_("Threat figures"), "threats:insight", Perm.THREATS_INSIGHT, order=41))
register_tile(
    Tile(
        _("Report aggression or a threat"),
        _("Report it in a few minutes; only you and the security coordinator see it."),
        "threats:report",
        Perm.THREATS_REPORT,
        order=40,
    )
)
register_tile(
    Tile(
        _("Threats: follow-up"),
        _("Open incidents, with overdue steps first, within the norm times."),
        "threats:list",
        Perm.THREATS_COORDINATE,
        order=41,
    )
)
