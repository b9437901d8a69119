# SPDX-License-Identifier: EUPL-1.2
"""Object pages fit the task: a signal's and a case's summary, next step and contents come before the first
part of the page within three screens, an action opens its own short page, and on a phone the header and the
folded navigation take at most a third of the screen. axe-core on every page visited; screenshots are kept
in ``LAYOUT_SCREENSHOTS`` (a directory) when that is set, to look at."""

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db.models import Count
from playwright.sync_api import expect

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 400, "height": 800}
#: Everything before the in-page contents (summary, next step, actions) fits in three desktop screens.
MAX_BEFORE_CONTENTS = 3 * DESKTOP["height"]
#: Header and navigation together take at most a third of a phone's screen.
MAX_CHROME_ON_PHONE = PHONE["height"] // 3


def _shot(page: Any, name: str) -> None:
    directory = os.environ.get("LAYOUT_SCREENSHOTS")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)


def _before_contents(page: Any) -> float:
    """The distance from the top of the page to the in-page contents, after which the page's parts start."""
    box = page.locator("[data-testid=toc]").bounding_box()
    assert box is not None
    return float(box["y"] + box["height"])


def _chrome_height(page: Any) -> float:
    boxes = [page.locator(selector).bounding_box() for selector in ("header.weerbaar-header", "nav.weerbaar-nav")]
    return float(sum(box["height"] for box in boxes if box is not None))


def _richest_signal() -> Any:
    from weerbaar.organisations.models import Organisation
    from weerbaar.signals.models import Signal

    tilburg = Organisation.objects.get(name="Gemeente Tilburg")
    return (
        Signal.objects.filter(organisation=tilburg)
        .annotate(
            n=Count("messages", distinct=True)
            + Count("status_changes", distinct=True)
            + Count("attachments", distinct=True)
            + Count("privacy_checks", distinct=True)
        )
        .order_by("-n", "received_at")
        .first()
    )


def _richest_case() -> Any:
    from weerbaar.cases.models import Case

    return (
        Case.objects.filter(owner__name="Gemeente Tilburg")
        .annotate(n=Count("items", distinct=True) + Count("interventions", distinct=True))
        .order_by("-n", "created_at")
        .first()
    )


@pytest.mark.e2e
def test_signal_page_summary_first_and_action_on_its_own_page(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    signal = _richest_signal()
    assert signal is not None
    page = new_page(viewport=DESKTOP)
    log_in(page, "meldpunt.tilburg", check=False)
    page.goto(f"/meldingen/{signal.uuid}/")
    axe_check(page)
    _shot(page, "signal-desktop")
    expect(page.locator("[data-testid=next-steps]")).to_be_visible()
    assert _before_contents(page) <= MAX_BEFORE_CONTENTS
    # The long, rarely needed parts are folded away until asked for.
    expect(page.locator("#h-history ~ details")).not_to_have_attribute("open", "")

    # An action opens its own short page with just its form.
    page.locator("[data-testid=actions] a").first.click()
    page.wait_for_load_state()
    expect(page.locator("main form.utrecht-form")).to_have_count(1)
    axe_check(page)
    _shot(page, "signal-action-desktop")

    # The same session on a phone (a second log-in would reuse the one-time code).
    phone = page
    phone.set_viewport_size(PHONE)
    phone.goto(f"/meldingen/{signal.uuid}/")
    _shot(phone, "signal-phone")
    assert _chrome_height(phone) <= MAX_CHROME_ON_PHONE
    menu = phone.locator("[data-testid=nav-menu] summary")
    expect(menu).to_be_visible()
    expect(phone.locator("nav.weerbaar-nav .weerbaar-nav__list")).to_be_hidden()
    menu.click()
    expect(phone.locator("nav.weerbaar-nav .weerbaar-nav__list")).to_be_visible()
    axe_check(phone)


@pytest.mark.e2e
def test_case_page_summary_first(new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn) -> None:
    case = _richest_case()
    assert case is not None
    page = new_page(viewport=DESKTOP)
    log_in(page, "regisseur.tilburg", check=False)
    page.goto(f"/casussen/{case.uuid}/")
    axe_check(page)
    _shot(page, "case-desktop")
    expect(page.locator("[data-testid=next-steps]")).to_be_visible()
    assert _before_contents(page) <= MAX_BEFORE_CONTENTS

    phone = page
    phone.set_viewport_size(PHONE)
    phone.goto(f"/casussen/{case.uuid}/")
    _shot(phone, "case-phone")
    assert _chrome_height(phone) <= MAX_CHROME_ON_PHONE
    axe_check(phone)
