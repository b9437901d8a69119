# SPDX-License-Identifier: EUPL-1.2
from django.tasks import task

from weerbaar.inbox import services


@task()
def send_daily_digest() -> int:
    """Mail every subscribed user the counts of their work (once a day; run daily, e.g. early morning)."""
    return services.digest_send_all()
