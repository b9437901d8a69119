# SPDX-License-Identifier: EUPL-1.2
"""End-to-end: log-in with second factor, role start pages, first-login enrolment, accessibility (axe-core)."""

import base64
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.e2e.conftest import submit_main_form

USER_LIST = "/beheer/gebruikers/"
AUDIT = "/audit/"
ORGANISATIONS = "/organisaties/"
PROFILE = "/profiel/"

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]


def path_of(page: Any) -> str:
    return urlsplit(page.url).path


def in_page_language(page: Any, text: Any) -> str:
    """A (lazy) translatable string as the page shows it, whatever language the page was served in."""
    language = page.evaluate("() => document.documentElement.lang") or "nl"
    with translation.override(language):
        return str(text)


def nav_link(page: Any, href: str) -> Any:
    return page.locator(f'nav a[href="{href}"]')


@pytest.mark.e2e
def test_login_with_totp_navigate_logout(page: Any, axe_check: AxeCheck, log_in: LogIn) -> None:
    log_in(page, "beheer.tilburg")  # axe on /inloggen/ and /inloggen/code/

    assert path_of(page) == "/"
    expect(page.locator("h1")).to_contain_text("Bram")
    expect(page.locator("main")).to_contain_text("Gemeente Tilburg")
    axe_check(page)

    nav_link(page, USER_LIST).click()
    page.wait_for_url(f"**{USER_LIST}")
    expect(nav_link(page, USER_LIST)).to_have_attribute("aria-current", "page")
    axe_check(page)

    # The organisation has more accounts than a page holds: filter on the intake role (a GET filter; names
    # are searched by POST only), as an administrator looking for the intake officer would.
    page.goto(f"{USER_LIST}?role=meldpunt")
    detail = page.locator(f'main table a[href^="{USER_LIST}"]').filter(has_text="Sanne")
    detail.first.click()
    page.wait_for_url(re.compile(r"/beheer/gebruikers/[0-9a-f-]{36}/$"))
    expect(page.locator("h1")).to_contain_text("Sanne")
    axe_check(page)

    page.goto(PROFILE)
    expect(page.locator("main")).to_contain_text("beheer.tilburg")
    axe_check(page)

    page.goto(ORGANISATIONS)
    expect(page.locator("main table")).to_contain_text("Gemeente Tilburg")
    axe_check(page)

    page.locator('header form[action="/uitloggen/"] button[type=submit]').click()
    page.wait_for_url("**/inloggen/")
    expect(page.locator("input[name=username]")).to_be_visible()
    axe_check(page)  # with the "you are logged out" message

    page.goto("/")
    assert path_of(page) == "/inloggen/"


ROLE_CASES = [
    # username, first name, organisation, links that must be in the menu, links that must not
    ("auditor.tilburg", "Peter", "Gemeente Tilburg", [AUDIT, ORGANISATIONS, PROFILE], [USER_LIST]),
    ("partner.zlto", "Gerrit", "ZLTO afdeling Hart van Brabant", [ORGANISATIONS, PROFILE], [USER_LIST, AUDIT]),
    ("meldpunt.tilburg", "Sanne", "Gemeente Tilburg", [ORGANISATIONS, PROFILE], [USER_LIST, AUDIT]),
    ("beheer.riec", "Noor", "RIEC Zeeland-West-Brabant", [USER_LIST, ORGANISATIONS, PROFILE], [AUDIT]),
    ("fg.tilburg", "Anouk", "Gemeente Tilburg", [AUDIT, ORGANISATIONS, PROFILE], [USER_LIST]),
]


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("username", "first_name", "organisation", "present", "absent"), ROLE_CASES, ids=[case[0] for case in ROLE_CASES]
)
def test_each_role_sees_own_start_page(
    page: Any,
    axe_check: AxeCheck,
    log_in: LogIn,
    username: str,
    first_name: str,
    organisation: str,
    present: list[str],
    absent: list[str],
) -> None:
    from weerbaar.accounts.constants import ROLE_DESCRIPTIONS, Role
    from weerbaar.demo.data import USERS

    role = next(r for u, _f, _l, _o, r, _s in USERS if u == username)
    log_in(page, username, check=False)  # the log-in pages are checked in the other tests

    assert path_of(page) == "/"
    expect(page.locator("h1")).to_contain_text(first_name)
    expect(page.locator("main")).to_contain_text(organisation)
    roles = page.locator("main .weerbaar-roles")
    expect(roles.locator("dt")).to_contain_text([in_page_language(page, Role(role).label)])
    expect(roles.locator("dd")).to_contain_text([in_page_language(page, ROLE_DESCRIPTIONS[role])])
    for href in present:
        expect(nav_link(page, href), f"{username} should have {href} in the menu").to_have_count(1)
        expect(page.locator(f'main .weerbaar-cards a[href="{href}"]')).to_have_count(1)
    for href in absent:
        expect(nav_link(page, href), f"{username} should not have {href} in the menu").to_have_count(0)
        expect(page.locator(f'main a[href="{href}"]')).to_have_count(0)
    axe_check(page)

    if AUDIT in present:
        nav_link(page, AUDIT).click()
        page.wait_for_url(f"**{AUDIT}")
        expect(page.locator("main table")).to_be_visible()
        axe_check(page)
    if USER_LIST in absent:
        response = page.goto(USER_LIST)
        assert response is not None and response.status == 403, f"{username} must not open {USER_LIST}"


