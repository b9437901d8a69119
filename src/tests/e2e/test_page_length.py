# SPDX-License-Identifier: EUPL-1.2
"""Every page of the demo fits the task: a crawl per role that measures each page it reaches.

For a set of demo roles (intake, schakelteam, case director, RIEC analyst and programme manager, police,
security coordinator, a staff member, an area partnership's facilitator, functional administrator, privacy
officer, auditor and a private partner) the test logs in and walks the application breadth-first from the
start page and the main menu, following the same-origin links in ``<main>`` in document order. It leaves out
log-out, links to files (a ``download`` attribute, a ``.pdf``/``.csv``/``.zip``/``.json`` path, or a response
that is not HTML: those are counted as skipped, not measured), pagination beyond the second page
(``?pagina=3`` and on) and anything reached only by a form (every action that changes something is a POST, so
a crawler that only follows links changes nothing). It visits at most ``PER_PATTERN`` addresses of one path
pattern (the URL pattern the path resolves to, plus the names of its query parameters) and ``PER_ROLE`` pages
per role, so the crawl sees many kinds of page, takes the same route every run and stays within a few minutes.

**First section break.** On each page at 1280x800 the test measures how far down the page the first section
break lies. The break is the first of these, from the top of the document:

* the bottom of the in-page contents (``[data-testid=toc]``): the reader has to see the whole list;
* the top of an ``h2`` in ``<main>`` (one outside the contents): a section of the page starts there;
* the top of a table's header row (``main thead``): a list starts there;
* the top of a ``<details>`` in ``<main>``: a folded part starts there;
* the top of a ``<fieldset>`` in ``<main>``: a group of a form's fields starts there;

and, on a page with none of these, the end of the page. Only rendered elements count (the content of a
closed ``<details>`` is not). A page passes when its break lies at most three screens (2,400 px) from the
top, or when the whole page is no longer than that.

**Header and navigation.** At 400x800 the header and the main menu together take at most a third of the
screen (266 px), measured on the first address of every path pattern and on every role's start page.

**Accessibility.** axe-core (WCAG 2.1 A/AA) on the first address of every path pattern, at 1280x800.

All offenders are collected before the test fails, so one run lists them all (path pattern, address and
measured pixels). Set ``PAGE_LENGTH_REPORT`` to a file name to get every measurement as a table with a
summary per role (pages crawled, the longest distance to a first break), and
``LAYOUT_SCREENSHOTS`` to a directory to keep a full-page screenshot of the first page of every pattern.
"""

import os
import re
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

AxeCheck = Callable[[Any], None]
LogIn = Callable[..., None]

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 400, "height": 800}
#: The first section break lies within three desktop screens.
MAX_BEFORE_BREAK = 3 * DESKTOP["height"]
#: Header and navigation together take at most a third of a phone's screen.
MAX_CHROME_ON_PHONE = PHONE["height"] // 3

#: The roles crawled (demo user names): every kind of reader the demo has, private partner included.
ROLES = [
    "meldpunt.tilburg",  # intake officer of a municipality
    "schakelteam.tilburg",  # weighs signals in the schakelteam
    "regisseur.tilburg",  # case director
    "analist.riec",  # RIEC analyst
    "programma.riec",  # RIEC programme manager
    "liaison.politie",  # police member
    "coordinator.tilburg",  # security coordinator (threats)
    "medewerker.tilburg",  # staff member who reports a threat
    "gebied.boxtel",  # facilitator of an area partnership
    "beheer.riec",  # functional administrator of the platform operator
    "fg.tilburg",  # privacy officer
    "auditor.tilburg",  # auditor
    "partner.zlto",  # private partner
]
PER_ROLE = 60
PER_PATTERN = 2
MAX_PAGE_NUMBER = 2

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
FILE_SUFFIXES = (".pdf", ".csv", ".zip", ".json", ".geojson", ".png", ".jpg")
SKIPPED_PATHS = ("/uitloggen/", "/i18n/", "/api/", "/static/", "/media/")

