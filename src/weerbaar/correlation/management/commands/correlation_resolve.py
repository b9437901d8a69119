# SPDX-License-Identifier: EUPL-1.2
"""``manage.py correlation_resolve``: resolve every stored subject again (see ``services/resolution.py``)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from weerbaar.correlation.services import resolution_run


class Command(BaseCommand):
    help = "Re-resolve all subjects: keys, links, entities (stable ids) and the person model, judgements winning."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--engine", choices=("auto", "python", "duckdb"), default="auto")

    def handle(self, *args: Any, **options: Any) -> None:
        run = resolution_run(engine=options["engine"])
        stats = ", ".join(f"{k} {v}" for k, v in run.stats.items())
        self.stdout.write(f"Resolution {run.uuid} finished: {stats}")
