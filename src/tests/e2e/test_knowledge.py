# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, the knowledge base: the RIEC's analyst searches the barrier models, reads one with its
steps and history, follows its PDF link, opens a step's edit form and a practice case. axe-core on every
page visited."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]


@pytest.mark.e2e
def test_search_read_pdf_and_practice_case(new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn) -> None:
    page = new_page()
    log_in(page, "analist.riec")
    page.goto("/kennis/barrieremodellen/")
    axe_check(page)
    expect(page.get_by_test_id("models")).to_contain_text("Huisvesting en uitbuiting van arbeidsmigranten")

    page.fill("input[name=q]", "stal")
    page.select_option("select[name=owner_type]", "agrarisch")
    submit_main_form(page)
    page.wait_for_url(re.compile(r"q=stal"))
    models = page.get_by_test_id("models")
    expect(models).to_contain_text("Dumping van drugsafval in het buitengebied")
    expect(models).not_to_contain_text("arbeidsmigranten")
    axe_check(page)

    models.get_by_role("link", name="Dumping van drugsafval in het buitengebied").click()
    page.wait_for_url(re.compile(r"/kennis/barrieremodellen/[0-9a-f-]{36}/$"))
    expect(page.locator("main h2", has_text="Stap 4: Afval kwijtraken")).to_be_visible()
    expect(page.get_by_test_id("history")).to_contain_text("Eerste versie")
    axe_check(page)

    pdf_link = page.get_by_test_id("pdf")
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    page.get_by_role("link", name="Stap 2 bewerken").click()
    page.wait_for_url("**/stappen/2/")
    expect(page.locator("textarea[name=barrier-0-description]")).to_have_value(
        "Voorlichting aan agrariërs over verdachte huurders"
    )
    axe_check(page)

    page.goto("/kennis/praktijkcasussen/")
    axe_check(page)
    page.get_by_test_id("cases").get_by_role("link", name="Vaten in een verhuurde stal").click()
    expect(page.get_by_test_id("linked-barriers")).to_contain_text("Afval kwijtraken")
    axe_check(page)

    other = new_page()
    log_in(other, "medewerker.tilburg")
    assert other.goto("/kennis/barrieremodellen/").status == 403
