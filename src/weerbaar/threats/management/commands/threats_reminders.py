# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.threats.tasks import send_overdue_reminders


class Command(BaseCommand):
    help = "Enqueue the reminder task for overdue threat follow-up steps and measure reviews (run e.g. hourly)."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_overdue_reminders.enqueue()
        self.stdout.write(f"enqueued {result.id}")
