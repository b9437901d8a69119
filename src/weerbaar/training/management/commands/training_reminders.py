# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.training.services import reminders_send


class Command(BaseCommand):
    help = "Remind staff, once, through the outbox, of assigned trainings past their due date (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"reminders sent {reminders_send()}")
