# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CorrelationConfig(AppConfig):
    name = "weerbaar.correlation"
    label = "correlation"

    def ready(self) -> None:
        # The apps that own contexts (signals, cases) register them in their correlation.py.
        autodiscover_modules("correlation")
