# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.certification.services import reminders_send


class Command(BaseCommand):
    help = "Mail the certificates' reminders (recertification, yearly evaluation) that are due; run daily."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = reminders_send()
        self.stdout.write(f"mailed {sent}")
