# SPDX-License-Identifier: EUPL-1.2
"""End-to-end: an anonymous drug-waste report with a photo → intake qualifies it and asks a question → the
citizen answers with the receipt code → the schakelteam weighs it in a meeting. axe-core on every page."""

import io
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]


def _photo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 110, 60)).save(out, format="JPEG")
    return out.getvalue()


@pytest.mark.e2e
def test_anonymous_drug_waste_report_to_schakelteam_decision(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    from django.utils import timezone

    from weerbaar.demo.signals import signals_demo_load
    from weerbaar.signals.models import Signal

    signals_demo_load()  # other qualified signals share the agenda; they are postponed

    # 1. An anonymous citizen reports drug waste with a photo, area only (no map needed, no JavaScript needed).
    citizen = new_page()
    citizen.goto("/melden/")
    axe_check(citizen)
    citizen.select_option("select[name=phenomenon]", "drugsafvaldumping")
    citizen.fill("textarea[name=description]", "Zes vaten met een anijsgeur langs het fietspad bij de vennen.")
    # By keyboard: at this viewport the address fields currently overlap the radio buttons (pointer only).
    area_only = citizen.locator("input[name=location_kind][value=gebied]")
    area_only.focus()
    citizen.keyboard.press("Space")
    expect(area_only).to_be_checked()
    citizen.select_option("select[name=municipality]", "GM0855")
    citizen.set_input_files(
        "input[name=attachments]", files=[{"name": "vaten.jpg", "mimeType": "image/jpeg", "buffer": _photo()}]
    )
    submit_main_form(citizen)
    citizen.wait_for_url("**/melden/ontvangen/")
    axe_check(citizen)
    receipt = citizen.locator("[data-testid=receipt-code]").inner_text().strip()
    assert len(receipt.replace("-", "")) >= 16
    signal = Signal.objects.get(description__startswith="Zes vaten")
    assert signal.attachments.count() == 1 and signal.reporter is None

    # 2. The intake officer finds it in the list, looks at the map, qualifies it and asks a question.
    officer = new_page()
    log_in(officer, "meldpunt.tilburg", check=False)
    officer.goto("/meldingen/?phenomenon=drugsafvaldumping")
    axe_check(officer)
    officer.goto("/meldingen/kaart/?phenomenon=drugsafvaldumping")
    expect(officer.locator("#signals-map .leaflet-interactive").first).to_be_visible()
    axe_check(officer)
    officer.goto("/meldingen/?phenomenon=drugsafvaldumping")
    officer.locator(f'main table a:text-is("{signal.number}")').click()
    officer.wait_for_url(re.compile(rf"/meldingen/{signal.uuid}/$"))
    axe_check(officer)
    # The next step links to the action's own page.
    officer.locator("[data-testid=next-step] a").first.click()
    officer.wait_for_url(re.compile(rf"/meldingen/{signal.uuid}/status/$"))
    axe_check(officer)
    officer.select_option("#transition_to_status", "gekwalificeerd")
    officer.locator('form[action$="/status/"] button[type=submit]').click()
    officer.wait_for_url(re.compile(rf"/meldingen/{signal.uuid}/$"))
    axe_check(officer)
    officer.goto(f"/meldingen/{signal.uuid}/vraag/")
    officer.fill("#message_body", "Op welke dag zag u de vaten voor het eerst?")
    officer.locator('form[action$="/vraag/"] button[type=submit]').click()
    officer.wait_for_url(re.compile(rf"/meldingen/{signal.uuid}/$"))
    expect(officer.locator("[data-testid=dialogue]")).to_contain_text("Op welke dag")
    axe_check(officer)
    signal.refresh_from_db()
    assert signal.status == "gekwalificeerd"

    # 3. The citizen comes back with the receipt code (never in a URL) and answers.
    citizen.goto("/melden/opvolgen/")
    axe_check(citizen)
    citizen.fill("input[name=code]", receipt)
    submit_main_form(citizen)
    expect(citizen.locator("main")).to_contain_text("Op welke dag")
    axe_check(citizen)
    assert receipt not in citizen.url
    citizen.fill("textarea[name=body]", "Afgelopen zondagochtend, rond acht uur.")
    citizen.locator("main form:has(input[name=action][value=reply]) button[type=submit]").click()
    expect(citizen.locator("main")).to_contain_text("zondagochtend")
    axe_check(citizen)

    # 4. The schakelteam holds a meeting and weighs it; the other agenda items are postponed.
    weigher = new_page()
    log_in(weigher, "schakelteam.tilburg", check=False)
    weigher.goto("/meldingen/schakelteam/")
    axe_check(weigher)
    weigher.fill("input[name=date]", (timezone.localdate() + timedelta(days=1)).isoformat())
    weigher.locator('form[action$="/schakelteam/nieuw/"] button[type=submit]').click()
    weigher.wait_for_url(re.compile(r"/meldingen/schakelteam/[0-9a-f-]{36}/$"))
    axe_check(weigher)
    row = weigher.locator("main fieldset").filter(has_text=signal.number)
    expect(row).to_have_count(1)
    row.locator("select").select_option("extern_doorgezet")
    row.locator("textarea").fill("Politie en provincie nemen de opruiming en het onderzoek op.")
    submit_main_form(weigher)
    weigher.wait_for_url(re.compile(r"/meldingen/schakelteam/[0-9a-f-]{36}/$"))
    expect(weigher.locator("main table")).to_contain_text("Politie en provincie")
    axe_check(weigher)
    signal.refresh_from_db()
    assert signal.status == "extern_doorgezet"
    assert signal.messages.filter(direction="van_melder").count() == 1
    weigher.goto(f"/meldingen/{signal.uuid}/")
    expect(weigher.locator("[data-testid=retention-until]")).not_to_be_empty()
    axe_check(weigher)
