# SPDX-License-Identifier: EUPL-1.2
"""Training completion as a figure of the situational picture: counted per organisation under area D's
threshold of 10, read by the council of that organisation only (page, CSV, spreadsheet, API), and carried by
the confidential report to the council only."""

from typing import Any

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.core.disclosure import Audience, rules_for
from weerbaar.core.figures import figure_get
from weerbaar.insights.constants import ReportKind
from weerbaar.insights.filters import filters_parse
from weerbaar.insights.models import MonthlyCount, Report
from weerbaar.insights.reports.document import report_sections
from weerbaar.insights.selectors import figure_base_cells, figure_table
from weerbaar.insights.services import aggregates_refresh
from weerbaar.training import services
from weerbaar.training.tests.factories import actor_of_user, department_with_staff, in_days, pass_module, shipped_module

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tilburg: Any, amsterdam: Any, make_user: Any) -> dict[str, Any]:
    """Tilburg: 25 staff (15 passed); Amsterdam: 16 staff (10 passed, 6 not yet: a group under 10)."""
    module = shipped_module()
    staff: dict[str, list[Any]] = {}
    for organisation, short, sizes, passed in ((tilburg, "Tilb", (12, 13), 15), (amsterdam, "Amst", (16,), 10)):
        coordinator = actor_of_user(
            make_user(organisation=organisation, role=Role.WEERBAARHEIDSCOORDINATOR), organisation
        )
        people: list[Any] = []
        for i, size in enumerate(sizes):
            department, members = department_with_staff(coordinator, make_user, f"{short}{i}", size)
            services.assignment_create(actor=coordinator, module=module, due_date=in_days(30), department=department)
            people += members
        for user in people[:passed]:
            pass_module(user, organisation, module)
        staff[organisation.name] = people
    aggregates_refresh(full=True)
    return {
        "module": module,
        "staff": staff,
        "council": make_user(organisation=tilburg, role=Role.RAADSLID),
        "council_amsterdam": make_user(organisation=amsterdam, role=Role.RAADSLID),
    }


def _api(client: Any, figure: str, **query: str) -> Any:
    return client.get(reverse("insights_api:inzichten-detail", kwargs={"figuur": figure}), query)


def _shown(answer: dict[str, Any]) -> list[list[str]]:
    return [row["cellen"] for row in answer["rijen"] if any(cell != "0" for cell in row["cellen"])]


def test_each_council_reads_its_own_organisation_only_rounded_and_under_the_threshold_of_ten(
    world: dict[str, Any], tilburg: Any, amsterdam: Any
) -> None:
    tilburg_council = _api(verified_client(world["council"]), "opleiding-voortgang").json()
    # On time, late, not yet due, overdue, total (the council's audience rounds to 5).
    assert _shown(tilburg_council) == [["15", "0", "10", "0", "25"]]
    assert tilburg_council["drempel"] == 10 and tilburg_council["weggelatenCellen"] == 0
    amsterdam_council = _api(verified_client(world["council_amsterdam"]), "opleiding-voortgang").json()
    # Amsterdam's 6 not yet passed are more than 5 but fewer than 10: left out, and only Amsterdam's 10 shown.
    assert _shown(amsterdam_council) == [["10", "0", "0", "0", "10"]]
    assert amsterdam_council["weggelatenCellen"] == 1
    # The base cells a council reads are its own organisation's, whatever the other organisation counted.
    filters = filters_parse({})
    figure = figure_get("opleiding-voortgang")
    assert figure is not None
    from weerbaar.accounts.selectors import actor_for

    actor = actor_for(user=world["council"], organisation_uuid=tilburg.uuid)
    cells = figure_base_cells(actor=actor, figure=figure, filters=filters)
    assert cells and {c.organisation_id for c in cells} == {tilburg.pk}
    assert MonthlyCount.objects.filter(series="training.completion", organisation=amsterdam).exists()
    # Under the platform's floor of 5 the 6 would show; the series' own threshold of 10 keeps it out.
    internal = figure_table(actor=actor, figure=figure, filters=filters, rules=rules_for(Audience.INTERNAL)).table
    assert internal.threshold == 10


def test_the_figure_is_a_chart_a_table_and_files_for_the_council_and_nobody_else(
    world: dict[str, Any], tilburg: Any, make_user: Any
) -> None:
    council = verified_client(world["council"])
    page = council.get(reverse("insights:dashboard")).content.decode()
    assert 'data-testid="figure-opleiding-voortgang"' in page and 'data-testid="figure-opleiding-stand"' in page
    csv_text = council.get(reverse("insights:csv", args=["opleiding-voortgang"])).content.decode()
    assert ";15;0;10;0;25" in csv_text
    assert council.get(reverse("insights:xlsx", args=["opleiding-stand"])).content[:2] == b"PK"
    assert _api(council, "opleiding-stand", formaat="csv").status_code == 200
    listed = council.get(reverse("insights_api:inzichten-list")).json()
    assert "opleiding-voortgang" in str(listed)
    # Who reads the organisation's other figures but not its staff's: 404; without insights.view: 403.
    for role in (Role.MELDPUNT, Role.PROGRAMMAMANAGER):
        client = verified_client(make_user(organisation=tilburg, role=role))
        assert _api(client, "opleiding-voortgang").status_code == 404
        assert client.get(reverse("insights:csv", args=["opleiding-voortgang"])).status_code == 404
        assert (
            'data-testid="figure-opleiding-voortgang"' not in client.get(reverse("insights:dashboard")).content.decode()
        )
    coordinator = verified_client(make_user(organisation=tilburg, role=Role.WEERBAARHEIDSCOORDINATOR))
    assert coordinator.get(reverse("insights:csv", args=["opleiding-voortgang"])).status_code == 403


def test_the_incremental_refresh_counts_a_new_pass(world: dict[str, Any], tilburg: Any) -> None:
    for user in world["staff"][tilburg.name][15:20]:
        pass_module(user, tilburg, world["module"])
    aggregates_refresh()
    answer = _api(verified_client(world["council"]), "opleiding-voortgang").json()
    assert _shown(answer) == [["20", "0", "0", "0", "20"]]  # 20 passed; 5 not yet: fewer than 10, left out
    assert answer["weggelatenCellen"] == 1


def test_only_the_confidential_report_to_the_council_carries_completion_per_department(
    world: dict[str, Any], tilburg: Any
) -> None:
    def report(kind: str) -> Report:
        return Report.objects.create(
            organisation=tilburg, kind=kind, title="R", period_start=in_days(-60), period_end=in_days(0)
        )

    confidential = report_sections(report(ReportKind.RAAD_VERTROUWELIJK))
    assert [str(s.title) for s in confidential] == ["Training completion per department"]
    assert "Tilb0" in confidential[0].html and "Whole organisation" in confidential[0].html
    for kind in (ReportKind.RAAD_OPENBAAR, ReportKind.JAARVERANTWOORDING, ReportKind.ONDERMIJNINGSBEELD):
        assert report_sections(report(kind)) == []
