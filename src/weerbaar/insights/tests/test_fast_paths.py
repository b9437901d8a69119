# SPDX-License-Identifier: EUPL-1.2
"""The fast paths of the situational picture give exactly what a straightforward count gives: the monthly
counts (what the pages read) are the daily counts summed per month, the totals per category are a count of the
domain tables (after a full rebuild and after incremental refreshes that add, move and recount days), the
lead-time buckets counted in the database fall as a count by hand says, and the programme section's count of
all other cases, which reads the totals, is a count of the cases."""

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db.models import Count, Sum
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.accounts.selectors import actor_for
from weerbaar.cases.constants import CaseStatus
from weerbaar.cases.models import Case, CaseStatusChange, Membership
from weerbaar.cases.selectors import programme_summary
from weerbaar.core import disclosure
from weerbaar.core.figures import all_series, series_totals
from weerbaar.insights.models import CategoryTotal, DailyCount, MonthlyCount
from weerbaar.insights.services import aggregates_refresh
from weerbaar.organisations.models import Organisation
from weerbaar.signals.constants import Phenomenon
from weerbaar.signals.models import Signal


def _signal_counts() -> dict[str, int]:
    rows = Signal.objects.filter(organisation__isnull=False).values("phenomenon").annotate(n=Count("id"))
    return {row["phenomenon"]: row["n"] for row in rows}


def _case_counts() -> dict[str, int]:
    return {row["status"]: row["n"] for row in Case.objects.values("status").annotate(n=Count("id")).order_by()}


def _daily_sums() -> dict[str, dict[str, int]]:
    sums: dict[str, dict[str, int]] = {}
    for series, category, n in DailyCount.objects.values_list("series", "category").annotate(n=Sum("count")):
        sums.setdefault(series, {})[category] = n
    return sums


def _months_by_hand() -> dict[tuple[Any, ...], int]:
    """The daily counts summed per month in Python."""
    months: Counter[tuple[Any, ...]] = Counter()
    for series, day, o, r, c, n in DailyCount.objects.values_list(
        "series", "day", "organisation_id", "region", "category", "count"
    ):
        months[(series, day.replace(day=1), o, r, c)] += n
    return dict(months)


def _months() -> dict[tuple[Any, ...], int]:
    rows = MonthlyCount.objects.values_list("series", "month", "organisation_id", "region", "category", "count")
    return {tuple(row[:5]): row[5] for row in rows}


def _totals() -> dict[str, dict[str, int]]:
    totals: dict[str, dict[str, int]] = {}
    for series, category, n in CategoryTotal.objects.values_list("series", "category", "count"):
        totals.setdefault(series, {})[category] = n
    return totals


def _move(case: Case, to: str) -> None:
    CaseStatusChange.objects.create(case=case, from_status=case.status, to_status=to)
    Case.objects.filter(pk=case.pk).update(status=to)


def test_totals_equal_a_straight_count(
    tilburg: Organisation,
    amsterdam: Organisation,
    make_signals: Callable[..., Any],
    make_cases: Callable[..., Any],
    make_user: Callable[..., Any],
) -> None:
    creator = make_user(organisation=tilburg, role=Role.CASUSREGISSEUR)
    now = timezone.now()
    make_signals(tilburg, 7, at=now - timedelta(days=50))
    make_signals(amsterdam, 3, at=now - timedelta(days=2), phenomenon=Phenomenon.DRUGSLAB, municipality="GM0363")
    cases = make_cases(tilburg, creator, 6) + make_cases(amsterdam, creator, 2)
    aggregates_refresh(full=True)
    assert series_totals("signals.received") == _signal_counts()
    assert series_totals("cases.steps") == _case_counts() == {CaseStatus.AANGEMAAKT: 8}
    assert _totals() == _daily_sums()
    assert _months() == _months_by_hand()

    # More signals on an old day and a new one, cases moved on: the incremental refresh adjusts the totals.
    make_signals(tilburg, 4, at=now - timedelta(days=50), phenomenon=Phenomenon.WITWASSEN)
    make_signals(amsterdam, 2, phenomenon=Phenomenon.DRUGSLAB, municipality="GM0363")
    for case in cases[:3]:
        _move(case, CaseStatus.VERRIJKING)
    _move(cases[-1], CaseStatus.AFGESLOTEN)
    results = {r.series: r for r in aggregates_refresh()}
    assert results["signals.received"].full is False and results["cases.steps"].full is False
    assert series_totals("signals.received") == _signal_counts()
    assert series_totals("cases.steps") == _case_counts()
    assert series_totals("cases.status") == {"open": 7, "afgesloten": 1}
    assert _totals() == _daily_sums()
    assert _months() == _months_by_hand()
    # And again with nothing changed: nothing moves.
    aggregates_refresh()
    assert _totals() == _daily_sums()
    assert _months() == _months_by_hand()
    assert {s.key for s in all_series()} >= set(_totals())


