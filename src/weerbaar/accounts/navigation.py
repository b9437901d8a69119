# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import ROLE_DESCRIPTIONS, Perm, Role
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_role, register_tile

register_nav(NavItem(_("User management"), "accounts:user_list", Perm.USERS_MANAGE, order=80))
register_nav(NavItem(_("My profile"), "accounts:profile", None, order=99))
register_tile(
    Tile(
        _("User management"),
        _("Accounts, roles, screening and second factors."),
        "accounts:user_list",
        Perm.USERS_MANAGE,
        order=80,
    )
)
register_tile(
    Tile(_("My profile and security"), _("Your roles, backup codes and sessions."), "accounts:profile", None, order=99)
)
for role in Role:
    register_role(role.value, role.label, ROLE_DESCRIPTIONS.get(role.value, ""))
