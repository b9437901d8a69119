# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, the situational picture: the intake officer reads the dashboard (charts with their tables,
freshness) and the map by municipality, filters on a phenomenon, downloads a table as CSV, sends a wrong month
(the error summary); the council member reads the rounded figures. axe-core on every page visited."""

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]


@pytest.mark.e2e
def test_the_dashboard_per_role(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn, tmp_path: Path
) -> None:
    intake = new_page()
    log_in(intake, "meldpunt.tilburg")
    intake.goto("/inzichten/")
    expect(intake.get_by_test_id("freshness")).to_contain_text("Bijgewerkt op")
    figure = intake.get_by_test_id("figure-meldingen-per-maand")
    expect(figure.locator("svg[role=img]")).to_be_visible()
    expect(figure.locator("table caption")).to_contain_text("Meldingen per maand")
    chart_map = intake.get_by_test_id("map")
    expect(chart_map.locator("svg[role=img] > title")).to_contain_text("Kaart: Meldingen per gemeente")
    expect(chart_map.get_by_test_id("map-table")).to_contain_text("Tilburg")
    # A picture to look at after a change to the map (E2E_SCREENSHOTS names a folder to keep it in).
    chart_map.screenshot(path=str(Path(os.environ.get("E2E_SCREENSHOTS", tmp_path)) / "inzichten-kaart.png"))
    axe_check(intake)

    intake.select_option("#filter-fenomeen", "hennepteelt")
    intake.locator("main form button[type=submit]").click()
    expect(intake.get_by_test_id("figure-meldingen-per-fenomeen")).to_contain_text("Alleen het gekozen fenomeen.")
    with intake.expect_download() as download_info:
        intake.get_by_test_id("csv-meldingen-per-maand").click()
    assert Path(download_info.value.path()).read_text(encoding="utf-8").splitlines()[-1].startswith("Totaal;")
    with intake.expect_download() as download_info:
        intake.get_by_test_id("xlsx-meldingen-per-maand").click()
    assert Path(download_info.value.path()).read_bytes()[:2] == b"PK"  # an XLSX is a zip archive

    intake.goto("/inzichten/?van=2026-13")
    expect(intake.get_by_test_id("filter-errors")).to_contain_text("jaar-maand")
    axe_check(intake)

    council = new_page()
    log_in(council, "raadslid.tilburg", check=False)
    council.goto("/inzichten/")
    expect(council.locator("main")).to_contain_text("afgerond op 5")
    expect(council.get_by_test_id("figure-casussen-open-gesloten")).to_be_visible()
    amounts = council.get_by_test_id("figure-interventies-bedragen")
    expect(amounts.locator("table caption")).to_contain_text("Bedragen opgelegd en in beslag genomen")
    expect(amounts.locator("p").first).to_contain_text("afgerond op 1.000 euro")
    completion = council.get_by_test_id("figure-opleiding-voortgang")
    expect(completion.locator("svg[role=img]")).to_be_visible()
    expect(completion.locator("table caption")).to_contain_text("Voortgang training")
    expect(completion.locator("table tbody")).to_contain_text("50")  # the demo's 48 passed, rounded to 5
    assert completion.get_by_test_id("csv-opleiding-voortgang").get_attribute("href")
    training = council.get_by_test_id("section-opleiding")
    expect(training.locator("h2")).to_have_text("Voortgang training per afdeling")
    shots = Path(os.environ.get("E2E_SCREENSHOTS", tmp_path))
    amounts.screenshot(path=str(shots / "inzichten-bedragen.png"))
    completion.screenshot(path=str(shots / "inzichten-opleiding-figuur.png"))
    training.screenshot(path=str(shots / "inzichten-opleiding.png"))
    axe_check(council)
    _at_two_widths(council, shots, "inzichten-raadslid")


def _at_two_widths(page: Any, shots: Path, name: str) -> None:
    """The dashboard at a desktop's and a phone's width: pictures to look at, and no part of the page wider
    than the window on the phone (a wide table or chart scrolls inside its own region)."""
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=width == 1280)
        page.get_by_test_id("map").screenshot(path=str(shots / f"{name}-kaart-{width}.png"))
        page.locator("section[data-testid^=figure-]").first.screenshot(path=str(shots / f"{name}-figuur-{width}.png"))
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width


@pytest.mark.e2e
def test_the_map_outlines_the_partnership_areas_of_a_new_user(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn, tmp_path: Path
) -> None:
    """The area director of Boxtel who also becomes the municipality's programme manager: on his first visit
    the map outlines the partnership's area, visibly (a dashed line of some width and length on the map)."""
    from weerbaar.accounts.constants import Role
    from weerbaar.accounts.models import User
    from weerbaar.accounts.services import role_assign
    from weerbaar.organisations.models import Organisation

    user = User.objects.get(username="gebied.boxtel")
    role_assign(
        actor=None, user=user, organisation=Organisation.objects.get(name="Gemeente Boxtel"), role=Role.PROGRAMMAMANAGER
    )
    page = new_page()
    log_in(page, "gebied.boxtel", check=False)
    page.goto("/inzichten/")
    chart_map = page.get_by_test_id("map")
    expect(chart_map.get_by_test_id("map-outlines")).to_contain_text("Buitengebied De Meierij")
    outline = chart_map.locator("path.map-outline").first
    expect(outline).to_be_visible()
    box = outline.bounding_box()
    assert box is not None and box["width"] > 20 and box["height"] > 20, box
    stroke = outline.evaluate("p => parseFloat(getComputedStyle(p).strokeWidth)")
    assert stroke >= 1, stroke
    axe_check(page)
    _at_two_widths(page, Path(os.environ.get("E2E_SCREENSHOTS", tmp_path)), "inzichten-gebied")


@pytest.mark.e2e
def test_every_role_with_the_dashboard_reads_it_accessibly(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    """Every demo user whose role reads the situational picture: the dashboard answers with figures or with the
    explanation that there is nothing to show, states its audience and freshness, and has no WCAG violation."""
    from weerbaar.accounts.constants import ROLE_PERMISSIONS, Perm
    from weerbaar.accounts.models import RoleAssignment

    roles = [role for role, codes in ROLE_PERMISSIONS.items() if Perm.INSIGHTS_VIEW in codes]
    readers = dict(
        RoleAssignment.objects.filter(role__in=roles, user__is_active=True)
        .order_by("role", "user__username")
        .values_list("role", "user__username")
    )  # one demo user per role
    assert len(readers) >= 4, readers
    for username in readers.values():
        page = new_page()
        log_in(page, username, check=False)
        response = page.goto("/inzichten/")
        assert response is not None and response.status == 200, username
        expect(page.get_by_test_id("freshness")).to_be_visible()
        expect(page.locator("h1")).to_be_visible()
        axe_check(page)
        page.context.close()
