# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.cases.tasks import cases_daily_run


class Command(BaseCommand):
    help = "Daily run for cases: warn owners before intervention deadlines, destroy cases past retention."

    def handle(self, *args: Any, **options: Any) -> None:
        report = cases_daily_run()
        self.stdout.write(f"steps warned {report['steps_warned']}, cases destroyed {report['cases_destroyed']}")
