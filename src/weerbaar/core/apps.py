# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "weerbaar.core"
    label = "core"

    def ready(self) -> None:
        from weerbaar.core.navigation import NavItem, register_nav
        from weerbaar.core.policy import check_declarations
        from weerbaar.core.retention import RETENTION_VIEW

        register_nav(NavItem(_("Start"), "core:start", None, order=0))
        register_nav(NavItem(_("Retention periods"), "core:retention", RETENTION_VIEW, order=85))
        # Every app declares its permission codes and registers their rules in permissions.py, and its
        # menu in navigation.py.
        autodiscover_modules("permissions")
        autodiscover_modules("navigation")
        # And the figures it contributes to the situational picture (weerbaar.core.figures).
        autodiscover_modules("figures")
        check_declarations()
        import weerbaar.core.checks  # noqa: F401 - registers the deployment checks
