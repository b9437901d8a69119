# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, joint actions. The case director plans an integrated inspection, adds a partner, draws the
locations with a random share (the seed is shown), briefs it, downloads the briefing pack, renames the action
and reads its public summary as a page. On the day of the demo's business-park inspection three partners
record findings at a phone's width; the police officer's connection drops after sending, and the very same
submission is sent again: one finding, not two. The planner turns findings into a signal and into an
intervention of a case, and reads the debrief. axe-core on every page visited."""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form
from tests.pdf import assert_tagged_and_marked, pdf_text

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]
PHONE = {"width": 390, "height": 844}
PARK = "Integrale controle bedrijventerrein Kraaiven"
LOCATION = re.compile(r"/locaties/[0-9a-f-]{36}/$")
REGISTER = "\n".join(f"Bedrijvenweg {n}, 5048 AA Tilburg" for n in range(1, 21))


def _open_operation(page: Any, title: str) -> str:
    page.goto("/acties/")
    page.get_by_test_id("operations").get_by_role("link", name=title).first.click()
    page.wait_for_url(re.compile(r"/acties/[0-9a-f-]{36}/$"))
    return "/" + page.url.split("/", 3)[3]


def _choose(page: Any, select: str, text: str) -> None:
    value = page.locator(f"{select} option", has_text=text).first.get_attribute("value")
    page.select_option(select, value)


@pytest.mark.e2e
def test_plan_select_with_a_random_share_and_brief(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    today = timezone.localdate().isoformat()
    planner = new_page()
    log_in(planner, "regisseur.tilburg")
    planner.goto("/acties/")
    axe_check(planner)
    planner.get_by_test_id("plan-operation").click()
    axe_check(planner)
    planner.check("input[name=kind][value=integrale_controle]")
    planner.fill("input[name=title]", "Integrale controle Bedrijvenweg")
    planner.fill("input[name=starts_on]", today)
    planner.fill("input[name=ends_on]", today)
    planner.select_option("select[name=municipalities]", ["GM0855"])
    submit_main_form(planner)
    planner.wait_for_url(re.compile(r"/acties/[0-9a-f-]{36}/$"))
    operation = "/" + planner.url.split("/", 3)[3]
    expect(planner.get_by_test_id("status")).to_have_text("Voorbereiding")
    axe_check(planner)

    planner.get_by_test_id("action-partner").click()
    axe_check(planner)
    _choose(planner, "select[name=organisation]", "Politie eenheid Zeeland-West-Brabant")
    planner.select_option("select[name=domain]", "politie")
    planner.fill("input[name=legal_basis]", "Politiewet 2012, art. 3")
    submit_main_form(planner)
    planner.goto(operation)
    expect(planner.get_by_test_id("partners")).to_contain_text("Politie eenheid Zeeland-West-Brabant")

    planner.get_by_test_id("action-select").click()
    axe_check(planner)
    planner.fill("textarea[name=premises]", REGISTER)
    planner.fill("input[name=random_share]", "25")
    submit_main_form(planner)
    planner.goto(operation + "selectie/")
    seed = planner.get_by_test_id("seed")
    expect(seed).to_contain_text("25 %")
    expect(seed).to_contain_text("20")  # the register's size
    assert re.search(r"startgetal \d+", seed.inner_text())
    # A quarter of twenty premises, drawn at random; each with the reason it was chosen.
    expect(planner.get_by_test_id("locations").locator("tbody tr")).to_have_count(5)
    expect(planner.get_by_test_id("locations")).to_contain_text("Willekeurig getrokken")
    axe_check(planner)

    planner.goto(operation)
    planner.check("input[name=to_status][value=briefed]")
    planner.locator("form[action$='/status/'] button[type=submit]").click()
    expect(planner.get_by_test_id("status")).to_have_text("Gebriefd")
    axe_check(planner)
    with planner.expect_download() as download:
        planner.get_by_test_id("action-briefing-pdf").click()
    pdf = open(download.value.path(), "rb").read()  # noqa: SIM115 - Playwright's temporary file
    assert assert_tagged_and_marked(pdf, classification="VERTROUWELIJK") >= 1
    text = pdf_text(pdf)
    assert "Politie eenheid Zeeland-West-Brabant" in text and "Politiewet 2012" in text
    assert "Bedrijvenweg" in text

    # Plans change: the planner renames the action, and reads its public summary as a page.
    planner.get_by_test_id("action-edit").click()
    axe_check(planner)
    planner.fill("input[name=title]", "Integrale controle Bedrijvenweg-Zuid")
    submit_main_form(planner)
    expect(planner.locator("h1")).to_have_text("Integrale controle Bedrijvenweg-Zuid")
    planner.get_by_test_id("action-public").click()
    expect(planner.get_by_test_id("public-figures")).to_be_visible()
    axe_check(planner)


def _record(page: Any, axe_check: AxeCheck, operation: str, partner: str, checked: str, *, compliant: bool) -> str:
    """Open the checklist at a phone's width, pick the first location and fill in the finding form; returns
    the form's page so that the caller decides how it is sent."""
    page.goto(operation + "controlelijst/")
    expect(page.get_by_test_id("checklist")).to_be_visible()
    axe_check(page)
    page.get_by_test_id("checklist").locator("a[href$='/bevinding/']").first.click()
    page.wait_for_url("**/bevinding/")
    axe_check(page)
    if page.locator("select[name=partner]").count():
        _choose(page, "select[name=partner]", partner)
    page.fill("input[name=checked]", checked)
    page.check(f"input[name=compliant][value={'ja' if compliant else 'nee'}]")
    return page.url


