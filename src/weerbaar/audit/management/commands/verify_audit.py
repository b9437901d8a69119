# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.audit.chain import chain_check, seal_window


class Command(BaseCommand):
    help = (
        "Verify the audit trail's seals and events; exits non-zero and names the first broken link, "
        "or reports events left unsealed longer than the window."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--expect-head",
            default="",
            help="The head (last seal root) recorded earlier elsewhere; detects removal of the newest seals.",
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
        if report.overdue:
            raise CommandError(
                f"{report.overdue} audit events have been left unsealed for longer than {seal_window()} "
                f"(oldest at {report.oldest_unsealed_at:%Y-%m-%d %H:%M:%S %Z}): is the sealer running?"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit chain intact: {report.count} events verified. Head: {report.head}. "
                f"Not sealed yet: {report.unsealed} (within the window of {seal_window()})."
            )
        )
