# SPDX-License-Identifier: EUPL-1.2
from datetime import timedelta

from django.db.models import Min
from django.tasks import task
from django.utils import timezone

from weerbaar.insights.models import Refresh
from weerbaar.insights.services import aggregates_refresh

#: How old the aggregates may be before a page view queues a refresh.
STALE_AFTER = timedelta(minutes=15)


@task()
def insights_refresh(full: bool = False) -> dict[str, int]:
    """The aggregates of every series (incremental unless ``full``); the number of base rows per series."""
    return {result.series: result.rows for result in aggregates_refresh(full=full)}


def refresh_if_stale() -> bool:
    """Queue an incremental refresh when the aggregates are older than ``STALE_AFTER`` (or were never
    computed); the page shows what is there meanwhile, with its freshness."""
    last = Refresh.objects.aggregate(at=Min("refreshed_at"))["at"]
    if last is not None and timezone.now() - last < STALE_AFTER:
        return False
    insights_refresh.enqueue()
    return True
