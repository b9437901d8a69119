# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.audit.chain import chain_check


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exits non-zero and names the first broken link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--expect-head",
            default="",
            help="The head hash recorded earlier outside the database; detects removal of the newest events.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = chain_check(expect_head=options["expect_head"])
        if report.broken is not None:
            broken = report.broken
            raise CommandError(
                f"Audit chain broken at event id={broken.event_id} uuid={broken.event_uuid}: {broken.reason}."
            )
        if report.head_missing:
            raise CommandError("The expected head hash is no longer in the audit trail: events were removed.")
        self.stdout.write(
            self.style.SUCCESS(f"Audit chain intact: {report.count} events verified. Head: {report.head}")
        )
