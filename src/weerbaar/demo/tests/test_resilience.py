# SPDX-License-Identifier: EUPL-1.2
"""The demo scan of Gemeente Tilburg: a closed scan of a year ago and an open re-scan with a trend, process
owners, findings and actions; the council sees aggregates."""

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.demo.services import demo_load
from weerbaar.resilience import selectors
from weerbaar.resilience.constants import ScanStatus
from weerbaar.resilience.models import Scan

pytestmark = pytest.mark.django_db


def test_tilburg_has_a_scan_and_a_rescan_with_a_trend() -> None:
    demo_load()
    demo_load()  # idempotent
    first, second = Scan.objects.filter(organisation__name="Gemeente Tilburg").order_by("opened_at")
    assert first.status == ScanStatus.CLOSED
    assert second.status == ScanStatus.OPEN
    assert second.previous == first
    assert (second.opened_at - first.opened_at).days >= 300
    trend = selectors.scan_trend(second) or []
    changes = [row.change for row in trend if row.change is not None]
    assert len(changes) == 13
    assert sum(changes) > 0
    progress = selectors.scan_progress(second)
    assert progress.submitted == progress.assigned - 1
    assert selectors.scan_findings(first)
    assert first.actions.count() == 6
    # The demo's weak subsidies are recommended the shared drug-waste model's Bibob test.
    manager = actor_for(user=User.objects.get(username="weerbaarheid.tilburg"))
    recommended = {r.topic_key: r for r in selectors.recommended_measures(actor=manager, scan=first)}
    assert "subsidies" in recommended
    assert "Bibob-toets bij vergunningen" in [b.description for b in recommended["subsidies"].barriers]

    coordinator = verified_client(User.objects.get(username="weerbaarheid.tilburg"))
    page = coordinator.get(reverse("resilience:detail", kwargs={"uuid": second.uuid}))
    assert page.status_code == 200
    assert 'data-testid="trend"' in page.content.decode()
    assert 'data-testid="recommended-subsidies"' in page.content.decode()
    council = verified_client(User.objects.get(username="raadslid.tilburg")).get(reverse("resilience:council"))
    assert "Weerbaarheidsscan 2026" in council.content.decode()
    owner = verified_client(User.objects.get(username="proceseigenaar1.tilburg")).get(reverse("resilience:mine"))
    assert "Vergunningen en ontheffingen" in owner.content.decode()
