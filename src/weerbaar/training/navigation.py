# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, StartSection, Tile, register_nav, register_start_section, register_tile
from weerbaar.training.start import start_context

register_nav(NavItem(_("Trainings"), "training:mine", Perm.TRAINING_TAKE, order=70))
register_nav(NavItem(_("Training modules"), "training:manage", Perm.TRAINING_MANAGE, order=71))
register_nav(NavItem(_("Training completion"), "training:department", Perm.TRAINING_DEPARTMENT, order=72))
register_nav(NavItem(_("Training completion"), "training:overview", Perm.TRAINING_OVERVIEW, order=72))
register_tile(
    Tile(
        _("Awareness training"),
        _("Recognise undermining, know what to do when approached or threatened, and how to report it."),
        "training:mine",
        Perm.TRAINING_TAKE,
        order=70,
    )
)
register_start_section(StartSection("training", "training/_start.html", start_context, Perm.TRAINING_TAKE, order=60))
