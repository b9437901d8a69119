# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, integrity: a staff member of Gemeente Tilburg reports in confidence that he was offered
something; only the integrity coordinator sees it (his line manager gets 404 on the report's page) and moves
it on; the staff member sees the new status. axe-core on every page visited."""

import secrets
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, submit_main_form

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]
ACCOUNT = "Een leverancier bood mij een weekend weg aan als de aanbesteding zijn kant op valt."


def _line_manager() -> str:
    from weerbaar.accounts import services as account_services
    from weerbaar.accounts.constants import Role
    from weerbaar.organisations.models import Organisation

    user, _password = account_services.user_create(
        actor=None,
        username="e2e.leidinggevende.tilburg",
        first_name="Lieke",
        last_name="Leiding",
        email="e2e.leidinggevende@demo.weerbaar.invalid",
        home_organisation=Organisation.objects.get(name="Gemeente Tilburg"),
        role=Role.LEIDINGGEVENDE,
        password=DEMO_PASSWORD,
    )
    account_services.demo_totp_device_set(user=user, secret_hex=secrets.token_hex(20))
    return user.username


@pytest.mark.e2e
def test_a_pressure_report_only_the_integrity_coordinator_sees(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    from weerbaar.integrity.models import PressureReport

    staff = new_page()
    log_in(staff, "medewerker.tilburg", check=False)
    staff.goto("/integriteit/mijn-meldingen/")
    axe_check(staff)
    staff.get_by_test_id("report-new").click()
    staff.wait_for_url("**/integriteit/melden/")
    axe_check(staff)
    submit_main_form(staff)  # nothing filled in: a readable error summary
    expect(staff.locator(".weerbaar-error-summary")).to_be_visible()
    axe_check(staff)
    staff.check("input[name=kind][value=aanbod]")
    staff.select_option("select[name=when]", "week")
    staff.fill("textarea[name=account]", ACCOUNT)
    submit_main_form(staff)
    staff.wait_for_url("**/integriteit/mijn-meldingen/*/")
    expect(staff.get_by_test_id("status")).to_contain_text("Ontvangen")
    axe_check(staff)
    report = PressureReport.objects.get(account=ACCOUNT)

    manager = new_page()
    log_in(manager, _line_manager(), check=False)
    response = manager.goto(f"/integriteit/meldingen/{report.uuid}/")
    assert response is not None and response.status == 404
    expect(manager.locator("main")).not_to_contain_text(ACCOUNT)
    axe_check(manager)

    coordinator = new_page()
    log_in(coordinator, "integriteit.tilburg", check=False)
    coordinator.goto("/integriteit/meldingen/")
    axe_check(coordinator)
    coordinator.get_by_role("link", name=report.reference).click()
    expect(coordinator.get_by_test_id("account")).to_contain_text(ACCOUNT)
    axe_check(coordinator)
    coordinator.get_by_role("link", name="Status wijzigen").click()
    axe_check(coordinator)
    coordinator.check("input[name=to_status][value=in_gesprek]")
    submit_main_form(coordinator)
    coordinator.wait_for_url(f"**/integriteit/meldingen/{report.uuid}/")
    expect(coordinator.get_by_test_id("status")).to_contain_text("In gesprek")
    axe_check(coordinator)

    staff.reload()
    expect(staff.get_by_test_id("status")).to_contain_text("In gesprek")
