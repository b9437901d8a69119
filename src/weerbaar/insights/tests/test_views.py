# SPDX-License-Identifier: EUPL-1.2
"""The dashboard, its CSV files and the API, for viewers of two organisations: each reads only figures over
his own organisation's objects, under his audience's rules."""

import csv
import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.audit.models import AuditEvent
from weerbaar.insights.models import DailyCount, MonthlyCount
from weerbaar.insights.services import aggregates_refresh
from weerbaar.organisations.models import Organisation


def _world(tilburg: Organisation, amsterdam: Organisation, make_signals: Callable[..., Any]) -> None:
    make_signals(tilburg, 7)
    make_signals(tilburg, 3, municipality="GM0363")  # a small cell: left out everywhere
    make_signals(amsterdam, 9, municipality="GM0363")
    aggregates_refresh(full=True)


def _api(client: Any, figure: str, **query: str) -> Any:
    return client.get(reverse("insights_api:inzichten-detail", kwargs={"figuur": figure}), query)


def test_each_viewer_reads_his_own_organisation_only(
    tilburg: Organisation, amsterdam: Organisation, make_user: Callable[..., Any], make_signals: Callable[..., Any]
) -> None:
    _world(tilburg, amsterdam, make_signals)
    tilburg_intake = verified_client(make_user(organisation=tilburg, role=Role.MELDPUNT))
    amsterdam_intake = verified_client(make_user(organisation=amsterdam, role=Role.MELDPUNT))

    body = _api(tilburg_intake, "meldingen-per-maand").json()
    assert body["totalen"] == ["7"] and body["weggelatenCellen"] == 1 and body["publiek"] == "internal"
    assert _api(amsterdam_intake, "meldingen-per-maand").json()["totalen"] == ["9"]

    by_region = _api(tilburg_intake, "meldingen-per-gemeente").json()
    assert [(r["code"], r["cellen"]) for r in by_region["rijen"]] == [("GM0855", ["7"])]
    # Filtering on the municipality of the small cell shows nothing of it (not "< 5", not 3).
    filtered = _api(tilburg_intake, "meldingen-per-maand", gemeente="GM0363").json()
    assert filtered["totalen"] == ["0"]

    response = tilburg_intake.get(reverse("insights:csv", kwargs={"slug": "meldingen-per-maand"}))
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert rows[-1] == ["Totaal", "7"] or rows[-1] == ["Total", "7"]
    assert "9" not in {cell for row in rows[1:] for cell in row[1:]}
    assert AuditEvent.objects.filter(action="export", object_type="insights.figure").exists()

    page = tilburg_intake.get(reverse("insights:dashboard"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="figure-meldingen-per-maand"' in html and "<svg" in html and "<caption" in html
    assert 'data-testid="figure-casussen-open-gesloten"' not in html  # cases are need-to-know: no org figures


def test_council_reads_rounded_figures_and_case_figures(
    tilburg: Organisation,
    amsterdam: Organisation,
    make_user: Callable[..., Any],
    make_signals: Callable[..., Any],
    make_cases: Callable[..., Any],
) -> None:
    director = make_user(organisation=tilburg, role=Role.CASUSREGISSEUR)
    make_cases(tilburg, director, 6)
    make_cases(amsterdam, director, 8)
    _world(tilburg, amsterdam, make_signals)
    council = verified_client(make_user(organisation=tilburg, role=Role.RAADSLID))
    body = _api(council, "meldingen-per-maand").json()
    assert body["publiek"] == "council" and body["totalen"] == ["5"]  # 7 rounded to 5
    cases = _api(council, "casussen-open-gesloten").json()
    assert cases["totalen"] == ["5", "0", "5"]  # 6 open, rounded; Amsterdam's 8 not counted
    # The case director sees cases through membership only: no organisation figure of cases.
    director_client = verified_client(director)
    assert _api(director_client, "casussen-open-gesloten").status_code == 404
    names = [f["naam"] for f in director_client.get(reverse("insights_api:inzichten-list")).json()]
    assert "meldingen-per-maand" in names and "casussen-open-gesloten" not in names
    # The security coordinator reads threat figures, not signals.
    coordinator = verified_client(make_user(organisation=tilburg, role=Role.VEILIGHEIDSCOORDINATOR))
    assert _api(coordinator, "meldingen-per-maand").status_code == 404
    assert _api(coordinator, "dreigingen-aangifte").status_code == 200


def test_bad_filters_are_explained(tilburg: Organisation, make_user: Callable[..., Any]) -> None:
    client = verified_client(make_user(organisation=tilburg, role=Role.MELDPUNT))
    page = client.get(reverse("insights:dashboard"), {"van": "2026-13", "gemeente": "Tilburg"})
    assert page.status_code == 400
    assert 'data-testid="filter-errors"' in page.content.decode()
    response = _api(client, "meldingen-per-maand", van="2026-05", tot="2026-01")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert [p["name"] for p in response.json()["invalidParams"]] == ["van"]
    assert (
        client.get(reverse("insights:csv", kwargs={"slug": "meldingen-per-maand"}), {"fenomeen": "x"}).status_code
        == 400
    )
    assert _api(client, "bestaat-niet").status_code == 404


def test_the_api_gives_the_figure_as_csv_and_xlsx(
    tilburg: Organisation, amsterdam: Organisation, make_user: Callable[..., Any], make_signals: Callable[..., Any]
) -> None:
    """``formaat=csv|xlsx``: the same file as the page's download (same cells, same suppression), audited as an
    export; outside the caller's scope 404, a wrong format 400 with invalidParams."""
    _world(tilburg, amsterdam, make_signals)
    client = verified_client(make_user(organisation=tilburg, role=Role.MELDPUNT))
    page_csv = client.get(reverse("insights:csv", kwargs={"slug": "meldingen-per-maand"})).content
    api_csv = _api(client, "meldingen-per-maand", formaat="csv")
    assert api_csv.status_code == 200 and api_csv["Content-Type"] == "text/csv; charset=utf-8"
    assert api_csv["Content-Disposition"] == 'attachment; filename="meldingen-per-maand.csv"'
    assert api_csv.content == page_csv
    rows = list(csv.reader(io.StringIO(api_csv.content.decode()), delimiter=";"))
    assert rows[-1][1] == "7" and "9" not in {cell for row in rows[1:] for cell in row[1:]}

    api_xlsx = _api(client, "meldingen-per-gemeente", formaat="xlsx", gemeente="GM0855")
    assert api_xlsx.status_code == 200 and api_xlsx["Content-Type"].endswith("spreadsheetml.sheet")
    with zipfile.ZipFile(io.BytesIO(api_xlsx.content)) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
        strings = book.read("xl/sharedStrings.xml").decode()
    numbers = {int(n) for n in re.findall(r'<c r="[A-Z]+\d+"(?: s="\d+")?><v>(\d+)</v>', sheet)}
    assert 7 in numbers and not numbers & {3, 9}  # no small cell, no Amsterdam
    assert "GM0855" in strings  # the explanation sheet names the filter
    exports = AuditEvent.objects.filter(action="export", object_type="insights.figure", details__part="api")
    assert sorted(exports.values_list("details__format", flat=True)) == ["csv", "xlsx"]
    assert api_xlsx.has_header("API-Version")

    wrong = _api(client, "meldingen-per-maand", formaat="pdf")
    assert wrong.status_code == 400 and [p["name"] for p in wrong.json()["invalidParams"]] == ["formaat"]
    coordinator = verified_client(make_user(organisation=tilburg, role=Role.VEILIGHEIDSCOORDINATOR))
    assert _api(coordinator, "meldingen-per-maand", formaat="xlsx").status_code == 404
    assert _api(client, "meldingen-per-maand").json()["totalen"] == ["7"]  # JSON stays the default


def test_amounts_and_closure_months_are_summed_over_enough_interventions_only(
    tilburg: Organisation,
    amsterdam: Organisation,
    make_user: Callable[..., Any],
    make_cases: Callable[..., Any],
) -> None:
    from decimal import Decimal

    from weerbaar.cases.models import Intervention

    director = make_user(organisation=tilburg, role=Role.CASUSREGISSEUR)
    cases = make_cases(tilburg, director, 7) + make_cases(amsterdam, director, 5)
    for i, case in enumerate(cases):
        Intervention.objects.create(
            case=case,
            type="sluiting_13b",
            owner=case.owner,
            legal_basis="Opiumwet 13b",
            amount_levied=Decimal("1000.20"),  # seven at Tilburg: summed
            amount_seized=Decimal("400") if i < 2 else None,  # two: left out
            closure_months=3 if i < 5 else None,
        )
    aggregates_refresh(full=True)
    manager = verified_client(make_user(organisation=tilburg, role=Role.PROGRAMMAMANAGER))
    amounts = _api(manager, "interventies-bedragen").json()
    shown = [row["cellen"] for row in amounts["rijen"] if row["cellen"] != ["0", "0"]]
    assert shown == [["7001", "0"]]  # Amsterdam's 5 are another organisation's; the 2 seizures left out
    assert amounts["weggelatenCellen"] == 1 and amounts["totalen"] == []
    months = _api(manager, "interventies-sluitingsmaanden").json()
    assert [row["cellen"] for row in months["rijen"] if row["cellen"] != ["0"]] == [["15"]]
    # The council reads the same sums (over counts of interventions of at least 5), rounded for publication:
    # euros to the thousand, months to 5; the case director, who reads cases on need-to-know, none.
    council = verified_client(make_user(organisation=tilburg, role=Role.RAADSLID))
    assert [
        r["cellen"] for r in _api(council, "interventies-bedragen").json()["rijen"] if r["cellen"] != ["0", "0"]
    ] == [["7000", "0"]]
    council_months = _api(council, "interventies-sluitingsmaanden").json()["rijen"]
    assert [r["cellen"] for r in council_months if r["cellen"] != ["0"]] == [["15"]]
    assert _api(verified_client(director), "interventies-bedragen").status_code == 404
    page = manager.get(reverse("insights:dashboard"))
    assert 'data-testid="figure-interventies-bedragen"' in page.content.decode()
    csv_text = manager.get(reverse("insights:csv", args=["interventies-bedragen"])).content.decode()
    assert ";7001;0" in csv_text

    # One large levy in the same cell: the incremental refresh keeps it as the cell's largest amount; the
    # organisation's own staff still read the sum, the council no longer (one levy is most of it).
    Intervention.objects.create(
        case=cases[0], type="sluiting_13b", owner=tilburg, legal_basis="Opiumwet 13b", amount_levied=Decimal("20000")
    )
    aggregates_refresh()
    levied = {"series": "cases.amounts", "organisation": tilburg, "category": "invordering"}
    assert list(MonthlyCount.objects.filter(**levied).values_list("count", "amount", "amount_max")) == [
        (8, 27001, 20000)
    ]
    assert DailyCount.objects.get(**levied).amount_max == 20000
    shown = [r["cellen"] for r in _api(manager, "interventies-bedragen").json()["rijen"] if r["cellen"] != ["0", "0"]]
    assert shown == [["27001", "0"]]
    for_council = _api(council, "interventies-bedragen").json()
    assert [r["cellen"] for r in for_council["rijen"] if r["cellen"] != ["0", "0"]] == []
    assert for_council["weggelatenCellen"] == 2  # the two seizures (too few) and the dominated levies
    page = council.get(reverse("insights:dashboard")).content.decode()
    assert "2 cellen weggelaten (minder dan 5, of één bedrag meer dan 50 % van de som)" in page
    aggregates_refresh(full=True)  # the full rebuild keeps the same largest amount
    assert MonthlyCount.objects.get(**levied).amount_max == 20000
