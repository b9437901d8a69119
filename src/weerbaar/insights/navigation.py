# SPDX-License-Identifier: EUPL-1.2
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.navigation import NavItem, register_nav

register_nav(NavItem(_("Insights"), "insights:dashboard", Perm.INSIGHTS_VIEW, order=80))
