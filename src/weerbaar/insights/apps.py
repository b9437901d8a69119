# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "weerbaar.insights"
    label = "insights"

    def ready(self) -> None:
        from weerbaar.core.figures import register_totals_reader
        from weerbaar.insights.selectors import category_totals

        # The domain apps read the totals of their series (an overview of everything) through the registry.
        register_totals_reader(category_totals)
