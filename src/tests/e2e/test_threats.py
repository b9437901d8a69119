# SPDX-License-Identifier: EUPL-1.2
"""End-to-end, area C: a staff member reports a threat on a phone; the coordinator follows it up; the
figures count it, suppressed as "< 5". axe-core on every page visited."""

import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]
PHONE = {"width": 375, "height": 667}


@pytest.mark.e2e
def test_threat_report_follow_up_and_figures(new_page: Any, axe_check: AxeCheck, log_in: LogIn) -> None:
    victim = new_page(viewport=PHONE)
    log_in(victim, "medewerker.tilburg")
    victim.goto("/incidenten/melden/")
    axe_check(victim)
    victim.select_option("select[name=victim_role]", "raadslid")
    victim.check("input[name=forms][value=bedreiging]")
    victim.select_option("select[name=channel]", "social_media")
    victim.select_option("select[name=target]", "persoon")
    when = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    victim.fill("input[name=occurred_at]", when)
    victim.select_option("select[name=severity]", "4")
    victim.fill("textarea[name=description]", "Bedreigend bericht na de raadsvergadering (synthetisch).")
    submit_main_form(victim)
    victim.wait_for_url(re.compile(r"/incidenten/[0-9a-f-]{36}/$"))
    axe_check(victim)
    incident_path = victim.url.split(victim.url.split("/incidenten/")[0])[1]

    coordinator = new_page()
    log_in(coordinator, "coordinator.tilburg")
    coordinator.goto("/incidenten/")
    axe_check(coordinator)
    coordinator.goto(incident_path)
    axe_check(coordinator)
    for kind in ("ontvangstbevestiging", "reactie_dader"):
        coordinator.locator(f"button[data-step={kind}]").click()
        coordinator.wait_for_load_state("load")
        expect(coordinator.locator("main [role=status]")).to_be_visible()
        axe_check(coordinator)

    coordinator.goto(incident_path + "aangifte/")
    axe_check(coordinator)
    coordinator.select_option("select[name=filed_by]", "werkgever")
    coordinator.fill("input[name=filed_on]", timezone.localdate().isoformat())
    coordinator.fill("input[name=vpt_code]", "VPT-2026-01")
    submit_main_form(coordinator)
    coordinator.wait_for_url(f"**{incident_path}")
    expect(coordinator.locator("main")).to_contain_text("VPT-2026-01")

    coordinator.goto(incident_path + "maatregelen/nieuw/")
    axe_check(coordinator)
    coordinator.select_option("select[name=domain]", "wonen")
    coordinator.fill("input[name=description]", "Camera bij de voordeur")
    coordinator.fill("input[name=provider]", "Beveiligingsbedrijf (synthetisch)")
    coordinator.fill("input[name=starts_on]", timezone.localdate().isoformat())
    coordinator.select_option("select[name=cost_bearer]", "werkgever")
    coordinator.fill("input[name=review_on]", (timezone.localdate() + timedelta(days=90)).isoformat())
    submit_main_form(coordinator)
    coordinator.wait_for_url(f"**{incident_path}")
    expect(coordinator.locator("main")).to_contain_text("Camera bij de voordeur")
    axe_check(coordinator)

    coordinator.goto("/incidenten/inzicht/")
    from weerbaar.threats.models import Incident

    total = Incident.objects.filter(organisation__name="Gemeente Tilburg").count()
    assert Incident.objects.filter(description__startswith="Bedreigend bericht na de raadsvergadering").count() == 1
    # The new report is counted; counts of 1-4 are shown as "< 5" (small-count suppression).
    expect(coordinator.locator("#insight-total")).to_have_text("< 5" if 0 < total < 5 else str(total))
    axe_check(coordinator)
