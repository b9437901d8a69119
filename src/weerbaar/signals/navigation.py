# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, Tile, register_nav, register_tile

register_nav(NavItem(_("Signals"), "signals:list", Perm.SIGNALS_VIEW, order=20))
# The reporter's own overview (status only) is the reporting channel's page, named "my_list" there.
register_nav(NavItem(_("My signals"), "signals:my_list", Perm.SIGNALS_VIEW_OWN, order=21))
register_tile(
    Tile(
        _("Signals"),
        _("The signals of undermining your organisation handles, in a table and on the map."),
        "signals:list",
        Perm.SIGNALS_VIEW,
        order=20,
    )
)
register_tile(
    Tile(
        _("Overdue signals"),
        _("Signals not qualified or not weighed within the norm time."),
        "signals:overdue",
        Perm.SIGNALS_INTAKE,
        order=21,
    )
)
register_tile(
    Tile(
        _("Schakelteam"),
        _("Meetings of the schakelteam: the agenda of qualified signals and the decisions taken."),
        "signals:meetings",
        Perm.SIGNALS_WEIGH,
        order=22,
    )
)