@pytest.mark.e2e
def test_findings_of_three_partners_one_retried_follow_ups_and_debrief(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    planner = new_page(viewport=PHONE)
    log_in(planner, "regisseur.tilburg")
    operation = _open_operation(planner, PARK)
    axe_check(planner)

    # The municipality records its own finding.
    _record(planner, axe_check, operation, "Gemeente Tilburg", "Vluchtwegen en brandmelders", compliant=False)
    planner.select_option("select[name=severity]", "midden")
    submit_main_form(planner)
    # Back on the location's page, with the new finding among those the planner may read.
    planner.wait_for_url(LOCATION)
    planner.get_by_test_id("findings").locator("li", has_text="Vluchtwegen en brandmelders").locator("a").click()
    planner.wait_for_url(re.compile(r"/bevindingen/[0-9a-f-]{36}/$"))
    municipal_finding = planner.url
    expect(planner.get_by_test_id("finding")).to_contain_text("Vluchtwegen en brandmelders")
    axe_check(planner)

    # The police officer's connection drops after the form was sent: the server has it, the phone never hears.
    police = new_page(viewport=PHONE)
    log_in(police, "liaison.politie")
    _record(police, axe_check, operation, "Politie", "Identiteit aanwezigen en voertuigen", compliant=True)
    sent: dict[str, Any] = {}

    def drop_after_sending(route: Any) -> None:
        if route.request.method != "POST" or sent:
            route.continue_()
            return
        sent.update(body=route.request.post_data, headers=route.request.headers, url=route.request.url)
        route.fetch(max_redirects=0)  # reaches the server and is recorded there
        route.abort("internetdisconnected")  # but the answer never arrives

    police.route("**/bevinding/", drop_after_sending)
    submit_main_form(police)
    police.wait_for_url(re.compile(r"^chrome-error:"))  # the browser's own "no connection" page
    assert sent, "the form was not sent"
    police.unroute("**/bevinding/")
    # The phone sends the very same submission again (the browser's "resend"): the same hidden key.
    retry = police.request.post(
        sent["url"],
        data=sent["body"],
        headers={"Content-Type": sent["headers"]["content-type"], "Referer": sent["url"]},
        max_redirects=0,
    )
    assert retry.status == 302, retry.status
    police.goto(retry.headers["location"])
    findings = police.get_by_test_id("findings")
    # The police see their own findings (the demo's and this one, once), and nothing of the municipality's.
    expect(findings.locator("li", has_text="Identiteit aanwezigen en voertuigen")).to_have_count(1)
    expect(findings).not_to_contain_text("Gemeente Tilburg")
    axe_check(police)

    tax = new_page(viewport=PHONE)
    log_in(tax, "fiod.belastingdienst")
    _record(tax, axe_check, operation, "Belastingdienst", "Loonadministratie", compliant=False)
    submit_main_form(tax)
    tax.wait_for_url(LOCATION)
    expect(tax.get_by_test_id("findings")).to_contain_text("Loonadministratie")
    axe_check(tax)

    # The planner sees all three at the first location, each once.
    planner.goto(operation + "controlelijst/")
    planner.get_by_test_id("checklist").locator("h2 a").first.click()
    findings = planner.get_by_test_id("findings")
    for checked in ("Vluchtwegen en brandmelders", "Identiteit aanwezigen en voertuigen", "Loonadministratie"):
        expect(findings.locator("li", has_text=checked)).to_have_count(1)

    # Follow-ups: an order under penalty in a case of the planner's, and a tax investigation as a signal.
    due = (timezone.localdate() + timedelta(days=14)).isoformat()
    planner.goto(municipal_finding)
    planner.get_by_test_id("add-follow-up").click()
    axe_check(planner)
    planner.select_option("select[name=kind]", "last_onder_dwangsom")
    _choose(planner, "select[name=owner]", "Gemeente Tilburg")
    planner.fill("input[name=due_on]", due)
    case_value = planner.locator("select[name=case] option:not([value=''])").first.get_attribute("value")
    planner.select_option("select[name=case]", case_value)
    submit_main_form(planner)
    planner.goto(municipal_finding)
    expect(planner.get_by_test_id("follow-ups")).to_contain_text("Last onder dwangsom")
    axe_check(planner)

    planner.get_by_test_id("add-follow-up").click()
    planner.select_option("select[name=kind]", "aangifte_politie")
    _choose(planner, "select[name=owner]", "Politie eenheid Zeeland-West-Brabant")
    planner.fill("input[name=due_on]", due)
    planner.fill("textarea[name=description]", "Onveilige situatie en mogelijk illegale bewoning in bedrijfshal.")
    submit_main_form(planner)
    planner.goto(municipal_finding)
    rows = planner.get_by_test_id("follow-ups").locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(planner.get_by_test_id("follow-ups")).to_contain_text("Aangifte")

    planner.goto(operation + "debriefing/")
    expect(planner.get_by_test_id("key-figures")).to_be_visible()
    # The demo's four findings and today's three.
    expect(planner.get_by_test_id("findings-total")).to_have_text("7")
    axe_check(planner)
