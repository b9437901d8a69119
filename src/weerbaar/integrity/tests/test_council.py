# SPDX-License-Identifier: EUPL-1.2
"""The council's counts of pressure and integrity reports: per kind and per year, small counts hidden, and a
hidden count never derivable from a total; nothing of a report itself."""

from datetime import UTC, datetime
from typing import Any

import pytest

from weerbaar.accounts.constants import Role
from weerbaar.integrity import selectors
from weerbaar.integrity.constants import Kind
from weerbaar.integrity.models import PressureReport
from weerbaar.integrity.tests.factories import make_report

pytestmark = pytest.mark.django_db


def _reports(reporter: Any, kind: str, year: int, n: int) -> None:
    for _ in range(n):
        report = make_report(reporter)
        PressureReport.objects.filter(pk=report.pk).update(kind=kind, received_at=datetime(year, 6, 1, 12, tzinfo=UTC))


def test_counts_per_kind_and_year_with_complementary_suppression(tilburg: Any, amsterdam: Any, make_user: Any) -> None:
    reporter = make_user(organisation=tilburg, role=Role.MEDEWERKER)
    _reports(reporter, Kind.DRUK, 2025, 6)
    _reports(reporter, Kind.AANBOD, 2025, 2)
    _reports(reporter, Kind.DRUK, 2026, 7)
    _reports(reporter, Kind.BELANGEN, 2026, 5)
    _reports(make_user(organisation=amsterdam, role=Role.MEDEWERKER), Kind.OVERIG, 2026, 9)

    figures = selectors.council_figures(organisation_id=tilburg.pk)

    assert figures.years == ["2025", "2026"]
    assert figures.total == "20" and figures.column_totals == ["8", "12"]
    assert figures.rows is not None
    rows = {row.label: (row.cells, row.total) for row in figures.rows}
    assert rows[str(Kind.OVERIG.label)] == (["0", "0"], "0")  # Amsterdam's reports are not Tilburg's
    assert rows[str(Kind.BELANGEN.label)] == (["0", "5"], "5")
    offered = rows[str(Kind.AANBOD.label)]
    assert offered[0][0] == "< 5" and offered[1] == "< 5"
    # The 2 could be worked out from the column total 8 and the 6 beside it: the 6 is hidden too.
    pressure = rows[str(Kind.DRUK.label)]
    assert pressure[0][0] == "—"
    assert "2" not in {cell for cells, _total in rows.values() for cell in cells}


def test_few_reports_show_only_that_there_are_few(tilburg: Any, make_user: Any) -> None:
    _reports(make_user(organisation=tilburg, role=Role.MEDEWERKER), Kind.DRUK, 2026, 3)
    figures = selectors.council_figures(organisation_id=tilburg.pk)
    assert figures.rows is None and figures.total == "< 5" and figures.column_totals == []


def test_a_small_year_is_taken_together_with_the_next(tilburg: Any, make_user: Any) -> None:
    reporter = make_user(organisation=tilburg, role=Role.MEDEWERKER)
    _reports(reporter, Kind.DRUK, 2024, 1)
    _reports(reporter, Kind.DRUK, 2025, 5)
    _reports(reporter, Kind.AANBOD, 2026, 2)
    figures = selectors.council_figures(organisation_id=tilburg.pk)
    # 2024 (1) folds into 2025; 2026 (2) is too small on its own and joins the group before it.
    assert figures.years == ["2024\N{EN DASH}2026"]
    assert figures.column_totals == ["8"] and figures.total == "8"
