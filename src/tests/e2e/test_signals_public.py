# SPDX-License-Identifier: EUPL-1.2
"""End-to-end: a farmer reports a barn rental offer and follows it; an anonymous citizen reports on a phone."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]


def path_of(page: Any) -> str:
    return urlsplit(page.url).path


def in_page_language(page: Any, text: Any) -> str:
    language = page.evaluate("() => document.documentElement.lang") or "nl"
    with translation.override(language):
        return str(text)


def fill_what_and_where(page: Any, *, description: str) -> None:
    page.select_option("select[name=phenomenon]", "hennepteelt")
    page.check("input[name=indicators][value=huuraanbod]")
    page.fill("textarea[name=description]", description)
    page.fill("input[name=occurred_on]", (timezone.localdate() - timedelta(days=3)).isoformat())
    page.check("input[name=location_kind][value=adres]")
    page.fill("input[name=street]", "Hoevenseweg")
    page.fill("input[name=house_number]", "12")
    page.fill("input[name=postcode]", "5017 AB")
    page.fill("input[name=city]", "Tilburg")


def no_horizontal_scroll(page: Any) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


@pytest.mark.e2e
def test_farmer_reports_a_barn_rental_offer_and_sees_only_its_status(
    page: Any, axe_check: AxeCheck, log_in: LogIn
) -> None:
    from weerbaar.signals.constants import Status
    from weerbaar.signals.models import Signal

    log_in(page, "partner.zlto", check=False)
    page.goto("/meldingen/nieuw/")
    expect(page.locator("[data-location-picker]")).to_be_visible()  # the optional map came up
    expect(page.locator("[data-location-picker] .leaflet-container")).to_have_count(1)
    axe_check(page)
    expect(page.locator("input[name=forwarded_channel]")).to_have_count(0)

    fill_what_and_where(page, description="Een onbekende bood veel contant geld om mijn lege schuur te huren.")
    # The first subject: the barn's address. Choosing the kind shows only its fields.
    page.select_option("select[name=subjects-0-kind]", "adres")
    expect(page.locator("input[name=subjects-0-plate]")).to_be_hidden()
    page.fill("input[name=subjects-0-street]", "Hoevenseweg")
    page.fill("input[name=subjects-0-house_number]", "12")
    page.fill("input[name=subjects-0-postcode]", "5017AB")
    submit_main_form(page)

    page.wait_for_url("**/meldingen/nieuw/verzonden/")
    signal = Signal.objects.filter(reporter__username="partner.zlto").order_by("-received_at", "-pk").first()
    assert signal is not None and signal.indicators == ["huuraanbod"]
    expect(page.locator("main")).to_contain_text(signal.number)
    axe_check(page)
    assert signal.channel == "gebiedspartner"
    assert signal.municipality is not None and signal.municipality.name == "Tilburg"

    page.locator('main a[href="/meldingen/mijn/"]').click()
    page.wait_for_url("**/meldingen/mijn/")
    row = page.locator("main table tr").filter(has_text=signal.number)
    expect(row).to_contain_text(in_page_language(page, Status(signal.status).label))
    axe_check(page)
    row.locator("a").click()
    page.wait_for_url(f"**/meldingen/mijn/{signal.uuid}/")
    expect(page.locator("[data-testid=signal-status]")).to_have_text(
        in_page_language(page, Status(signal.status).label)
    )
    expect(page.locator("main")).not_to_contain_text("5017")  # subjects are not shown back
    axe_check(page)

    response = page.goto("/meldingen/")
    assert response is not None and response.status in (403, 404), "a private partner must not open the intake list"


@pytest.mark.e2e
def test_anonymous_report_on_a_small_phone(new_page: Callable[..., Any], axe_check: AxeCheck) -> None:
    page = new_page(viewport={"width": 320, "height": 720})
    page.goto("/melden/")
    expect(page.locator("h1")).to_be_visible()
    assert no_horizontal_scroll(page), "the anonymous form scrolls sideways at 320 px"
    axe_check(page)

    page.locator("main form.utrecht-form button[type=submit]").last.click()  # empty: errors at the top
    expect(page.locator("main .weerbaar-error-summary")).to_be_visible()
    assert no_horizontal_scroll(page)
    axe_check(page)

    fill_what_and_where(page, description="Vaten met een sterke anijsgeur langs het bospad achter de schuur.")
    page.locator("main form.utrecht-form button[type=submit]").last.click()
    page.wait_for_url("**/melden/ontvangen/")
    code = page.locator("[data-testid=receipt-code]").inner_text().strip()
    assert len(code.replace("-", "")) >= 16
    assert code not in page.url
    assert no_horizontal_scroll(page)
    axe_check(page)

    page.goto("/melden/opvolgen/")
    axe_check(page)
    page.fill("input[name=code]", code)
    submit_main_form(page)
    expect(page.locator("[data-testid=signal-status]")).to_be_visible()
    assert path_of(page) == "/melden/opvolgen/" and code not in page.url
    assert no_horizontal_scroll(page)
    axe_check(page)
    page.fill("textarea[name=body]", "Het waren er minstens tien.")
    submit_main_form(page)
    expect(page.locator("main .utrecht-alert--ok")).to_be_visible()
    axe_check(page)
