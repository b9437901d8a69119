# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.geo.services import geography_load


class Command(BaseCommand):
    help = "Load the CBS 2025 municipalities, provinces, safety regions and police units (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = geography_load()
        self.stdout.write(
            f"{counts.municipalities} municipalities, {counts.provinces} provinces, "
            f"{counts.safety_regions} safety regions, {counts.police_units} police units loaded."
        )
