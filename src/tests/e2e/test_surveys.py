# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, the area survey: the facilitator makes a survey from the standard questionnaire, opens it and
downloads response links; an anonymous respondent answers through one (first without answering everything:
the error summary); the link cannot be used again; a member reads the demo 1-measurement's results. axe-core
on every page visited."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]


@pytest.mark.e2e
def test_make_open_hand_out_answer_and_read_results(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    facilitator = new_page()
    log_in(facilitator, "gebied.boxtel")
    facilitator.goto("/gebiedssamenwerkingen/")
    facilitator.locator("main a", has_text="Buitengebied De Meierij").first.click()
    facilitator.get_by_test_id("action-surveys").click()
    facilitator.wait_for_url(re.compile(r"/enquetes/$"))
    axe_check(facilitator)
    facilitator.get_by_test_id("create-survey").click()
    axe_check(facilitator)
    facilitator.fill("input[name=title]", "Peiling voorjaar (e2e)")
    facilitator.check("input[name=purpose][value=tussentijds]")
    submit_main_form(facilitator)
    facilitator.wait_for_url(re.compile(r"/enquetes/[0-9a-f-]{36}/$"))
    expect(facilitator.get_by_test_id("questions")).to_contain_text("Agrariër of teler")
    axe_check(facilitator)
    facilitator.get_by_test_id("to-open").click()
    expect(facilitator.get_by_test_id("status")).to_have_text("Open")
    axe_check(facilitator)
    facilitator.get_by_test_id("action-links").click()
    axe_check(facilitator)
    facilitator.fill("input[name=count]", "2")
    facilitator.check("input[name=format][value=txt]")
    with facilitator.expect_download() as download_info:
        submit_main_form(facilitator)
    links = Path(download_info.value.path()).read_text().split()
    assert len(links) == 2
    path = "/" + links[0].split("/", 3)[3]

    respondent = new_page()
    respondent.goto(path)
    expect(respondent.locator("h1")).to_have_text("Peiling voorjaar (e2e)")
    axe_check(respondent)
    fieldsets = respondent.locator("main form fieldset")
    count = fieldsets.count()
    # Everything but the last question: the error summary names it.
    for index in range(count - 1):
        fieldsets.nth(index).locator("input").first.check()
    submit_main_form(respondent)
    expect(respondent.locator(".weerbaar-error-summary")).to_be_visible()
    axe_check(respondent)
    respondent.locator("main form fieldset").nth(count - 1).locator("input").first.check()
    submit_main_form(respondent)
    expect(respondent.get_by_test_id("thanks")).to_be_visible()
    axe_check(respondent)
    respondent.goto(path)
    expect(respondent.get_by_test_id("unusable")).to_be_visible()
    axe_check(respondent)

    member = new_page()
    log_in(member, "partner.zlto", check=False)
    member.goto("/gebiedssamenwerkingen/")
    member.locator("main a", has_text="Enquêtes").first.click()
    member.locator("main tr", has_text="1-meting bewoners").locator("a", has_text="Resultaten").click()
    expect(member.get_by_test_id("result-table").first).to_be_visible()
    axe_check(member)
