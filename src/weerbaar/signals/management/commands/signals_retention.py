# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.signals.retention import retention_run


class Command(BaseCommand):
    help = "Daily retention run for signals: warn before expiry, keep legal holds, destroy with a deletion record."

    def handle(self, *args: Any, **options: Any) -> None:
        report = retention_run()
        self.stdout.write(f"warned {report.warned}, on legal hold {report.held}, destroyed {report.deleted}")
