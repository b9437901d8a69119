# SPDX-License-Identifier: EUPL-1.2
"""End-to-end: a functional administrator resets a colleague's second factor on its own confirmation page
(consequences, a required reason, cancel), the roles offered fit the organisation, and the colleague's
enrolment page shows the whole QR code at desktop and phone widths. axe-core on every page visited."""

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DEMO_PASSWORD, submit_main_form

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]
SHOTS = Path(os.environ.get("WEERBAAR_SCREENSHOTS", "")) if os.environ.get("WEERBAAR_SCREENSHOTS") else None


def _shot(page: Any, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / name), full_page=True)


def _qr_fully_visible(page: Any) -> None:
    """The code's modules lie inside the drawn SVG, and the SVG inside the viewport (no clipping)."""
    box = page.evaluate(
        """() => {
            const svg = document.querySelector('.weerbaar-qr svg');
            const s = svg.getBoundingClientRect(), p = svg.querySelector('path').getBoundingClientRect();
            return {s: [s.left, s.top, s.right, s.bottom], p: [p.left, p.top, p.right, p.bottom],
                    vw: document.documentElement.clientWidth};
        }"""
    )
    (sl, st, sr, sb), (pl, pt, pr, pb) = box["s"], box["p"]
    assert sl <= pl and st <= pt and pr <= sr + 0.5 and pb <= sb + 0.5, box
    assert sl >= 0 and sr <= box["vw"], box
    assert sr - sl >= 150, box  # still large enough to scan


@pytest.mark.e2e
def test_admin_resets_second_factor_with_a_reason_then_the_colleague_enrols(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    from weerbaar.accounts.models import User
    from weerbaar.audit.constants import AuditAction
    from weerbaar.audit.models import AuditEvent

    colleague = User.objects.get(username="medewerker.tilburg")
    admin = new_page()
    log_in(admin, "beheer.tilburg", check=False)
    admin.goto(f"/beheer/gebruikers/{colleague.uuid}/")
    axe_check(admin)
    # Only roles a municipality may hold are offered; the empty choice is not Django's dashes.
    offered = admin.locator("select[name=role] option").evaluate_all("os => os.map(o => o.value)")
    assert "meldpunt" in offered and "riec_analist" not in offered
    assert "---------" not in admin.content()

    admin.get_by_role("link", name="Tweede factor opnieuw instellen").click()
    admin.wait_for_url(f"**/beheer/gebruikers/{colleague.uuid}/mfa-resetten/")
    expect(admin.locator("h1")).to_contain_text(colleague.display_name)
    expect(admin.get_by_test_id("consequences")).to_contain_text("nieuwe authenticator-app")
    expect(admin.get_by_role("link", name="Annuleren")).to_be_visible()
    axe_check(admin)
    _shot(admin, "confirm-mfa-reset.png")

    submit_main_form(admin)  # no reason: refused, nothing happens
    expect(admin.locator(".utrecht-form-field-error-message")).to_be_visible()
    axe_check(admin)
    _shot(admin, "confirm-mfa-reset-error.png")
    assert not AuditEvent.objects.filter(action=AuditAction.MFA_RESET).exists()

    admin.fill("textarea[name=reason]", "Telefoon kwijt, telefonisch gemeld.")
    submit_main_form(admin)
    admin.wait_for_url(f"**/beheer/gebruikers/{colleague.uuid}/")
    assert "Telefoon" not in admin.url
    event = AuditEvent.objects.get(action=AuditAction.MFA_RESET, object_uuid=colleague.uuid)
    assert event.details == {"reason": "Telefoon kwijt, telefonisch gemeld."}

    # The colleague logs in with the password and must enrol: the QR code is whole, wide and narrow.
    for width in (1280, 400):
        page = new_page(viewport={"width": width, "height": 900})
        page.goto("/inloggen/")
        page.fill("input[name=username]", "medewerker.tilburg")
        page.fill("input[name=password]", DEMO_PASSWORD)
        submit_main_form(page)
        page.wait_for_url("**/inloggen/authenticator-instellen/")
        expect(page.locator(".weerbaar-qr svg")).to_be_visible()
        _shot(page, f"enrol-{width}.png")
        _qr_fully_visible(page)
        axe_check(page)


@pytest.mark.e2e
def test_each_account_action_has_its_own_page(new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn) -> None:
    from weerbaar.accounts.models import User

    colleague = User.objects.get(username="medewerker.tilburg")
    admin = new_page()
    log_in(admin, "beheer.tilburg", check=False)
    for action in ("deactiveren", "overal-uitloggen", "wachtwoord-resetten"):
        admin.goto(f"/beheer/gebruikers/{colleague.uuid}/{action}/")
        expect(admin.locator("textarea[name=reason]")).to_be_visible()
        axe_check(admin)
        _shot(admin, f"confirm-{action}.png")
        admin.get_by_role("link", name="Annuleren").click()
        admin.wait_for_url(f"**/beheer/gebruikers/{colleague.uuid}/")
    colleague.refresh_from_db()
    assert colleague.is_active
