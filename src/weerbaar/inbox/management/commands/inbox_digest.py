# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.inbox.tasks import send_daily_digest


class Command(BaseCommand):
    help = "Enqueue the daily 'My work' digest for users who switched it on (run once a day)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_daily_digest.enqueue()
        self.stdout.write(f"enqueued {result.id}")
