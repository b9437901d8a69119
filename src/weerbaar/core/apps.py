# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CoreConfig(AppConfig):
    name = "weerbaar.core"
    label = "core"

    def ready(self) -> None:
        # Every app registers its authorization rules in permissions.py.
        autodiscover_modules("permissions")
