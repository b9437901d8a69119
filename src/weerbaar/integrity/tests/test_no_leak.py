# SPDX-License-Identifier: EUPL-1.2
"""Nobody but the reporter and the organisation's integrity coordinator learns of a pressure report: not his
line manager, a colleague, the security coordinator, the council member or another organisation's
integrity coordinator — not in a list, not on a page (404, never 403), not in the start page or the menu."""

from typing import Any

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.integrity import selectors
from weerbaar.integrity.tests.factories import SECRET, actor, make_report

pytestmark = pytest.mark.django_db

OUTSIDERS = [Role.LEIDINGGEVENDE, Role.MEDEWERKER, Role.VEILIGHEIDSCOORDINATOR, Role.RAADSLID]


@pytest.mark.parametrize("role", OUTSIDERS)
def test_an_outsider_never_sees_a_pressure_report(tilburg: Any, make_user: Any, role: str) -> None:
    reporter = make_user(organisation=tilburg, role=Role.MEDEWERKER)
    report = make_report(reporter)
    outsider = make_user(organisation=tilburg, role=role)
    client = verified_client(outsider)

    assert not selectors.handled_report_list(actor=actor(outsider)).exists()
    assert not selectors.own_report_list(actor=actor(outsider)).exists()
    for name in ("detail", "status", "to_incident", "to_signal"):
        assert client.get(reverse(f"integrity:{name}", kwargs={"uuid": report.uuid})).status_code == 404, name
    assert client.post(reverse("integrity:note", kwargs={"uuid": report.uuid}), {"text": "x"}).status_code == 404
    assert client.get(reverse("integrity:own_detail", kwargs={"uuid": report.uuid})).status_code == 404
    own_list = client.get(reverse("integrity:own_list"))
    assert report.reference not in own_list.content.decode()
    start = client.get(reverse("core:start")).content.decode()
    assert report.reference not in start and SECRET not in start
    inbox = client.get(reverse("inbox:index")).content.decode()
    assert report.reference not in inbox and SECRET not in inbox


def test_another_organisations_coordinator_gets_404(tilburg: Any, amsterdam: Any, make_user: Any) -> None:
    report = make_report(make_user(organisation=tilburg, role=Role.MEDEWERKER))
    coordinator = make_user(organisation=amsterdam, role=Role.INTEGRITEITSCOORDINATOR)
    client = verified_client(coordinator)

    assert client.get(reverse("integrity:detail", kwargs={"uuid": report.uuid})).status_code == 404
    assert report.reference not in client.get(reverse("integrity:desk")).content.decode()
    assert report.reference not in client.get(reverse("inbox:index")).content.decode()


def test_the_reporter_and_the_coordinator_do_see_it(tilburg: Any, make_user: Any) -> None:
    reporter = make_user(organisation=tilburg, role=Role.MEDEWERKER)
    report = make_report(reporter)
    coordinator = make_user(organisation=tilburg, role=Role.INTEGRITEITSCOORDINATOR)

    own = verified_client(reporter).get(reverse("integrity:own_detail", kwargs={"uuid": report.uuid}))
    assert own.status_code == 200 and SECRET in own.content.decode()
    desk = verified_client(coordinator).get(reverse("integrity:detail", kwargs={"uuid": report.uuid}))
    assert desk.status_code == 200 and SECRET in desk.content.decode()
