# SPDX-License-Identifier: EUPL-1.2
"""Area A as a private partner sees it: nothing personal or criminal, wherever it looks.

On the demo data set, the farmers' organisation's representative (a private partner at `operationeel`) and
the estate agent (at `aggregaat`) follow every link the site shows them — pages, exports, PDFs — and every
address the API gives them, and no answer may hold what area B, area C or the trusted contact's desk know
of persons: a subject's name, company, plate, phone number or IBAN; what a signal, an incident or an
approached entrepreneur told; a finding's photo. The partner's own reports are the one exception the design
makes (he reads his own signals' status), so those are left out of the forbidden texts.
"""

import re
from collections import deque
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from tests.helpers import verified_client
from tests.pdf import pdf_text
from weerbaar.accounts.models import User
from weerbaar.api.services import api_token_issue
from weerbaar.certification.models import FindingPhoto
from weerbaar.correlation.models import Subject
from weerbaar.demo.services import demo_load
from weerbaar.signals.models import Signal
from weerbaar.support.models import ApproachedReport, Referral
from weerbaar.threats.models import Incident

pytestmark = pytest.mark.django_db

#: Enough for every page and export the two partners reach in the demo (they reach far fewer).
MAX_PAGES = 600
#: Leaving, switching language or organisation changes the session, not what is shown.
SKIP = ("/uitloggen", "/i18n/", "/static/", "/accounts/uitloggen", "/account/uitloggen")
LINK = re.compile(r'href="(/[^"#]*)"')


def _snippet(text: str) -> str:
    """A stretch of a free text long enough to be its own (the first 40 characters of its first line)."""
    return text.strip().splitlines()[0][:40] if text.strip() else ""


def _forbidden(reporter: User) -> set[str]:
    texts: set[str] = set()
    for subject in Subject.objects.all():
        texts |= {subject.company_name, subject.plate, subject.phone, subject.iban, subject.kvk_number}
        if len(subject.surname) >= 5:
            texts.add(subject.surname)
    for signal in Signal.objects.exclude(reporter=reporter):
        texts.add(_snippet(signal.description))
    for incident in Incident.objects.all():
        texts |= {_snippet(incident.description), _snippet(incident.perpetrator_description)}
    for report in ApproachedReport.objects.all():
        texts |= {_snippet(report.account), _snippet(report.answer), _snippet(report.described)}
        texts |= {report.contact_name, report.contact_phone, report.contact_email}
    for referral in Referral.objects.all():
        texts |= {referral.contact_name, referral.contact_phone}
    for photo in FindingPhoto.objects.all():
        texts.add(str(photo.uuid))
    return {text for text in texts if text and len(text) >= 5}


def _body(response: Any) -> str:
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/pdf"):
        return pdf_text(response.content)
    if content_type.startswith(("text/", "application/json", "application/problem+json", "text/vcard")):
        return response.content.decode()
    return ""  # a ZIP or an image: what may reach the partner is decided by the page that links it


def _crawl(client: Client, starts: list[str]) -> dict[str, str]:
    seen: set[str] = set()
    bodies: dict[str, str] = {}
    queue = deque(starts)
    while queue and len(seen) < MAX_PAGES:
        url = urldefrag(queue.popleft())[0]
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if response.status_code != 200:
            continue
        body = _body(response)
        bodies[url] = body
        queue.extend(link for link in LINK.findall(body) if urlsplit(link).path not in seen)
    assert len(seen) < MAX_PAGES, "the crawl did not finish: raise MAX_PAGES"
    return bodies


def _items(response: Any) -> list[dict[str, Any]]:
    data = response.json()
    return list(data.get("results", data) if isinstance(data, dict) else data)


def _api_walk(token: str) -> dict[str, str]:
    """Every area-A resource the API gives the partner: lists, and each item's details and sub-resources."""
    client = Client(headers={"Authorization": f"Bearer {token}"})
    bodies: dict[str, str] = {}

    def get(url: str) -> Any:
        response = client.get(url)
        assert response.status_code < 500, f"{url}: {response.status_code}"
        if response.status_code == 200:
            bodies[url] = response.content.decode()
        return response

    base = "/api/v1/gebiedssamenwerkingen"
    for partnership in _items(get(base)):
        url = f"{base}/{partnership['uuid']}"
        get(url)
        for part in ("deelnemers", "maatregelen", "certificaten"):
            get(f"{url}/{part}")
        walks = get(f"{url}/schouwen")
        for walk in _items(walks) if walks.status_code == 200 else []:
            get(f"{url}/schouwen/{walk['uuid']}")
        surveys = get(f"{url}/enquetes")
        for survey in _items(surveys) if surveys.status_code == 200 else []:
            get(f"/api/v1/enquetes/{survey['uuid']}/resultaten")
    for alert in _items(get("/api/v1/gebiedsberichten")):
        get(f"/api/v1/gebiedsberichten/{alert['uuid']}")
    return bodies


@pytest.mark.slow
@pytest.mark.parametrize("username", ["partner.zlto", "makelaar.demo"])
def test_a_private_partner_meets_nothing_personal_or_criminal_anywhere(username: str) -> None:
    demo_load()
    user = User.objects.get(username=username)
    forbidden = _forbidden(user)
    assert len(forbidden) > 20  # the demo holds persons in areas B and C, and the test looks for them

    pages = _crawl(verified_client(user), ["/", "/gebiedssamenwerkingen/", "/mijn-werk/"])
    _token, raw = api_token_issue(user=user)
    api = _api_walk(raw)
    # The crawl reached area A: the partnership, its certification and its surveys (pages and API).
    reached = " ".join([*pages, *api])
    for part in ("/gebiedssamenwerkingen/", "/resultaten/"):
        assert part in reached, part
    if username == "partner.zlto":  # at `operationeel`: the cycle, and the partnership through the API too
        assert "/certificering/" in reached and "/api/v1/gebiedssamenwerkingen/" in reached
    leaks = [f"{url}: {text!r}" for url, body in {**pages, **api}.items() for text in forbidden if text in body]
    assert not leaks, "\n".join(leaks[:20])
