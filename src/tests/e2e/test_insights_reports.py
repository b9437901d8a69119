# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, the reports of the situational picture: the OOV adviser of Tilburg first sends the form without
a period (the error summary), then asks for a report to the council with her own text. The task is held back
until the page shows the report waiting, then run: the page's script sees it finish and the progress bar
reaches "Klaar". She downloads the PDF and reads it back (tagged, the classification and page numbers on
every page, her text in it). axe-core on every page visited."""

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form
from tests.pdf import assert_tagged_and_marked, pdf_text

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]
SHOTS = Path(os.environ.get("WEERBAAR_SCREENSHOTS", "")) if os.environ.get("WEERBAAR_SCREENSHOTS") else None


def _shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / name), full_page=True)


@pytest.mark.e2e
def test_a_report_to_the_council(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    from weerbaar.insights.models import Report
    from weerbaar.insights.reports import services

    # The test settings run tasks at once; hold this one back to see the page wait and its script follow.
    monkeypatch.setattr(services, "_enqueue", lambda report: None)
    page = new_page()
    log_in(page, "regisseur.tilburg", check=False)
    page.goto("/inzichten/")
    page.get_by_role("link", name="Rapporten (pdf)").click()
    expect(page.locator("h1")).to_have_text("Rapporten")
    axe_check(page)
    page.get_by_role("link", name="Nieuw rapport").click()
    expect(page.locator("h1")).to_have_text("Nieuw rapport")
    axe_check(page)

    page.select_option("#id_kind", "raadsrapportage_vertrouwelijk")
    page.fill("#id_title", "Raadsrapportage ondermijning Tilburg")
    page.fill("#id_van", "")
    submit_main_form(page)
    summary = page.locator(".weerbaar-error-summary")
    expect(summary).to_contain_text("Geef de eerste maand van de periode.")
    axe_check(page)
    _shot(page, "insights-report-form-errors.png")

    page.fill("#id_van", "2026-01")
    page.fill("#id_tot", "2026-11")
    page.fill("#id_summary", "In 2026 kwamen meer meldingen van hennepteelt binnen dan in het jaar ervoor.")
    page.fill("#id_analysis", "De meldingen concentreren zich in het buitengebied.")
    submit_main_form(page)

    page.wait_for_url("**/inzichten/rapporten/*/")
    label = page.get_by_test_id("report-progress-label")
    expect(label).to_have_text("Het rapport staat in de wachtrij.")
    bar = page.locator("progress#report-progress-bar")
    assert bar.get_attribute("value") is None  # indeterminate while waiting
    expect(page.get_by_test_id("report-refresh")).to_be_hidden()  # the script polls; no link needed
    axe_check(page)
    _shot(page, "insights-report-waiting.png")
    services.report_generate(report_id=Report.objects.get().pk)

    expect(label).to_have_text("Klaar: de pdf kan worden gedownload.", timeout=15_000)
    assert bar.get_attribute("value") == bar.get_attribute("max")
    axe_check(page)
    _shot(page, "insights-report-done.png")

    with page.expect_download() as download_info:
        page.get_by_test_id("report-versions").locator("a").first.click()
    pdf = Path(download_info.value.path()).read_bytes()
    pages = assert_tagged_and_marked(pdf, classification="Vertrouwelijk")
    assert pages >= 2
    text = pdf_text(pdf)
    assert "Raadsrapportage ondermijning Tilburg" in text and "buitengebied" in text
    assert "Meldingen per maand" in text and "afgerond op 5" in text

    page.goto("/inzichten/rapporten/")
    expect(page.get_by_test_id("reports")).to_contain_text("Raadsrapportage ondermijning Tilburg")
    _shot(page, "insights-report-list.png")
