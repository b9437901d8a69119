# SPDX-License-Identifier: EUPL-1.2
from django.tasks import task

from weerbaar.threats import reminders


@task()
def send_overdue_reminders() -> int:
    """Mail coordinators about overdue steps and due reviews (idempotent; run periodically)."""
    return reminders.reminders_send()
