# SPDX-License-Identifier: EUPL-1.2
import pytest

from weerbaar.resilience import selectors, services
from weerbaar.resilience.constants import ActionStatus
from weerbaar.resilience.tests.factories import actor, answer_all, make_action, make_office, scanned, topic

pytestmark = pytest.mark.django_db


def test_consolidated_score_is_the_mean_of_respondents_and_processes_weigh_by_exposure() -> None:
    office = make_office()
    manager = office.manager
    scan = services.scan_open(actor=manager, title="Scan")
    for owner, level in zip(office.owners, (1, 2, 3), strict=True):
        answer_all(
            services.assignment_add(actor=manager, scan=scan, topic=topic(scan, "vergunningen"), respondent=owner),
            level,
        )
    answer_all(
        services.assignment_add(actor=manager, scan=scan, topic=topic(scan, "brp"), respondent=office.owners[0]), 4
    )
    # A draft does not count.
    answer_all(
        services.assignment_add(actor=manager, scan=scan, topic=topic(scan, "brp"), respondent=office.owners[1]),
        0,
        submit=False,
    )
    services.exposure_set(actor=manager, scan=scan, levels={"vergunningen": 3, "brp": 1})
    scores = selectors.scan_scores(scan).by_key()
    assert scores["vergunningen"].score == 2.0
    assert scores["vergunningen"].respondents == 3
    assert scores["brp"].score == 4.0
    assert scores["brp"].respondents == 1
    assert scores["subsidies"].score is None
    # (2 * 3 + 4 * 1) / 4
    assert selectors.scan_scores(scan).processes == 2.5


def test_progress_counts_assigned_and_submitted() -> None:
    office = make_office()
    scan = scanned(office, close=False, keys=("vergunningen",))
    services.assignment_add(actor=office.manager, scan=scan, topic=topic(scan, "brp"), respondent=office.owners[0])
    progress = selectors.scan_progress(scan)
    assert (progress.assigned, progress.submitted) == (4, 3)
    assert progress.share == "75 %"


def test_findings_name_weak_topics_with_measures_and_disagreement() -> None:
    office = make_office()
    manager = office.manager
    scan = services.scan_open(actor=manager, title="Scan")
    answer_all(
        services.assignment_add(actor=manager, scan=scan, topic=topic(scan, "subsidies"), respondent=office.owners[0]),
        1,
    )
    for owner, level in zip(office.owners, (0, 4, 3), strict=True):
        answer_all(services.assignment_add(actor=manager, scan=scan, topic=topic(scan, "brp"), respondent=owner), level)
    findings = selectors.scan_findings(scan)
    weak = [f for f in findings if f.topic == "Subsidieverlening"]
    assert weak and weak[0].measures
    assert any("disagree" in f.text and f.topic == "Basisregistratie personen" for f in findings)


def test_trend_sets_a_rescan_beside_the_first_scan() -> None:
    office = make_office()
    first = scanned(office, level=1)
    second = scanned(office, level=3, previous=first)
    trend = {row.name: row for row in selectors.scan_trend(second) or []}
    assert trend["Vergunningen en ontheffingen"].before == 1.0
    assert trend["Vergunningen en ontheffingen"].now == 3.0
    assert trend["Vergunningen en ontheffingen"].change == 2.0
    assert trend["Subsidieverlening"].change is None
    assert selectors.scan_trend(first) is None


def test_benchmark_needs_five_organisations_and_shows_only_quartiles() -> None:
    offices = [make_office() for _ in range(5)]
    scans = [scanned(office, level=level) for office, level in zip(offices[:4], (0, 1, 2, 3), strict=True)]
    assert not selectors.benchmark(scans[0]).available
    scans.append(scanned(offices[4], level=4))
    result = selectors.benchmark(scans[0])
    assert result.available
    assert result.organisations == 5
    row = next(r for r in result.rows if r.name == "Vergunningen en ontheffingen")
    assert (row.q1, row.median, row.q3, row.own) == (1.0, 2.0, 3.0, 0.0)
    assert set(vars(row)) == {"name", "own", "q1", "median", "q3"}


def test_scoped_lists_stay_in_the_organisation() -> None:
    office, other = make_office(), make_office()
    scan = scanned(office, close=False)
    make_action(office, scan)
    assert list(selectors.scan_list(actor=office.manager)) == [scan]
    assert not selectors.scan_list(actor=other.manager).exists()
    assert not selectors.scan_list(actor=actor(office.owners[0])).exists()
    assert selectors.assignment_list(actor=actor(office.owners[0])).count() == 2
    assert not selectors.assignment_list(actor=actor(office.line_manager)).exists()
    assert selectors.action_list(actor=actor(office.owners[0])).count() == 1
    assert not selectors.action_list(actor=actor(office.owners[1])).exists()
    assert not selectors.action_list(actor=other.manager).exists()


def test_council_sees_aggregates_with_suppressed_action_counts() -> None:
    office = make_office()
    scan = scanned(office)
    for _ in range(6):
        make_action(office, scan)
    action = make_action(office, scan)
    services.action_status_change(
        actor=office.manager, action=action, to_status=ActionStatus.DONE, expected_version=None
    )
    [summary] = selectors.council_summary(actor=actor(office.council))
    counts = dict(summary.actions or [])
    # One action done would follow from the total (7) less the six to do: both are hidden.
    assert counts["Done"] == "< 5"
    assert counts["To do"] == "—"
    assert counts["Dropped"] == "0"
    assert summary.actions_total == 7
    themes = {t.name: t.score for t in summary.themes}
    assert themes["Bewustzijn van medewerkers"] == "2.0"  # three respondents
    assert themes["Integriteit"] == "—"
    assert selectors.council_summary(actor=office.manager) == []
