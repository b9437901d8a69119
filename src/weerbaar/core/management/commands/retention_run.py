# SPDX-License-Identifier: EUPL-1.2
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.core.retention import retention_run


class Command(BaseCommand):
    help = (
        "Daily retention run of every registered policy: warn before expiry, keep legal holds, "
        "destroy with a deletion record."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--policy", action="append", default=[], help="Run only this policy (repeatable).")
        parser.add_argument("--date", type=date.fromisoformat, default=None, help="Run as of this day (YYYY-MM-DD).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            reports = retention_run(today=options["date"], names=options["policy"])
        except KeyError as exc:
            raise CommandError(f"Unknown retention policy: {exc.args[0]}") from exc
        for report in reports:
            self.stdout.write(
                f"{report.policy}: warned {report.warned}, on legal hold {report.held}, destroyed {report.deleted}"
            )
