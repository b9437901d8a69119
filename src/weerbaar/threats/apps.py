# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class ThreatsConfig(AppConfig):
    name = "weerbaar.threats"
    label = "threats"
