# SPDX-License-Identifier: EUPL-1.2
"""``manage.py correlate_csv INPUT.csv --out pairs.csv``: deduplicate any CSV of person records.

Options and output are documented in `linkage.engine`; this command only parses and calls.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from linkage.engine.batch import add_cli_arguments, run_cli


class Command(BaseCommand):
    help = "Link or deduplicate a CSV of person records and write the scored pairs with explanations."

    def add_arguments(self, parser: CommandParser) -> None:
        add_cli_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(run_cli(options))
