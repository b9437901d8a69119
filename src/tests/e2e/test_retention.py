# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, retention: the security coordinator finds an incident near the end of its retention in the
overview, puts it on legal hold with a reason from its own page, and the overview shows it held; the intake
team destroys an expired signal now, through the confirmation page. axe-core on every page visited."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]
HOLD_REASON = "Arbeidsrechtelijke procedure van de medewerker loopt nog (synthetisch)."
DESTROY_REASON = "Bewaarplicht vervallen; de melding hoeft niet tot de nachtelijke run te blijven."


@pytest.mark.e2e
def test_coordinator_holds_an_incident_from_the_overview(new_page: Any, axe_check: AxeCheck, log_in: LogIn) -> None:
    from weerbaar.threats.models import Incident

    ending = Incident.objects.get(description__startswith="[demo-6]")
    page = new_page()
    log_in(page, "coordinator.tilburg")
    page.get_by_role("link", name="Bewaartermijnen").click()
    page.wait_for_url("**/bewaartermijnen/")
    axe_check(page)
    soon = page.get_by_test_id("threats-binnenkort")
    row = soon.get_by_test_id("retention-row").filter(has_text=ending.reference)
    expect(row.get_by_test_id("retention-hold")).to_have_text("Nee")
    # The incident held past its retention is listed with its reason and who set the hold.
    held = page.get_by_test_id("threats-verlopen").get_by_test_id("retention-hold")
    expect(held).to_contain_text("Civiele procedure")
    expect(held).to_contain_text("ingesteld door")

    row.get_by_role("link", name=f"Incident {ending.reference}", exact=True).click()
    page.wait_for_url(f"**/incidenten/{ending.uuid}/")
    axe_check(page)
    page.get_by_test_id("legal-hold-link").click()
    page.wait_for_url(f"**/incidenten/{ending.uuid}/bewaarplicht/")
    axe_check(page)
    ends_on = (timezone.localdate() + timedelta(days=18)).isoformat()
    expect(page.get_by_test_id("consequences")).to_contain_text(f"niet vernietigd op {ends_on}")
    submit_main_form(page)  # without a reason: refused, shown on the form
    expect(page.locator("textarea[name=reason]")).to_have_attribute("aria-invalid", "true")
    axe_check(page)
    page.fill("textarea[name=reason]", HOLD_REASON)
    submit_main_form(page)
    page.wait_for_url(f"**/incidenten/{ending.uuid}/")
    expect(page.get_by_test_id("legal-hold")).to_contain_text(HOLD_REASON)
    axe_check(page)

    page.goto("/bewaartermijnen/")
    row = page.get_by_test_id("threats-binnenkort").get_by_test_id("retention-row").filter(has_text=ending.reference)
    expect(row.get_by_test_id("retention-hold")).to_contain_text(HOLD_REASON)
    expect(row.get_by_test_id("retention-hold")).to_contain_text("ingesteld door")
    axe_check(page)
    assert Incident.objects.get(pk=ending.pk).legal_hold


@pytest.mark.e2e
def test_intake_destroys_an_expired_signal_now(new_page: Any, axe_check: AxeCheck, log_in: LogIn) -> None:
    from weerbaar.signals.models import DeletionRecord, Signal

    signal = (
        Signal.objects.filter(organisation__name="Gemeente Tilburg", legal_hold=False).order_by("received_at").first()
    )
    assert signal is not None
    Signal.objects.filter(pk=signal.pk).update(retention_until=timezone.localdate() - timedelta(days=1))
    page = new_page()
    log_in(page, "meldpunt.tilburg")
    page.goto("/bewaartermijnen/")
    axe_check(page)
    row = page.get_by_test_id("signals-verlopen").get_by_test_id("retention-row").filter(has_text=signal.number)
    expect(row.get_by_test_id("retention-hold")).to_contain_text("volgende dagelijkse run")
    row.get_by_test_id("retention-destroy").click()
    page.wait_for_url(f"**/meldingen/{signal.uuid}/vernietigen/")
    axe_check(page)
    consequences = page.get_by_test_id("consequences")
    expect(consequences).to_contain_text("niet ongedaan")
    expect(consequences).to_contain_text("vernietigingsverslag")
    page.fill("textarea[name=reason]", DESTROY_REASON)
    submit_main_form(page)
    page.wait_for_url("**/bewaartermijnen/")
    expect(page.locator("main [role=status]")).to_contain_text(f"Melding {signal.number} is vernietigd")
    axe_check(page)
    assert not Signal.objects.filter(pk=signal.pk).exists()
    assert DeletionRecord.objects.filter(signal_uuid=signal.uuid).exists()
