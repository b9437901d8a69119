# SPDX-License-Identifier: EUPL-1.2
"""Fixtures for the browser tests: Debian's chromium through Playwright, demo data, log-in and axe-core.

Run from ``src``:  ``../.venv/bin/python -m pytest tests/e2e``  (add ``--ds=config.settings.test`` when
neither the pytest configuration nor ``DJANGO_SETTINGS_MODULE`` names the settings).
"""

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Only a default: the pytest configuration, --ds or the environment win.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

SRC_DIR = Path(__file__).resolve().parents[2]
AXE_PATH = SRC_DIR / "weerbaar" / "static" / "vendor" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "demo-Weerbaar-2026"


def chromium_path() -> str | None:
    candidate = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    return candidate if Path(candidate).exists() else shutil.which(candidate)


# --------------------------------------------------------------------------------------------------
# Browser
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One chromium per test module.

    Playwright's sync API keeps an asyncio loop registered as running on this thread (it runs it in a
    greenlet), which makes Django refuse ORM calls from the test thread (SynchronousOnlyOperation).
    The tests' own ORM calls (demo data, TOTP keys, database flush) are ordinary synchronous code, so
    the guard is lifted only while the browser exists, and only for this module: other test modules
    run with the guard in place. Playwright is stopped at the end of the module, which removes the loop.
    """
    executable = chromium_path()
    # In CI a missing browser is a failure, never a silent skip.
    give_up = pytest.fail if os.environ.get("CI") else pytest.skip
    if executable is None:
        give_up("chromium not found: apt-get install -y chromium, or set CHROMIUM_PATH")
    if not AXE_PATH.exists():
        give_up(f"axe-core not built at {AXE_PATH}: run `make setup`")
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()


@pytest.fixture
def e2e_db(transactional_db_with_audit: None) -> None:
    """``live_server`` needs a transactional database; ours keeps the audit trail's guard (see src/conftest.py)."""


class DemoSnapshot:
    """The demo data, loaded once per test process and copied into the test database for every test.

    Loading the demo (a year of signals, the partnerships, the aggregates of the situational picture) takes
    far longer than a browser test itself. On PostgreSQL the first test of a process loads it into its freshly
    emptied database and copies that database as a template (``CREATE DATABASE … TEMPLATE``, a file copy);
    every later test gets a new copy of the template in place of its database, so each test still starts from
    exactly the same demo, whatever the previous one changed. The template is dropped when the process ends.
    Elsewhere (SQLite) each test loads the demo itself.
    """

    def __init__(self) -> None:
        self.template: str | None = None

    @staticmethod
    def load() -> None:
        """The demo as ``load_demo`` leaves it: its audit events sealed (no worker seals during the tests)."""
        from weerbaar.audit.sealing import audit_seal_pending
        from weerbaar.demo.services import demo_load

        demo_load()
        audit_seal_pending()

    def restore(self) -> None:
        from django.db import connection, connections

        if connection.vendor != "postgresql":
            self.load()
            return
        database = connection.settings_dict["NAME"]
        if self.template is None:
            self.load()
            connections.close_all()
            # A connection of the set-up (another thread's or context's) may still be open, idle: a database
            # with a session cannot be a template's source.
            self._execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            )
            self._execute(f"DROP DATABASE IF EXISTS {self._quoted(database + '_demo')}")
            self._execute(f"CREATE DATABASE {self._quoted(database + '_demo')} TEMPLATE {self._quoted(database)}")
            self.template = database + "_demo"
            return
        connections.close_all()
        # WITH (FORCE): a request of the previous test's browser that is still being served loses its connection.
        self._execute(f"DROP DATABASE {self._quoted(database)} WITH (FORCE)")
        self._execute(f"CREATE DATABASE {self._quoted(database)} TEMPLATE {self._quoted(self.template)}")

    def drop(self) -> None:
        if self.template is not None:
            self._execute(f"DROP DATABASE IF EXISTS {self._quoted(self.template)}")
            self.template = None

    @staticmethod
    def _quoted(name: str) -> str:
        from django.db import connection

        return str(connection.ops.quote_name(name))

    @staticmethod
    def _execute(sql: str, params: list[str] | None = None) -> None:
        from django.db import connection

        with connection._nodb_cursor() as cursor:
            cursor.execute(sql, params)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup: None, django_db_blocker: Any) -> Iterator[DemoSnapshot]:
    snapshot = DemoSnapshot()
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture
def demo_data(e2e_db: None, demo_snapshot: DemoSnapshot) -> None:
    """The synthetic demo data in the test database of this test (see ``DemoSnapshot``)."""
    from django.core.cache import caches

    demo_snapshot.restore()
    for cache in caches.all():
        cache.clear()  # log-in throttling counters live in the cache (which may be a table of the database)


