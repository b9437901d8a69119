# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile
from weerbaar.inbox.selectors import inbox_pending_count

register_nav(NavItem(_("My work"), "inbox:index", None, order=1, badge=lambda actor: inbox_pending_count(actor=actor)))
register_tile(
    Tile(
        _("My work"),
        _("What is waiting for you: steps falling due, decisions, answers, actions and meetings."),
        "inbox:index",
        None,
        order=0,
    )
)
