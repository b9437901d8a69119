# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile

register_nav(NavItem(_("Barrier models"), "knowledge:models", Perm.KNOWLEDGE_VIEW, order=61))
register_tile(
    Tile(
        _("Barrier models and practice cases"),
        _("How criminals go about it step by step, which barriers stop them, and what others learned."),
        "knowledge:models",
        Perm.KNOWLEDGE_VIEW,
        order=61,
    )
)