@pytest.mark.e2e
def test_first_login_enrolment(page: Any, axe_check: AxeCheck) -> None:
    from weerbaar.accounts.constants import Role, ScreeningStatus
    from weerbaar.accounts.services import user_create
    from weerbaar.organisations.models import Organisation

    user, temporary = user_create(
        actor=None,
        username="nieuw.medewerker",
        first_name="Mirthe",
        last_name="Nieuwenhuis",
        email="nieuw.medewerker@demo.weerbaar.invalid",
        home_organisation=Organisation.objects.get(name="Gemeente Tilburg"),
        role=Role.MEDEWERKER,
        screening_status=ScreeningStatus.UNKNOWN,
        password=None,
    )
    assert user.password_change_required

    page.goto("/inloggen/")
    page.fill("input[name=username]", "nieuw.medewerker")
    page.fill("input[name=password]", temporary)
    submit_main_form(page)

    page.wait_for_url("**/wachtwoord-wijzigen/")
    expect(page.locator("input[name=current_password]")).to_have_count(0)
    axe_check(page)
    new_password = "Kempen-Vlinder-Zomer-2026!"
    page.fill("input[name=new_password]", new_password)
    page.fill("input[name=new_password_again]", new_password)
    submit_main_form(page)

    page.wait_for_url("**/inloggen/authenticator-instellen/")
    axe_check(page)
    secret = page.locator("[data-testid=totp-secret]").inner_text()
    key = base64.b32decode(re.sub(r"\s+", "", secret).upper())
    page.fill("input[name=token]", "%06d" % totp(key))
    submit_main_form(page)

    page.wait_for_url("**/inloggen/herstelcodes/")
    codes = page.locator("[data-testid=backup-codes] li")
    expect(codes).to_have_count(10)
    assert len({c.strip() for c in codes.all_inner_texts()}) == 10
    axe_check(page)
    page.locator("main a.utrecht-button-link").click()

    page.wait_for_url(lambda url: urlsplit(url).path == "/")
    expect(page.locator("h1")).to_contain_text("Mirthe")
    axe_check(page)
    user.refresh_from_db()
    assert not user.password_change_required
    assert user.check_password(new_password)


@pytest.mark.e2e
def test_wrong_password_message_is_generic(page: Any, axe_check: AxeCheck) -> None:
    def attempt(username: str) -> str:
        page.goto("/inloggen/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", "helemaal-niet-het-wachtwoord")
        submit_main_form(page)
        page.wait_for_load_state("load")
        assert path_of(page) == "/inloggen/"
        summary = page.locator("main .weerbaar-error-summary")
        expect(summary).to_be_visible()
        expect(page.locator("input[name=username]")).to_have_value(username)
        expect(page.locator("input[name=password]")).to_have_value("")
        axe_check(page)
        return " ".join(page.locator("main").inner_text().split())

    existing = attempt("beheer.tilburg")
    unknown = attempt("bestaat.niet")
    assert existing == unknown, f"Different answers:\n existing: {existing}\n unknown:  {unknown}"


@pytest.mark.e2e
def test_mobile_viewport_has_no_horizontal_scroll(
    new_page: Callable[..., Any], axe_check: AxeCheck, log_in: LogIn
) -> None:
    page = new_page(viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True)
    measure = "() => [document.documentElement.scrollWidth, window.innerWidth]"

    page.goto("/inloggen/")
    axe_check(page)
    scroll_width, inner_width = page.evaluate(measure)
    assert scroll_width <= inner_width, f"/inloggen/ scrolls sideways at 320px: {scroll_width} > {inner_width}"

    log_in(page, "meldpunt.tilburg", check=False)
    assert path_of(page) == "/"
    axe_check(page)
    scroll_width, inner_width = page.evaluate(measure)
    assert scroll_width <= inner_width, f"start page scrolls sideways at 320px: {scroll_width} > {inner_width}"


@pytest.mark.e2e
def test_no_console_csp_violations(page: Any, axe_check: AxeCheck, log_in: LogIn) -> None:
    log_in(page, "beheer.tilburg")  # axe on both log-in steps
    for href in ["/", USER_LIST, ORGANISATIONS, PROFILE, "/toegankelijkheid/"]:
        response = page.goto(href)
        assert response is not None and response.ok, f"{href}: HTTP {response and response.status}"
        axe_check(page)  # axe runs through DevTools, so it must not trip the CSP either
    # A post through the header's language switch, then a page in the other language.
    page.locator("header form button[name=language]").first.click()
    page.wait_for_load_state("load")
    axe_check(page)

    csp = [e for e in page.recorder.errors() if "content security policy" in e.lower()]
    assert not csp, "CSP violations in the console:\n" + "\n".join(csp)
    assert not page.recorder.page_errors, "Uncaught errors in the page:\n" + "\n".join(page.recorder.page_errors)


@pytest.mark.e2e
def test_static_assets_load(page: Any, log_in: LogIn) -> None:
    """Stylesheets and scripts must load: otherwise the axe checks above judge an unstyled page."""
    failed: dict[str, str] = {}  # url -> what went wrong (first report wins)
    page.on("response", lambda r: failed.setdefault(r.url, f"HTTP {r.status}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.setdefault(r.url, str(r.failure)))
    page.goto("/inloggen/")
    page.wait_for_load_state("load")
    stylesheets = page.evaluate("() => document.styleSheets.length")
    log_in(page, "medewerker.tilburg", check=False)
    page.wait_for_load_state("load")
    assert not failed, "Page resources did not load:\n" + "\n".join(f"{v} {k}" for k, v in failed.items())
    assert stylesheets >= 3, f"only {stylesheets} stylesheet(s) applied on /inloggen/"
