# SPDX-License-Identifier: EUPL-1.2
"""The coordinator's lists that grow over the years come in pages of 25: the scans, and a scan's actions."""

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.resilience import services
from weerbaar.resilience.models import ImprovementAction
from weerbaar.resilience.tests.factories import make_action, make_office

pytestmark = pytest.mark.django_db


def test_the_scan_list_pages() -> None:
    office = make_office()
    for n in range(26):
        services.scan_open(actor=office.manager, title=f"Scan {n:02d}")
    client = verified_client(office.coordinator)
    first = client.get(reverse("resilience:list"))
    assert len(first.context["scans"]) == 25
    html = first.content.decode()
    assert "utrecht-pagination" in html and "?pagina=2" in html
    second = client.get(reverse("resilience:list"), {"pagina": 2})
    # Newest first: the first scan opened is alone on the second page.
    assert [scan.title for scan in second.context["scans"]] == ["Scan 00"]


def test_the_actions_of_a_scan_page() -> None:
    office = make_office()
    scan = services.scan_open(actor=office.manager, title="Scan")
    for _ in range(27):
        make_action(office, scan)
    client = verified_client(office.coordinator)
    url = reverse("resilience:detail", kwargs={"uuid": scan.uuid})
    first = client.get(url).context["actions"]
    second = client.get(url, {"pagina": 2}).context["actions"]
    assert len(first) == 25 and len(second) == 2
    shown = {a.pk for a in first} | {a.pk for a in second}
    assert shown == set(ImprovementAction.objects.filter(scan=scan).values_list("pk", flat=True))