#: Measured in the page: the first section break (see the module docstring) and the document's height.
MEASURE = """() => {
    const main = document.querySelector('main');
    const top = (el) => el.getBoundingClientRect().top + window.scrollY;
    const shown = (el) => el.getClientRects().length > 0;
    const total = Math.ceil(document.documentElement.scrollHeight);
    if (!main) return {y: total, kind: 'end', total: total};
    const breaks = [];
    const toc = main.querySelector('[data-testid=toc]');
    if (toc && shown(toc)) breaks.push({y: toc.getBoundingClientRect().bottom + window.scrollY, kind: 'contents'});
    for (const [selector, kind] of [['h2', 'h2'], ['thead', 'table'], ['details', 'details'], ['fieldset', 'fieldset']]) {
        const first = [...main.querySelectorAll(selector)].find((el) => shown(el) && !(toc && toc.contains(el)));
        if (first) breaks.push({y: top(first), kind: kind});
    }
    breaks.sort((a, b) => a.y - b.y);
    const first = breaks.length ? breaks[0] : {y: total, kind: 'end'};
    return {y: Math.ceil(first.y), kind: first.kind, total: total};
}"""

CHROME = """() => ['header.weerbaar-header', 'nav.weerbaar-nav']
    .map((s) => document.querySelector(s))
    .filter((el) => el !== null)
    .reduce((sum, el) => sum + el.getBoundingClientRect().height, 0)"""

LINKS = """() => [...document.querySelectorAll('main a[href]')]
    .filter((a) => !a.hasAttribute('download'))
    .map((a) => a.href)"""


def pattern_of(url: str) -> str:
    """The URL pattern the address resolves to (``/casussen/<uuid:uuid>/``), plus the sorted names of its query
    parameters: one page template, whichever object it shows."""
    from django.urls import Resolver404, resolve

    parts = urlsplit(url)
    try:
        path = "/" + resolve(parts.path).route
    except Resolver404:
        path = UUID.sub("<uuid>", parts.path)
    names = sorted({name for name, _ in parse_qsl(parts.query, keep_blank_values=True)})
    return path + (f"?{'&'.join(names)}" if names else "")


