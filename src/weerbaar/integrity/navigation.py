# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile

register_nav(NavItem(_("Integrity reports"), "integrity:desk", Perm.INTEGRITY_HANDLE, order=48))
register_tile(
    Tile(
        _("Report pressure in confidence"),
        _("Under pressure, offered something, or a conflict of interest? Only your integrity coordinator reads it."),
        "integrity:own_list",
        Perm.INTEGRITY_REPORT,
        order=49,
    )
)
register_tile(
    Tile(
        _("Integrity reports"),
        _("Confidential reports of pressure, offers and conflicts of interest from your organisation's staff."),
        "integrity:desk",
        Perm.INTEGRITY_HANDLE,
        order=48,
    )
)
