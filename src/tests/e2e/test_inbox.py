# SPDX-License-Identifier: EUPL-1.2
"""End-to-end: "My work" on the demo data — the menu count with its spoken label, the start tile, the page
for the intake, the case director and the security coordinator, the digest switch; axe-core on every page,
screenshots at 1280 by 800 and at 400 px wide."""

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]

SCREENSHOTS = Path(os.environ.get("E2E_SCREENSHOTS", "/tmp"))  # noqa: S108 - a place to look at, not to trust


@pytest.mark.e2e
def test_my_work(new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn) -> None:
    page = new_page(viewport={"width": 1280, "height": 800})
    log_in(page, "meldpunt.tilburg", check=False)
    page.goto("/")
    axe_check(page)
    nav_link = page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=re.compile(r"^Mijn werk"))
    expect(nav_link).to_be_visible()
    badge = nav_link.locator("[data-testid=nav-badge]")
    if badge.count():
        count = badge.inner_text()
        expect(nav_link).to_have_accessible_name(f"Mijn werk, {count} openstaand")
    expect(page.locator("main").get_by_role("link", name="Mijn werk")).to_be_visible()

    page.locator("main").get_by_role("link", name="Mijn werk").click()
    page.wait_for_url("**/mijn-werk/")
    expect(page.get_by_role("heading", level=1, name="Mijn werk")).to_be_visible()
    expect(nav_link).to_have_attribute("aria-current", "page")
    expect(page.locator("[data-testid=inbox-summary]")).to_contain_text("Antwoorden van melders")
    expect(page.locator("[data-testid=section-steps]")).to_contain_text("Melding te kwalificeren")
    axe_check(page)
    page.screenshot(path=str(SCREENSHOTS / "inbox-1280.png"), full_page=True)

    # Every row links by number or title, never by a personal detail: the links are the objects' pages.
    for href in page.locator("main table a").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert re.fullmatch(r"/[a-z-]+/([a-z-]+/)?([0-9a-f-]{36}/)?", href), href

    # The daily digest switch.
    page.locator("#digest_daily").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/mijn-werk/")
    expect(page.locator("[role=status]")).to_contain_text("dagelijks")
    expect(page.locator("#digest_daily")).to_be_checked()
    axe_check(page)

    # A phone-sized window.
    narrow = new_page(viewport={"width": 400, "height": 800})
    log_in(narrow, "regisseur.tilburg", check=False)
    narrow.goto("/mijn-werk/")
    expect(narrow.locator("[data-testid=section-actions]")).to_contain_text("Actiepunt uit overleg")
    axe_check(narrow)
    narrow.screenshot(path=str(SCREENSHOTS / "inbox-400.png"), full_page=True)

    # Area C: the security coordinator sees the follow-up steps of their incidents.
    coordinator = new_page()
    log_in(coordinator, "coordinator.tilburg", check=False)
    coordinator.goto("/mijn-werk/")
    expect(coordinator.locator("[data-testid=section-steps]")).to_contain_text("Opvolgstap")
    axe_check(coordinator)
