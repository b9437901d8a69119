# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, area A: the facilitator sets up a partnership and adds participants with their ceiling and a
representative; the farmers' representative writes its directory entry; the facilitator sends an area
alert (a licence plate in it is refused first); the farmer finds the alert on the start page. axe-core on
every page visited. PDOK is blocked, as on a machine without internet: the directory map falls back to the
municipal boundaries."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]
PDOK = re.compile(r"^https://[^/]*pdok\.nl/")
NAME = "Buitengebied Kampina"


def _page(new_page: Callable[..., Any]) -> Any:
    page = new_page()
    page.route(PDOK, lambda route: route.abort("internetdisconnected"))
    return page


def _add_participant(page: Any, axe_check: AxeCheck, organisation: str, ceiling: str, person: str) -> None:
    page.get_by_test_id("action-participant").click()
    page.wait_for_url("**/deelnemers/nieuw/")
    axe_check(page)
    value = page.locator("select[name=organisation] option", has_text=organisation).first.get_attribute("value")
    page.select_option("select[name=organisation]", value)
    page.select_option("select[name=ceiling]", ceiling)
    page.select_option("select[name=legal_basis]", "convenant")
    submit_main_form(page)
    page.wait_for_url(re.compile(r"/deelnemers/[0-9a-f-]{36}/$"))
    axe_check(page)
    page.locator("main a[href$='/vertegenwoordigers/nieuw/']").click()
    axe_check(page)
    page.select_option("select[name=user]", label=person)
    page.fill("input[name=function]", "Lid werkgroep")
    submit_main_form(page)
    page.wait_for_url("**/vertegenwoordigers/")
    expect(page.get_by_test_id("representatives")).to_contain_text(person)
    axe_check(page)
    page.locator("main a", has_text=NAME).first.click()


@pytest.mark.e2e
def test_set_up_directory_alert_and_start_page(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    facilitator = _page(new_page)
    log_in(facilitator, "gebied.boxtel")
    facilitator.goto("/gebiedssamenwerkingen/")
    axe_check(facilitator)
    facilitator.get_by_test_id("create-partnership").click()
    axe_check(facilitator)
    facilitator.fill("input[name=name]", NAME)
    facilitator.select_option("select[name=area_type]", "buitengebied")
    facilitator.select_option("select[name=municipalities]", ["GM0757", "GM0824"])
    facilitator.fill("textarea[name=objectives]", "Elkaar kennen; drugsafval en criminele huur van schuren tegengaan.")
    submit_main_form(facilitator)
    facilitator.wait_for_url(re.compile(r"/gebiedssamenwerkingen/[0-9a-f-]{36}/$"))
    partnership_path = "/" + facilitator.url.split("/", 3)[3]
    expect(facilitator.get_by_test_id("next-steps")).to_contain_text("Politie")
    axe_check(facilitator)

    _add_participant(facilitator, axe_check, "Politie eenheid Oost-Brabant", "persoonlijk", "Sander Verbruggen")
    _add_participant(facilitator, axe_check, "ZLTO afdeling Hart van Brabant", "operationeel", "Gerrit Hendriks")
    expect(facilitator.get_by_test_id("participants")).to_contain_text("ZLTO afdeling Hart van Brabant")
    axe_check(facilitator)

    farmer = _page(new_page)
    log_in(farmer, "partner.zlto")
    farmer.goto(partnership_path)
    axe_check(farmer)
    # A private partner: operational data, no names of other organisations' people.
    expect(farmer.get_by_test_id("ceiling")).to_contain_text("geen persoonsgegevens")
    expect(farmer.locator("main")).not_to_contain_text("Sander Verbruggen")
    farmer.get_by_test_id("next-step").filter(has_text="ZLTO").locator("a").click()
    axe_check(farmer)
    farmer.fill("textarea[name=description]", "Belangenbehartiger van de agrariërs in het gebied.")
    farmer.fill("input[name=expertise]", "schuren, huuraanbod")
    farmer.check("input[name=contact_consent]")
    farmer.fill("input[name=contact_name]", "Gerrit Hendriks")
    farmer.fill("input[name=contact_phone]", "06 12345678")
    farmer.fill("input[name=latitude]", "51.58")
    farmer.fill("input[name=longitude]", "5.29")
    submit_main_form(farmer)
    farmer.wait_for_url("**/gids/")
    expect(farmer.get_by_test_id("entry")).to_contain_text("+31612345678")
    expect(farmer.get_by_test_id("where")).to_contain_text("51.580")
    expect(farmer.locator("#directory-map.leaflet-container")).to_be_visible()
    axe_check(farmer)

    facilitator.goto(partnership_path)
    facilitator.get_by_test_id("action-alert").click()
    expect(facilitator.get_by_test_id("saar")).to_contain_text("112")
    axe_check(facilitator)
    facilitator.select_option("select[name=theme]", "huuraanbod")
    facilitator.fill("textarea[name=text]", "Busje VX-123-Z vraagt naar leegstaande schuren.")
    submit_main_form(facilitator)
    expect(facilitator.locator("main")).to_contain_text("kleur en merk")
    axe_check(facilitator)
    facilitator.fill(
        "textarea[name=text]", "Een witte bestelbus, merk Ford, vraagt bij boerderijen naar leegstaande schuren."
    )
    facilitator.fill("input[name=location_text]", "Omgeving Kampina")
    submit_main_form(facilitator)
    facilitator.wait_for_url(re.compile(r"/berichten/[0-9a-f-]{36}/$"))
    axe_check(facilitator)

    farmer.goto("/")
    block = farmer.get_by_test_id("start-partnerships")
    expect(block).to_contain_text(NAME)
    alerts = block.locator("section", has_text=NAME).get_by_test_id("start-alerts")
    expect(alerts).to_contain_text("Omgeving Kampina")
    axe_check(farmer)
    alerts.locator("a").first.click()
    expect(farmer.get_by_test_id("alert-text")).to_contain_text("merk Ford")
    axe_check(farmer)