def normalised(url: str, origin: str) -> str | None:
    """The address to visit (path and sorted query, no fragment), or None when the crawl leaves it out."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    if parts.path.startswith(SKIPPED_PATHS) or parts.path.lower().endswith(FILE_SUFFIXES):
        return None
    query = sorted(parse_qsl(parts.query, keep_blank_values=True))
    for name, value in query:
        if name in ("pagina", "page") and (not value.isdigit() or int(value) > MAX_PAGE_NUMBER):
            return None
    return parts.path + (f"?{urlencode(query)}" if query else "")


@dataclass
class Measured:
    role: str
    address: str
    pattern: str
    status: int
    break_y: int
    kind: str
    total: int

    @property
    def too_long(self) -> bool:
        return self.break_y > MAX_BEFORE_BREAK and self.total > MAX_BEFORE_BREAK


@dataclass
class Crawl:
    measured: list[Measured] = field(default_factory=list)
    skipped: dict[str, list[str]] = field(default_factory=dict)  # role -> addresses left out (files)
    chrome: list[tuple[str, str, float]] = field(default_factory=list)  # (role, address, px) over the limit
    axe: list[str] = field(default_factory=list)  # formatted violations
    errors: list[str] = field(default_factory=list)  # server errors
    phone_checked: set[str] = field(default_factory=set)
    axe_checked: set[str] = field(default_factory=set)


def _visit(page: Any, address: str) -> tuple[int, bool]:
    """Open the address; (status, is HTML). A response that starts a download is not a page."""
    try:
        response = page.goto(address, wait_until="load")
    except Exception as exc:  # a file served as an attachment: chromium starts a download instead
        if "Download is starting" in str(exc) or "net::ERR_ABORTED" in str(exc):
            return 0, False
        raise
    if response is None:
        return 0, False
    content_type = response.headers.get("content-type", "")
    return response.status, content_type.startswith("text/html")


def _shot(page: Any, role: str, pattern: str) -> None:
    directory = os.environ.get("LAYOUT_SCREENSHOTS")
    if directory:
        name = re.sub(r"[^a-z0-9]+", "-", f"{role} {pattern}".lower()).strip("-")
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)


def _crawl_role(page: Any, role: str, origin: str, crawl: Crawl) -> None:
    from tests.e2e.conftest import format_violations, run_axe

    start = ["/", *page.eval_on_selector_all("nav.weerbaar-nav a[href]", "els => els.map((a) => a.href)")]
    queue: deque[str] = deque()
    seen: set[str] = set()
    per_pattern: dict[str, int] = {}

    def enqueue(urls: list[str]) -> None:
        for url in urls:
            address = normalised(url if "://" in url else origin + url, origin)
            if address is None or address in seen:
                continue
            seen.add(address)
            pattern = pattern_of(address)
            if per_pattern.get(pattern, 0) >= PER_PATTERN:
                continue
            per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
            queue.append(address)

    enqueue(start)
    pages = 0
    while queue and pages < PER_ROLE:
        address = queue.popleft()
        status, is_html = _visit(page, address)
        if not is_html:
            crawl.skipped.setdefault(role, []).append(address)
            continue
        pages += 1
        if status >= 500:
            crawl.errors.append(f"{role}: {address} answered {status}")
        pattern = pattern_of(address)
        found = page.evaluate(MEASURE)
        crawl.measured.append(Measured(role, address, pattern, status, found["y"], found["kind"], found["total"]))
        if pattern not in crawl.axe_checked:
            crawl.axe_checked.add(pattern)
            _shot(page, role, pattern)
            violations = run_axe(page)
            if violations:
                crawl.axe.append(format_violations(address, violations))
        if pattern not in crawl.phone_checked or address == "/":
            crawl.phone_checked.add(pattern)
            page.set_viewport_size(PHONE)
            height = float(page.evaluate(CHROME))
            if height > MAX_CHROME_ON_PHONE:
                crawl.chrome.append((role, address, height))
            page.set_viewport_size(DESKTOP)
        if status == 200:
            enqueue(page.evaluate(LINKS))


def _report(crawl: Crawl) -> str:
    lines = ["role                 pages  longest to first break"]
    for role in ROLES:
        rows = [m for m in crawl.measured if m.role == role]
        if not rows:
            lines.append(f"{role:20} {0:5}")
            continue
        worst = max(rows, key=lambda m: min(m.break_y, m.total))
        lines.append(f"{role:20} {len(rows):5}  {min(worst.break_y, worst.total):5} px  {worst.pattern} ({worst.kind})")
    return "\n".join(lines)


def _write_table(crawl: Crawl) -> None:
    target = os.environ.get("PAGE_LENGTH_REPORT")
    if not target:
        return
    rows = ["role\tstatus\tbreak_px\tkind\ttotal_px\tpattern\taddress"]
    rows += [
        f"{m.role}\t{m.status}\t{m.break_y}\t{m.kind}\t{m.total}\t{m.pattern}\t{m.address}" for m in crawl.measured
    ]
    rows += [
        f"{role}\tskipped\t\t\t\t\t{address}" for role, addresses in crawl.skipped.items() for address in addresses
    ]
    Path(target).write_text("\n".join(rows) + "\n\n" + _report(crawl) + "\n", encoding="utf-8")


@pytest.mark.e2e
def test_every_page_fits_the_task(new_page: Callable[..., Any], live_server: Any, log_in: LogIn) -> None:
    origin = live_server.url.rstrip("/")
    crawl = Crawl()
    for role in ROLES:
        page = new_page(viewport=DESKTOP)
        log_in(page, role, check=False)
        _crawl_role(page, role, origin, crawl)
        page.context.close()

    _write_table(crawl)
    problems: list[str] = []
    long_pages = sorted({(m.pattern, m.address, m.break_y, m.kind, m.role) for m in crawl.measured if m.too_long})
    problems += [
        f"first section break at {y} px (> {MAX_BEFORE_BREAK}, {kind}) on {pattern} ({address}, {role})"
        for pattern, address, y, kind, role in long_pages
    ]
    problems += [
        f"header and menu {px:.0f} px (> {MAX_CHROME_ON_PHONE}) at 400 px on {address} ({role})"
        for role, address, px in crawl.chrome
    ]
    problems += crawl.axe + crawl.errors
    # The crawl reached the pages it is meant to judge: each role more than its start page.
    problems += [
        f"{role}: only {n} page(s) crawled" for role in ROLES if (n := sum(m.role == role for m in crawl.measured)) < 3
    ]
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems) + "\n\n" + _report(crawl)
