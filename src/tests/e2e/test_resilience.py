# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, the resilience scan: the coordinator opens a scan and asks three process owners to answer
one process; each answers (one saves a draft first); the coordinator sees the consolidated score and the
findings, adds an improvement action and closes the scan; a re-scan shows the trend beside it. axe-core on
every page visited."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]
PROCESS = "Vergunningen en ontheffingen"
OWNERS = (
    ("proceseigenaar1.tilburg", "Hans Verschuren"),
    ("proceseigenaar2.tilburg", "Leila Bouzid"),
    ("proceseigenaar3.tilburg", "Wim van Beek"),
)


def _assign(page: Any, axe_check: AxeCheck, name: str) -> None:
    page.select_option("select[name=topic]", label=PROCESS)
    page.select_option("select[name=respondent]", label=name)
    submit_main_form(page)
    expect(page.get_by_test_id("assigned")).to_contain_text(name)
    axe_check(page)


def _answer(
    new_page: Callable[..., Any],
    axe_check: AxeCheck,
    log_in: LogIn,
    username: str,
    scan: str,
    level: int,
    *,
    draft_first: bool = False,
) -> None:
    owner = new_page()
    log_in(owner, username, check=False)
    owner.goto("/weerbaarheid/mijn-scanwerk/")
    axe_check(owner)
    owner.get_by_test_id("assignments").locator("li", has_text=scan).locator("a", has_text=PROCESS).click()
    owner.wait_for_url(re.compile(r"/beantwoorden/[0-9a-f-]{36}/$"))
    axe_check(owner)
    radios = owner.locator(f"main form input[name^=niveau_][value='{level}']")
    if draft_first:
        radios.first.check()
        owner.get_by_test_id("save-draft").click()
        expect(owner.get_by_test_id("status")).to_have_text("Concept")
    for index in range(radios.count()):
        radios.nth(index).check()
    owner.get_by_test_id("submit-answers").click()
    expect(owner.get_by_test_id("status")).to_have_text("Ingediend")
    axe_check(owner)
    owner.close()


@pytest.mark.e2e
def test_scan_answers_scores_actions_and_rescan_trend(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    coordinator = new_page()
    log_in(coordinator, "weerbaarheid.tilburg")
    coordinator.goto("/weerbaarheid/scans/")
    axe_check(coordinator)
    coordinator.get_by_test_id("open-scan").click()
    axe_check(coordinator)
    coordinator.fill("input[name=title]", "Scan e2e")
    submit_main_form(coordinator)
    coordinator.wait_for_url(re.compile(r"/scans/[0-9a-f-]{36}/$"))
    scan_url = coordinator.url
    axe_check(coordinator)
    coordinator.get_by_test_id("action-assign").click()
    axe_check(coordinator)
    for _username, name in OWNERS:
        _assign(coordinator, axe_check, name)

    for (username, _name), level in zip(OWNERS, (0, 1, 4), strict=True):
        _answer(new_page, axe_check, log_in, username, "Scan e2e", level, draft_first=level == 0)

    coordinator.goto(scan_url)
    expect(coordinator.get_by_test_id("scores").locator("tr", has_text=PROCESS)).to_contain_text("1,7")
    expect(coordinator.get_by_test_id("findings")).to_contain_text("Zwak")
    expect(coordinator.get_by_test_id("findings")).to_contain_text("sterk oneens")
    axe_check(coordinator)

    coordinator.get_by_test_id("action-new").click()
    axe_check(coordinator)
    coordinator.fill("input[name=title]", "Bibob-toets bij alle horecavergunningen")
    coordinator.select_option("select[name=topic]", label=PROCESS)
    coordinator.select_option("select[name=owner]", label=OWNERS[0][1])
    coordinator.fill("input[name=due_date]", "2030-06-30")
    submit_main_form(coordinator)
    coordinator.wait_for_url(re.compile(r"/acties/[0-9a-f-]{36}/$"))
    expect(coordinator.get_by_test_id("status")).to_have_text("Te doen")
    axe_check(coordinator)

    coordinator.goto(scan_url)
    coordinator.get_by_test_id("close-scan").click()
    expect(coordinator.get_by_test_id("status")).to_have_text("Afgesloten")
    axe_check(coordinator)

    coordinator.goto("/weerbaarheid/scans/nieuw/")
    coordinator.fill("input[name=title]", "Herhaalscan e2e")
    coordinator.select_option("select[name=previous]", label="Scan e2e")
    submit_main_form(coordinator)
    coordinator.wait_for_url(re.compile(r"/scans/[0-9a-f-]{36}/$"))
    rescan_url = coordinator.url
    coordinator.get_by_test_id("action-assign").click()
    _assign(coordinator, axe_check, OWNERS[1][1])
    _answer(new_page, axe_check, log_in, OWNERS[1][0], "Herhaalscan e2e", 3)

    coordinator.goto(rescan_url)
    trend = coordinator.get_by_test_id("trend").locator("tr", has_text=PROCESS)
    expect(trend).to_contain_text("1,7")
    expect(trend).to_contain_text("3,0")
    expect(trend).to_contain_text("+1,3")
    axe_check(coordinator)
