# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile

register_nav(NavItem(_("Trusted contact"), "support:worklist", Perm.SUPPORT_VIEW, order=47))
register_tile(
    Tile(
        _("Trusted contact"),
        _("Reports of entrepreneurs who were approached, and their referrals to support."),
        "support:worklist",
        Perm.SUPPORT_VIEW,
        order=47,
    )
)
