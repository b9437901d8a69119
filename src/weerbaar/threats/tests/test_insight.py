# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.urls import reverse
from django.utils import timezone

from weerbaar.accounts.constants import Role
from weerbaar.audit.models import AuditEvent
from weerbaar.core.disclosure import share, suppress
from weerbaar.threats.tests.factories import make_incident


def test_suppression_rules() -> None:
    assert [suppress(n) for n in (0, 1, 4, 5, 12)] == ["0", "< 5", "< 5", "5", "12"]
    assert share(3, 10) == "—" and share(5, 3) == "—" and share(5, 10) == "50 %" and share(0, 10) == "0 %"


def test_insight_page_and_export_suppress(make_org: Any, make_user: Any, client_for: Any) -> None:
    org = make_org("Gemeente Eigen")
    victim = make_user(organisation=org, role=Role.MEDEWERKER)
    coordinator = make_user(organisation=org, role=Role.VEILIGHEIDSCOORDINATOR)
    make_incident(victim, occurred_at=timezone.now())
    client = client_for(coordinator)
    page = client.get(reverse("threats:insight")).content.decode()
    assert "&lt; 5" in page
    export = client.get(reverse("threats:insight_export")).content.decode()
    assert "< 5" in export and ";1;" not in export and ";1\r" not in export
    assert AuditEvent.objects.filter(action="export", object_type="threats.insight").exists()
