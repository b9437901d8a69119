# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, awareness training: a staff member finds the assigned module on the start page, reads its
pages, sends the answers first incomplete (the error summary), then all of them, reads the feedback and
downloads the certificate; the line manager reads the department's figures. axe-core on every page visited."""

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
def test_a_staff_member_completes_the_module_and_downloads_the_certificate(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    staff = new_page()
    log_in(staff, "medewerker1.tilburg")
    expect(staff.get_by_test_id("start-training")).to_be_visible()
    axe_check(staff)
    staff.get_by_test_id("start-training").locator("a", has_text="Ondermijning herkennen en melden").click()
    staff.wait_for_url(re.compile(r"/trainingen/modules/[0-9a-f-]{36}/$"))
    axe_check(staff)
    while staff.locator("main a", has_text="Volgende pagina").count():
        staff.locator("main a", has_text="Volgende pagina").click()
    staff.locator("main a", has_text="Naar de vragen").click()
    expect(staff.locator("main h2", has_text="Dilemma's om te bespreken")).to_be_visible()
    axe_check(staff)

    fieldsets = staff.locator("main form fieldset")
    count = fieldsets.count()
    assert count == 6
    for index in range(count - 1):
        fieldsets.nth(index).locator("input").first.check()  # the first option is the right one in this module
    submit_main_form(staff)
    expect(staff.locator(".weerbaar-error-summary")).to_be_visible()
    axe_check(staff)
    staff.locator("main form fieldset").nth(count - 1).locator("input").first.check()
    submit_main_form(staff)
    staff.wait_for_url(re.compile(r"/trainingen/resultaten/[0-9a-f-]{36}/$"))
    expect(staff.get_by_test_id("outcome")).to_contain_text("Geslaagd")
    axe_check(staff)
    with staff.expect_download() as download_info:
        staff.get_by_test_id("certificate").click()
    assert Path(download_info.value.path()).read_bytes().startswith(b"%PDF")

    manager = new_page()
    log_in(manager, "leidinggevende.tilburg", check=False)
    manager.goto("/trainingen/voortgang/afdeling/")
    expect(manager.get_by_test_id("completion").first).to_contain_text("Vergunningen")
    axe_check(manager)
