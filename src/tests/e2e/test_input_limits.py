# SPDX-License-Identifier: EUPL-1.2
"""End-to-end: oversized input on the anonymous form, and a second factor typed again right after a mistake."""

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import fresh_totp_code, submit_main_form
from tests.e2e.test_signals_public import fill_what_and_where

AxeCheck = Callable[[Any], None]
SHOTS = os.environ.get("E2E_SCREENSHOTS")


def _shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def _oversize(page: Any, selector: str, length: int) -> None:
    # Past the browser's maxlength, as a script or a crafted request would send it.
    page.evaluate(
        "([selector, length]) => { const field = document.querySelector(selector);"
        " field.removeAttribute('maxlength'); field.value = 'X'.repeat(length); }",
        [selector, length],
    )


@pytest.mark.e2e
def test_an_oversized_answer_is_refused_in_plain_words(page: Any, axe_check: AxeCheck) -> None:
    page.goto("/melden/")
    fill_what_and_where(page, description="Iemand bood contant geld voor mijn schuur.")
    _oversize(page, "input[name=street]", 5_000)
    submit_main_form(page)
    error = page.locator("#id_street_error, .utrecht-form-field-error-message").filter(has_text="veel te lang")
    expect(error.first).to_be_visible()
    assert "XXXXXXXXXX" not in page.content()
    axe_check(page)
    _shot(page, "public-form-too-long")


@pytest.mark.e2e
def test_a_form_beyond_the_size_limit_gets_a_readable_page(page: Any, axe_check: AxeCheck) -> None:
    page.goto("/melden/")
    fill_what_and_where(page, description="Iemand bood contant geld voor mijn schuur.")
    _oversize(page, "textarea[name=description]", 1_200_000)
    submit_main_form(page)
    expect(page.locator("h1")).to_have_text("Te veel tekst")
    assert "XXXXXXXXXX" not in page.content()
    axe_check(page)
    _shot(page, "form-too-large")


@pytest.mark.e2e
def test_the_right_code_after_a_wrong_one_logs_in(page: Any, axe_check: AxeCheck) -> None:
    from tests.e2e.conftest import DEMO_PASSWORD

    username = "meldpunt.tilburg"
    page.goto("/inloggen/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    submit_main_form(page)
    page.wait_for_url("**/inloggen/code/")
    right = fresh_totp_code(username)
    page.fill("input[name=token]", f"{(int(right) + 500_000) % 1_000_000:06d}")
    submit_main_form(page)
    expect(page.locator("main")).to_contain_text("onjuist of verlopen")
    axe_check(page)
    _shot(page, "verify-wrong-code")
    page.fill("input[name=token]", right)
    submit_main_form(page)
    page.wait_for_url(lambda url: "/inloggen" not in url)
