# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile

register_nav(NavItem(_("Resilience scan"), "resilience:list", Perm.RESILIENCE_MANAGE, order=60))
register_nav(NavItem(_("My scan work"), "resilience:mine", Perm.RESILIENCE_ANSWER, order=61))
register_nav(NavItem(_("Resilience (council)"), "resilience:council", Perm.RESILIENCE_COUNCIL, order=62))
register_tile(
    Tile(
        _("Resilience scan"),
        _("Scan the vulnerable processes of your organisation, follow the scores and the improvement actions."),
        "resilience:list",
        Perm.RESILIENCE_MANAGE,
        order=60,
    )
)
register_tile(
    Tile(
        _("My scan work"),
        _("Answer the resilience scan for your processes and follow your improvement actions."),
        "resilience:mine",
        Perm.RESILIENCE_ANSWER,
        order=61,
    )
)
register_tile(
    Tile(
        _("Resilience (council)"),
        _("How resilient the organisation is, in aggregate figures."),
        "resilience:council",
        Perm.RESILIENCE_COUNCIL,
        order=62,
    )
)
