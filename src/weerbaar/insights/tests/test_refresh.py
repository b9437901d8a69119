# SPDX-License-Identifier: EUPL-1.2
"""The materialised aggregates: a full rebuild counts everything; an incremental refresh recounts only the
days touched since the last one, and leaves the other days' rows as they were."""

from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from typing import Any

from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from weerbaar.insights.models import DailyCount, Refresh
from weerbaar.insights.services import aggregates_refresh
from weerbaar.insights.tasks import insights_refresh, refresh_if_stale
from weerbaar.organisations.models import Organisation


def _count(series: str, **filters: Any) -> int:
    total: int | None = DailyCount.objects.filter(series=series, **filters).aggregate(n=Sum("count"))["n"]
    return total or 0


def test_full_then_incremental(tilburg: Organisation, make_signals: Callable[..., Any]) -> None:
    now = timezone.now()
    old_day, recent_day = now - timedelta(days=40), now - timedelta(days=3)
    make_signals(tilburg, 6, at=old_day)
    make_signals(tilburg, 5, at=recent_day, qualified_after=timedelta(hours=5))
    aggregates_refresh(full=True)
    assert _count("signals.received") == 11
    assert _count("signals.acknowledge", category="1") == 5 and _count("signals.acknowledge", category="open") == 6
    old_rows = set(
        DailyCount.objects.filter(series="signals.received", day=timezone.localdate(old_day)).values_list(
            "pk", flat=True
        )
    )

    # Two more on the recent day (received earlier, recorded now): only that day is recounted.
    make_signals(tilburg, 2, at=recent_day)
    results = {r.series: r for r in aggregates_refresh()}
    assert results["signals.received"].full is False and results["signals.received"].days == 1
    assert _count("signals.received", day=timezone.localdate(recent_day)) == 7
    assert (
        set(
            DailyCount.objects.filter(series="signals.received", day=timezone.localdate(old_day)).values_list(
                "pk", flat=True
            )
        )
        == old_rows
    )
    assert Refresh.objects.get(series="signals.received").days == 1

    # Nothing touched since: nothing recounted, nothing lost.
    results = {r.series: r for r in aggregates_refresh()}
    assert results["signals.received"].days == 0 and _count("signals.received") == 13


def test_the_task_and_the_rebuild_command(tilburg: Organisation, make_signals: Callable[..., Any]) -> None:
    make_signals(tilburg, 5)
    assert refresh_if_stale() is True  # never computed: queued (and, in tests, run at once)
    assert _count("signals.received") == 5
    assert refresh_if_stale() is False  # fresh
    assert insights_refresh.call(full=True)["signals.received"] == 1  # one base row: one day, one phenomenon
    out = StringIO()
    call_command("insights_rebuild", stdout=out)
    assert "signals.received: all days, 1 row(s)" in out.getvalue()
