# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.notifications.tasks import retry_pending_outbox


class Command(BaseCommand):
    help = "Queue a retry of every pending outbox mail (run from cron or a scheduler)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = retry_pending_outbox.enqueue()
        self.stdout.write(f"Retry queued ({result.id}).")