def test_never_counted_series_has_no_totals(db: Any) -> None:
    assert series_totals("cases.steps") is None


def test_programme_section_counts_other_cases_as_a_straight_count(
    tilburg: Organisation, make_cases: Callable[..., Any], make_user: Callable[..., Any]
) -> None:
    manager = make_user(organisation=tilburg, role=Role.PROGRAMMAMANAGER)
    cases = make_cases(tilburg, manager, 14)
    for case in cases[:3]:  # his own cases: a named member of three
        Membership.objects.create(case=case, organisation=tilburg, user=manager, joined_at=timezone.now())
    for case in cases[3:10]:
        _move(case, CaseStatus.ANALYSE)
    _move(cases[0], CaseStatus.ANALYSE)
    aggregates_refresh(full=True)

    summary = programme_summary(actor_for(user=manager))
    own = Counter(Case.objects.filter(pk__in=[c.pk for c in cases[:3]]).values_list("status", flat=True))
    others = Counter(Case.objects.exclude(pk__in=[c.pk for c in cases[:3]]).values_list("status", flat=True))
    assert {s["label"]: s["mine"] for s in summary["statuses"]} == {
        label: own.get(value, 0) for value, label in CaseStatus.choices
    }
    assert {s["label"]: s["others"] for s in summary["statuses"]} == {
        label: disclosure.suppress(others.get(value, 0)) for value, label in CaseStatus.choices
    }
    assert summary["mine_total"] == 3 and summary["others_total"] == disclosure.suppress(11)


def _bucket_by_hand(received: Any, done: Any, limits: tuple[tuple[str, int | None], ...]) -> str:
    if done is None:
        return "open"
    days = (done - received) / timedelta(days=1)
    return next(key for key, limit in limits if limit is None or days <= limit)


def test_lead_time_buckets_equal_a_count_by_hand(tilburg: Organisation, make_signals: Callable[..., Any]) -> None:
    """The buckets are counted in the database; at each edge they fall as a count by hand says."""
    at = timezone.now() - timedelta(days=60)
    after = [None, timedelta(hours=3), timedelta(days=1), timedelta(days=1, seconds=1), timedelta(days=7),
             timedelta(days=7, seconds=1), timedelta(days=28), timedelta(days=28, seconds=1), timedelta(days=40)]  # fmt: skip
    for delta in after:
        for signal in make_signals(tilburg, 1, at=at, qualified_after=delta):
            Signal.objects.filter(pk=signal.pk).update(decided_at=signal.qualified_at)
    aggregates_refresh(full=True)
    signals = list(Signal.objects.values_list("received_at", "qualified_at", "decided_at"))
    for series, field, limits in (
        ("signals.acknowledge", 1, (("1", 1), ("7", 7), ("later", None))),
        ("signals.weigh", 2, (("7", 7), ("28", 28), ("later", None))),
    ):
        by_hand = Counter(_bucket_by_hand(row[0], row[field], limits) for row in signals)
        assert series_totals(series) == dict(by_hand), series
