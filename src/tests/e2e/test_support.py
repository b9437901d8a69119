# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, support for approached entrepreneurs: a farmer reports "ik ben benaderd" in confidence and asks
for support; the trusted contact at ZLTO files the signal (without his name) and refers him to support with
his consent; the community police officer cannot open the referral (404). axe-core on every page visited."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]
FARMER = "Gijs Voerman"


@pytest.mark.e2e
def test_approached_farmer_trusted_contact_and_referral(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    farmer = new_page()
    farmer.goto("/ik-ben-benaderd/")
    axe_check(farmer)
    submit_main_form(farmer)  # nothing filled in: a readable error summary
    expect(farmer.locator(".weerbaar-error-summary")).to_be_visible()
    axe_check(farmer)
    farmer.check("input[name=asked_for][value=schuur_huren]")
    farmer.check("input[name=when][value=week]")
    farmer.select_option("select[name=municipality]", "GM0757")
    farmer.fill("textarea[name=account]", "Twee mannen boden contant geld voor de lege stal, een jaar lang.")
    farmer.fill("textarea[name=described]", "Witte bestelbus, Pools kenteken.")
    farmer.check("input[name=route][value=vertrouwenspersoon]")
    farmer.fill("input[name=contact_name]", FARMER)
    farmer.fill("input[name=contact_phone]", "06 11223344")
    farmer.check("input[name=wants_support]")
    submit_main_form(farmer)
    farmer.wait_for_url("**/ik-ben-benaderd/verzonden/")
    expect(farmer.get_by_test_id("done-confidential")).to_be_visible()
    expect(farmer.get_by_test_id("safety-advice")).to_contain_text("112")
    reference = farmer.get_by_test_id("report-reference").inner_text()
    axe_check(farmer)

    contact = new_page()
    log_in(contact, "vertrouwenspersoon.zlto")
    contact.goto("/vertrouwenspersoon/")
    axe_check(contact)
    contact.locator("main a", has_text=reference).click()
    contact.wait_for_url(re.compile(r"/benaderingen/[0-9a-f-]{36}/$"))
    expect(contact.get_by_test_id("contact")).to_contain_text(FARMER)
    report_path = "/" + contact.url.split("/", 3)[3]
    axe_check(contact)

    contact.get_by_test_id("file-signal").click()
    contact.wait_for_url("**/melden/")
    expect(contact.get_by_test_id("identity-withheld")).to_be_visible()
    axe_check(contact)
    expect(contact.locator("textarea[name=description]")).not_to_contain_text(FARMER)
    contact.select_option("select[name=phenomenon]", "drugslab")
    submit_main_form(contact)
    contact.wait_for_url(f"**{report_path}")
    axe_check(contact)

    contact.get_by_test_id("refer").click()
    contact.wait_for_url("**/verwijzen/")
    axe_check(contact)
    contact.select_option("select[name=provider]", label="Erfbetreders Brabant (fictief)")
    contact.fill("input[name=need]", "Een bezoek van de erfbetreders")
    contact.check("input[name=consent_method][value=mondeling]")
    contact.fill("input[name=consent_scope]", "Naam en nummer doorgeven aan de erfbetreders")
    submit_main_form(contact)
    contact.wait_for_url(re.compile(r"/verwijzingen/[0-9a-f-]{36}/$"))
    expect(contact.get_by_test_id("consent")).to_contain_text("Mondeling")
    referral_path = "/" + contact.url.split("/", 3)[3]
    axe_check(contact)
    contact.get_by_test_id("referral-status-link").click()
    axe_check(contact)
    contact.check("input[name=to_status][value=in_contact]")
    submit_main_form(contact)
    contact.wait_for_url(f"**{referral_path}")
    expect(contact.get_by_test_id("referral-status")).to_contain_text("In contact")
    axe_check(contact)

    police = new_page()
    log_in(police, "wijkagent.boxtel")
    for path in (referral_path, report_path, "/vertrouwenspersoon/"):
        response = police.goto(path)
        assert response is not None and response.status == 404, path
        axe_check(police)
    police.goto("/")
    expect(police.locator("main")).not_to_contain_text(FARMER)
    expect(police.locator("a[href='/vertrouwenspersoon/']")).to_have_count(0)
    axe_check(police)
