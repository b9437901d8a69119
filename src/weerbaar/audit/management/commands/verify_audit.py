# SPDX-License-Identifier: EUPL-1.2
from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.audit.chain import BrokenLink, verify
from weerbaar.audit.models import AuditEvent


def _in_batches(size: int = 2000) -> Iterator[AuditEvent]:
    """All events in id order, fetched by keyset pagination (no server-side cursor left open)."""
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:size])
        if not batch:
            return
        yield from batch
        last_id = batch[-1].pk


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain; exits non-zero and names the first broken link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--expect-head",
            default="",
            help="The head hash recorded earlier outside the database; detects removal of the newest events.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = next(verify(_in_batches()))
        if isinstance(result, BrokenLink):
            raise CommandError(
                f"Audit chain broken at event id={result.event_id} uuid={result.event_uuid}: {result.reason}."
            )
        head = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first() or ""
        expected = options["expect_head"]
        if expected and not AuditEvent.objects.filter(hash=expected).exists():
            raise CommandError("The expected head hash is no longer in the audit trail: events were removed.")
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {result} events verified. Head: {head}"))
