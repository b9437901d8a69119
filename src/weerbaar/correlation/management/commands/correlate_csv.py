# SPDX-License-Identifier: EUPL-1.2
"""``manage.py correlate_csv INPUT.csv --out pairs.csv``: deduplicate any CSV of person records.

The same command as ``python -m weerbaar.correlation.engine`` (which starts faster, without Django); options
and checks are in `linkage.engine.command`. This wrapper only parses, calls and turns bad input into a
`CommandError` (one line, exit code 2).
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from linkage.engine.command import InputError, Progress, add_cli_arguments, run


class Command(BaseCommand):
    help = "Link or deduplicate a CSV of person records and write the scored pairs with explanations."

    def add_arguments(self, parser: CommandParser) -> None:
        add_cli_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        progress = Progress()
        try:
            lines = run(options, progress=progress)
        except InputError as error:
            progress.close()
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write("\n".join(lines))
