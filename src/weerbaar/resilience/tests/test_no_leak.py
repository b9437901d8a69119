# SPDX-License-Identifier: EUPL-1.2
"""Nobody but the respondent sees an individual answer: not a line manager, not a colleague (another process
owner of the same organisation), not the council. Each walks every page of the scan with a distinctive
piece of evidence and the respondent's name in it."""

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.models import User
from weerbaar.resilience import services
from weerbaar.resilience.models import Assignment
from weerbaar.resilience.tests.factories import answer_all, make_action, make_office, topic

pytestmark = pytest.mark.django_db

EVIDENCE = "Bewijsstuk-Zwaluwstaart-7731"


def test_line_manager_colleague_and_council_never_see_an_individual_answer() -> None:
    office = make_office()
    manager = office.manager
    scan = services.scan_open(actor=manager, title="Scan")
    respondent = office.owners[0]
    assignment = services.assignment_add(
        actor=manager, scan=scan, topic=topic(scan, "integriteit"), respondent=respondent
    )
    answer_all(assignment, 1, evidence=EVIDENCE)
    action = make_action(office, scan, owner=respondent)
    urls = [
        reverse(name, kwargs={"uuid": scan.uuid})
        for name in (
            "resilience:detail",
            "resilience:assign",
            "resilience:exposure",
            "resilience:benchmark",
            "resilience:action_create",
        )
    ]
    urls += [
        reverse("resilience:answer", kwargs={"uuid": assignment.uuid}),
        reverse("resilience:action", kwargs={"uuid": action.uuid}),
        reverse("resilience:action_status", kwargs={"uuid": action.uuid}),
        reverse("resilience:list"),
        reverse("resilience:mine"),
        reverse("resilience:council"),
    ]
    # The respondent does see it: the marker is real.
    assert EVIDENCE in verified_client(respondent).get(urls[5]).content.decode()

    colleague = office.owners[1]
    for user in (office.line_manager, colleague, office.council):
        client = verified_client(user)
        for url in urls:
            body = client.get(url).content.decode()
            assert EVIDENCE not in body, (user.username, url)
            assert _name(respondent) not in body, (user.username, url)
    # The council's page shows the theme, but not one person's score: one respondent is below the minimum.
    council = verified_client(office.council).get(reverse("resilience:council")).content.decode()
    assert "Integriteit" in council
    assert ">1,0<" not in council
    assert ">1.0<" not in council


def test_the_coordinator_sees_who_submitted_but_not_the_evidence() -> None:
    office = make_office()
    manager = office.manager
    scan = services.scan_open(actor=manager, title="Scan")
    assignment = services.assignment_add(
        actor=manager, scan=scan, topic=topic(scan, "integriteit"), respondent=office.owners[0]
    )
    answer_all(assignment, 2, evidence=EVIDENCE)
    client = verified_client(office.coordinator)
    for name in ("resilience:detail", "resilience:assign"):
        assert EVIDENCE not in client.get(reverse(name, kwargs={"uuid": scan.uuid})).content.decode()
    assert Assignment.objects.get(pk=assignment.pk).answers.filter(evidence=EVIDENCE).exists()


def _name(user: User) -> str:
    return user.get_full_name()