class PageRecorder:
    """Console messages and uncaught page errors, for assertions and failure messages."""

    def __init__(self) -> None:
        self.console: list[tuple[str, str, str]] = []  # (type, text, url)
        self.page_errors: list[str] = []

    def errors(self) -> list[str]:
        return [f"{kind}: {text} ({url})" for kind, text, url in self.console if kind == "error"] + [
            f"pageerror: {text}" for text in self.page_errors
        ]


@pytest.fixture
def new_page(browser: Any, live_server: Any, demo_data: None) -> Iterator[Callable[..., Any]]:
    """Factory for a fresh browser context + page against the live server (Dutch, the UI default)."""
    contexts = []

    def make(**context_options: Any) -> Any:
        options = {"base_url": live_server.url, "locale": "nl-NL", "viewport": {"width": 1280, "height": 900}}
        options.update(context_options)
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        recorder = PageRecorder()
        page.on("console", lambda msg: recorder.console.append((msg.type, msg.text, page.url)))
        page.on("pageerror", lambda exc: recorder.page_errors.append(str(exc)))
        page.recorder = recorder
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    return new_page()


# --------------------------------------------------------------------------------------------------
# axe-core
# --------------------------------------------------------------------------------------------------

_AXE_SOURCE: list[str] = []


def _axe_source() -> str:
    if not _AXE_SOURCE:
        _AXE_SOURCE.append(AXE_PATH.read_text(encoding="utf-8"))
    return _AXE_SOURCE[0]


def format_violations(url: str, violations: list[dict[str, Any]], max_targets: int = 3) -> str:
    lines = [f"{len(violations)} WCAG 2.1 A/AA violation(s) on {url}:"]
    for violation in violations:
        nodes = violation.get("nodes", [])
        lines.append(
            f"  - {violation['id']} [{violation.get('impact') or '?'}] {violation.get('help', '')}"
            f" ({len(nodes)} element(s)) {violation.get('helpUrl', '')}"
        )
        for node in nodes[:max_targets]:
            target = " ".join(str(t) for t in node.get("target", []))
            lines.append(f"      at {target}")
            html = (node.get("html") or "").strip().replace("\n", " ")
            if html:
                lines.append(f"         {html[:160]}")
            summary = (node.get("failureSummary") or "").strip().replace("\n", " ")
            if summary:
                lines.append(f"         {summary[:240]}")
    return "\n".join(lines)


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page; returns the violations.

    The page's CSP allows only 'self' scripts, so axe is not added as a <script> element: page.evaluate
    runs through the DevTools protocol, which the page's CSP does not govern. No bypass_csp needed.
    """
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source() + "\n;undefined")
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    return list(result)


@pytest.fixture
def axe_check() -> Callable[[Any], None]:
    """``axe_check(page)``: fail on any WCAG 2.1 A/AA violation of the page as it is now."""

    def check(page: Any) -> None:
        violations = run_axe(page)
        assert not violations, format_violations(page.url, violations)

    return check


# --------------------------------------------------------------------------------------------------
# Logging in
# --------------------------------------------------------------------------------------------------


def fresh_totp_code(username: str) -> str:
    """A code the user's device will accept now, also when this user logged in a moment ago.

    A device refuses a code of a time step it has already accepted (replay protection), so a second
    log-in of the same user within one 30-second step needs the next step's code, which the device's
    tolerance of one step admits; should even that one be used, wait for the step after it.
    """
    import time

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    while True:
        clock = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        clock.time = time.time()
        for offset in range(device.tolerance + 1):
            if clock.t() + offset > device.last_t:
                clock.time += offset * device.step
                return "%06d" % clock.token()
        time.sleep(1)


def submit_main_form(page: Any) -> None:
    """Press the primary submit button of the form in <main> (the header has forms too)."""
    page.locator("main form.utrecht-form button[type=submit]").first.click()


@pytest.fixture
def log_in(axe_check: Callable[[Any], None]) -> Callable[..., None]:
    """``log_in(page, username)``: password then TOTP, through the forms, with axe on both steps."""
    from playwright.sync_api import expect

    def do(page: Any, username: str, password: str = DEMO_PASSWORD, *, check: bool = True) -> None:
        page.goto("/inloggen/")
        if check:
            axe_check(page)
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        submit_main_form(page)
        page.wait_for_url("**/inloggen/code/")
        expect(page.locator("input[name=token]")).to_be_visible()
        if check:
            axe_check(page)
        page.fill("input[name=token]", fresh_totp_code(username))
        submit_main_form(page)
        page.wait_for_url(lambda url: "/inloggen" not in url)
        expect(page.locator("h1")).to_be_visible()

    return do
