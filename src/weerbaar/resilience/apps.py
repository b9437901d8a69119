# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ResilienceConfig(AppConfig):
    name = "weerbaar.resilience"
    label = "resilience"
