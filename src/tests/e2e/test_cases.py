# SPDX-License-Identifier: EUPL-1.2
"""End-to-end: signal → case → invite police and tax office → police adds an item requiring consent →
strategy with a 13b closure and a Bibob screening, a step marked done and the police's consent, each on its
own page → a casusoverleg decides (on the agenda item's own page) → the closure report downloads.
axe-core on every page visited."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]


def _submit(page: Any, action_suffix: str) -> None:
    page.locator(f'main form[action$="{action_suffix}"] button[type=submit]').first.click()


@pytest.mark.e2e
def test_signal_to_case_to_closure_report(new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn) -> None:
    from weerbaar.cases.models import Case
    from weerbaar.demo.signals import signals_demo_load
    from weerbaar.organisations.models import Organisation
    from weerbaar.signals.models import Signal

    signals_demo_load()
    tilburg = Organisation.objects.get(name="Gemeente Tilburg")
    signal = Signal.objects.filter(organisation=tilburg).order_by("received_at").first()
    assert signal is not None

    # 1. The case director starts a case from the signal.
    regisseur = new_page()
    log_in(regisseur, "regisseur.tilburg", check=False)
    regisseur.goto("/casussen/")
    axe_check(regisseur)
    regisseur.goto(f"/casussen/nieuw/?melding={signal.uuid}")
    axe_check(regisseur)
    expect(regisseur.locator(f"input[name=signals][value='{signal.uuid}']")).to_be_checked()
    regisseur.fill("input[name=title]", "Loods Biezenmortel — drugsafval")
    regisseur.locator("input[name=phenomena][value=drugsafvaldumping]").check()
    regisseur.locator("main form.utrecht-form button[type=submit]").first.click()
    regisseur.wait_for_url(re.compile(r"/casussen/[0-9a-f-]{36}/$"))
    axe_check(regisseur)
    case = Case.objects.get(title="Loods Biezenmortel — drugsafval")
    detail = f"/casussen/{case.uuid}/"

    # 2. … and invites the police and the tax office.
    for name in ("Politie eenheid Zeeland-West-Brabant", "Belastingdienst regio Zuid"):
        regisseur.goto(f"{detail}deelnemers/")  # the invite form has its own page
        regisseur.select_option("#member_organisation", label=name)
        _submit(regisseur, "/deelnemers/")
        regisseur.wait_for_url(re.compile(rf"{detail}$"))
        expect(regisseur.locator("[data-testid=members]")).to_contain_text(name)
    axe_check(regisseur)

    # 3. The police liaison adds an item that needs the police's consent before it is passed on.
    police = new_page()
    log_in(police, "liaison.politie", check=False)
    police.goto(detail)
    axe_check(police)
    police.goto(f"{detail}gegevens/")  # the add-item form has its own page
    axe_check(police)
    police.select_option("#item_kind", "bevinding")
    police.fill("#item_title", "Verhoogd stroomverbruik loods")
    police.select_option("#item_regime", "wpg")
    police.locator("#item_consent_required").check()
    _submit(police, "/gegevens/")
    police.wait_for_url(re.compile(rf"{detail}$"))
    expect(police.locator("[data-testid=consent-badge]")).to_be_visible()
    axe_check(police)
    # The director does not see it: no consent, no assessment.
    regisseur.goto(detail)
    expect(regisseur.locator("main")).not_to_contain_text("Verhoogd stroomverbruik loods")

    # 4. The strategy: a 13b closure and a Bibob screening, both by the municipality (on the action's own page).
    regisseur.goto(f"{detail}interventies/")
    regisseur.select_option("#intervention_type", "sluiting_13b")
    regisseur.select_option("#intervention_owner", label="Gemeente Tilburg")
    _submit(regisseur, "/interventies/")
    regisseur.wait_for_url(re.compile(rf"{detail}$"))
    regisseur.goto(f"{detail}interventies/")
    regisseur.select_option("#intervention_type", "bibob")
    regisseur.select_option("#intervention_owner", label="Gemeente Tilburg")
    regisseur.fill("#intervention_bibob_reference", "BIBOB-2026-0042")
    _submit(regisseur, "/interventies/")
    regisseur.wait_for_url(re.compile(rf"{detail}$"))
    expect(regisseur.locator("[data-testid=intervention]")).to_have_count(2)
    axe_check(regisseur)
    # A statutory step is marked done on its own page, reached from the strategy's table.
    regisseur.locator("[data-testid=intervention] table a", has_text="Markeren als afgerond").first.click()
    regisseur.wait_for_url(re.compile(r"/stappen/[a-z0-9_-]+/$"))
    expect(regisseur.locator("[data-testid=action-about]")).to_contain_text("Sluiting")
    axe_check(regisseur)
    regisseur.locator("main form.utrecht-form button[type=submit]").click()
    regisseur.wait_for_url(re.compile(rf"{detail}$"))
    expect(regisseur.locator("main [role=status]")).to_be_visible()

    # The police consents to the municipality seeing its item, on the item's own page.
    police.goto(detail)
    police.locator("[data-testid=item] a", has_text="Toestemming geven").click()
    police.wait_for_url(re.compile(r"/toestemming/$"))
    expect(police.locator("[data-testid=action-about]")).to_contain_text("Verhoogd stroomverbruik loods")
    axe_check(police)
    police.select_option("main select[name=to]", label="Gemeente Tilburg")
    _submit(police, "/toestemming/")
    police.wait_for_url(re.compile(rf"{detail}$"))

    # 5. A casusoverleg decides.
    regisseur.goto("/casussen/overleggen/nieuw/")
    axe_check(regisseur)
    regisseur.select_option("select[name=kind]", "casusoverleg")
    regisseur.fill("input[name=date]", "2026-03-16")
    regisseur.locator(f"input[name=cases][value='{case.uuid}']").check()
    regisseur.locator("main form.utrecht-form button[type=submit]").first.click()
    regisseur.wait_for_url(re.compile(r"/casussen/overleggen/[0-9a-f-]{36}/$"))
    axe_check(regisseur)
    regisseur.locator("[data-testid=decision-link]").first.click()  # the decision has its own page
    regisseur.wait_for_url(re.compile(r"/besluit/\?casus="))
    axe_check(regisseur)
    regisseur.fill("main textarea[name=decision]", "Sluiting 13b voorbereiden; Bibob-toets bij vergunningaanvraag.")
    _submit(regisseur, "/besluit/")
    regisseur.wait_for_url(re.compile(r"/casussen/overleggen/[0-9a-f-]{36}/$"))
    expect(regisseur.locator("[data-testid=decision]")).to_contain_text("Sluiting 13b voorbereiden")
    expect(regisseur.locator("[data-testid=classification]")).to_be_visible()
    axe_check(regisseur)
    regisseur.goto("/casussen/overleggen/")
    axe_check(regisseur)

    # 6. The accountability report downloads as a PDF.
    regisseur.goto(detail)
    with regisseur.expect_download() as info:
        regisseur.locator("[data-testid=report-link]").click()
    path = info.value.path()
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    # No script or resource errors on the case pages (the log-in pages are another test's concern).
    errors = [e for e in regisseur.recorder.errors() + police.recorder.errors() if "/casussen/" in e]
    assert not errors, errors


@pytest.mark.e2e
def test_signal_to_case_with_subjects_action_item_and_safe_closure(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn, tmp_path: Any
) -> None:
    """Start a case from the signal page (its subjects come over), complete a meeting's action item on the
    case page, and see the closure page state what closing does before it is confirmed."""
    from django.urls import reverse

    from weerbaar.cases.models import Case
    from weerbaar.correlation.models import Subject
    from weerbaar.demo.signals import signals_demo_load
    from weerbaar.organisations.models import Organisation
    from weerbaar.signals.models import Signal

    signals_demo_load()
    tilburg = Organisation.objects.get(name="Gemeente Tilburg")
    signal = Signal.objects.filter(organisation=tilburg, subjects__isnull=False).distinct().first()
    assert signal is not None
    subjects = Subject.objects.filter(signal=signal).count()

    page = new_page()
    log_in(page, "regisseur.tilburg", check=False)
    page.goto(reverse("signals:detail", kwargs={"uuid": signal.uuid}))
    page.locator("[data-testid=start-case]").screenshot(path=str(tmp_path / "signal-start-case.png"))
    page.locator("[data-testid=start-case]").click()
    page.wait_for_url(re.compile(r"/casussen/nieuw/\?melding="))
    expect(page.locator("[data-testid=start-from-signal]")).to_be_visible()
    expect(page.locator(f"input[name=signals][value='{signal.uuid}']")).to_be_checked()
    expect(page.locator("input[name=title]")).not_to_have_value("")
    page.screenshot(path=str(tmp_path / "start-case.png"), full_page=True)
    axe_check(page)
    page.fill("input[name=title]", "Casus uit melding — drugsafval")
    page.locator("main form.utrecht-form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/casussen/[0-9a-f-]{36}/$"))
    case = Case.objects.get(title="Casus uit melding — drugsafval")
    assert Subject.objects.filter(case_item__case=case).count() == subjects
    detail = f"/casussen/{case.uuid}/"

    # A meeting agrees an action item, already overdue; the municipality completes it on the case page.
    page.goto("/casussen/overleggen/nieuw/")
    page.select_option("select[name=kind]", "casusoverleg")
    page.fill("input[name=date]", "2026-03-16")
    page.locator(f"input[name=cases][value='{case.uuid}']").check()
    page.locator("main form.utrecht-form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r"/casussen/overleggen/[0-9a-f-]{36}/$"))
    page.locator("[data-testid=action-add-link]").first.click()  # a new action item has its own page
    page.wait_for_url(re.compile(r"/actiepunten/\?casus="))
    axe_check(page)
    page.fill("main input[name=description]", "Eigenaar loods aanschrijven")
    page.select_option("main select[name=owner]", label="Gemeente Tilburg")
    page.fill("main input[name=due_on]", "2026-03-01")
    _submit(page, "/actiepunten/")
    page.wait_for_url(re.compile(r"/casussen/overleggen/[0-9a-f-]{36}/$"))
    page.screenshot(path=str(tmp_path / "meeting.png"), full_page=True)
    axe_check(page)
    page.goto(detail)
    expect(page.locator("[data-testid=action-overdue]")).to_be_visible()
    page.locator("[data-testid=action-items]").screenshot(path=str(tmp_path / "action-items.png"))
    axe_check(page)
    _submit(page, "/gereed/")
    page.wait_for_url(re.compile(rf"{detail}$"))
    expect(page.locator("[data-testid=action-overdue]")).to_have_count(0)
    expect(page.locator("[data-testid=action-item]")).to_contain_text("Afgerond")

    # A Bibob screening runs: the closure page says so and asks for explicit confirmation.
    page.goto(f"{detail}interventies/")
    page.select_option("#intervention_type", "bibob")
    page.select_option("#intervention_owner", label="Gemeente Tilburg")
    page.fill("#intervention_started_on", "2026-03-02")
    _submit(page, "/interventies/")
    page.wait_for_url(re.compile(rf"{detail}$"))
    page.locator("[data-testid=close-link]").click()
    page.wait_for_url(re.compile(r"/afsluiten/$"))
    expect(page.locator("[data-testid=close-blocking]")).to_be_visible()
    expect(page.locator("[data-testid=close-running]")).to_contain_text("Bibob")
    page.screenshot(path=str(tmp_path / "close.png"), full_page=True)
    axe_check(page)
    page.fill("#close_reason", "Strategie uitgevoerd.")
    _submit(page, "/afsluiten/")
    expect(page.locator("#close_confirm_blocking")).to_be_visible()
    assert Case.objects.get(pk=case.pk).status != "afgesloten"
    page.fill("#close_reason", "Strategie uitgevoerd; de Bibob-toets loopt apart door.")
    page.locator("#close_confirm_blocking").check()
    _submit(page, "/afsluiten/")
    page.wait_for_url(re.compile(rf"{detail}$"))
    expect(page.locator("[data-testid=case-status]")).to_have_text("Afgesloten")
    axe_check(page)
