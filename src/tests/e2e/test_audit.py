# SPDX-License-Identifier: EUPL-1.2
"""End-to-end: the auditor reads the trail (objects by number), filters by object and user, checks the chain
and downloads the export. axe-core on every state of the page."""

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]


@pytest.mark.e2e
def test_auditor_reads_filters_checks_and_exports(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn, tmp_path: Path
) -> None:
    from weerbaar.accounts.models import User
    from weerbaar.accounts.selectors import actor_for
    from weerbaar.audit.constants import AuditAction
    from weerbaar.audit.services import audit_event_record
    from weerbaar.cases.models import Case

    regisseur = User.objects.get(username="regisseur.tilburg")
    actor = actor_for(user=regisseur)
    case = Case.objects.filter(owner=actor.organisation).exclude(number=None).first()
    assert case is not None and case.number
    audit_event_record(
        actor=actor, action=AuditAction.READ, obj=case, purpose="Voorbereiding casusoverleg", details={"tab": "items"}
    )

    page = new_page()
    log_in(page, "auditor.tilburg", check=False)
    page.goto("/audit/")
    axe_check(page)
    table = page.locator("table.utrecht-table")
    expect(table).to_contain_text(case.number)
    expect(table).not_to_contain_text(case.title)
    expect(table).to_contain_text("Voorbereiding casusoverleg")
    expect(table).to_contain_text("tab: items")

    # Filter by object number and by the user (chosen by UUID: no name in the address).
    page.fill("input[name=object]", case.number)
    page.select_option("select[name=user]", value=str(regisseur.uuid))
    page.locator("main form[method=get] button[type=submit]").click()
    page.wait_for_url(lambda url: "object=" in url)
    assert regisseur.username not in page.url and regisseur.last_name not in page.url
    expect(table).to_contain_text(case.number)
    axe_check(page)

    # The chain check, started from the page.
    page.get_by_role("button", name="Keten nu controleren").click()
    page.wait_for_url("**/audit/")
    expect(page.locator("section[aria-labelledby=chain-heading] .utrecht-alert--ok")).to_contain_text(
        "de keten is intact"
    )
    axe_check(page)
    # A picture to look at after a change to the page (E2E_SCREENSHOTS names a folder to keep it in).
    page.screenshot(path=str(Path(os.environ.get("E2E_SCREENSHOTS", tmp_path)) / "audit-trail.png"), full_page=True)

    # The export of the filtered trail.
    page.fill("input[name=object]", case.number)
    page.locator("main form[method=get] button[type=submit]").click()
    page.wait_for_url(lambda url: "object=" in url)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Deze gebeurtenissen exporteren (CSV)").click()
    body = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert case.number in body
    assert case.title not in body
