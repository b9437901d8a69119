# SPDX-License-Identifier: EUPL-1.2
"""``manage.py correlation_name_keys``: file stored persons under the name keys (see ``backfill.py``)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from weerbaar.correlation.backfill import BATCH, person_name_keys_backfill
from weerbaar.correlation.models import Subject, SubjectKey


class Command(BaseCommand):
    help = "File every stored person under the name keys it lacks (idempotent; migration 0003 runs it too)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", type=int, default=BATCH, help="persons per transaction")
        parser.add_argument("--after", type=int, default=0, help="start after this subject id (to resume)")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(last: int, inserted: int) -> None:
            if options["verbosity"] > 1:
                self.stdout.write(f"up to subject {last}: {inserted} key rows added")

        inserted = person_name_keys_backfill(
            subject_model=Subject,
            key_model=SubjectKey,
            batch=options["batch"],
            after=options["after"],
            progress=progress,
        )
        self.stdout.write(f"{inserted} name-key rows added")
