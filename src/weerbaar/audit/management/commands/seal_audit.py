# SPDX-License-Identifier: EUPL-1.2
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from weerbaar.audit.sealing import audit_seal_pending


class Command(BaseCommand):
    help = "Seal the audit events committed so far, in order, in Merkle-rooted batches chained to each other."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            type=float,
            default=0.0,
            help="Keep sealing, this many seconds apart (for a set-up without the task worker).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every = options["every"]
        while True:
            outcome = audit_seal_pending()
            if options["verbosity"] and (outcome.events or not every):
                state = "" if outcome.settled else " (a transaction still in flight; try again later)"
                self.stdout.write(f"Sealed {outcome.events} events in {outcome.batches} batches{state}.")
            if not every:
                return
            time.sleep(every)
