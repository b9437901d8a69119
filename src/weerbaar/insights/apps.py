# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "weerbaar.insights"
    label = "insights"
