# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile

register_nav(NavItem(_("Audit trail"), "audit:list", Perm.AUDIT_VIEW, order=90))
register_tile(
    Tile(
        _("Audit trail"),
        _("Who did what, when and why — in your organisation."),
        "audit:list",
        Perm.AUDIT_VIEW,
        order=90,
    )
)
