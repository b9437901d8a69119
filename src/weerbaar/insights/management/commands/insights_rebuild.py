# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from weerbaar.insights.services import aggregates_refresh


class Command(BaseCommand):
    help = "Rebuild the situational picture's aggregates from scratch (or, with --incremental, the touched days)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--incremental", action="store_true", help="Only the days touched since last time.")

    def handle(self, *args: Any, **options: Any) -> None:
        for result in aggregates_refresh(full=not options["incremental"]):
            scope = "all days" if result.full else f"{result.days} day(s)"
            self.stdout.write(f"{result.series}: {scope}, {result.rows} row(s)")
