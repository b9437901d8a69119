# SPDX-License-Identifier: EUPL-1.2
"""The council's one view of the resilient organisation: the scans, training completion per department and
the number of pressure and integrity reports — aggregates only. The line manager, a colleague and the council
member never see an individual answer, a training score of a group under the threshold, or a report."""

import re
from typing import Any

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.accounts.models import User
from weerbaar.audit.models import AuditEvent
from weerbaar.integrity.tests.factories import SECRET
from weerbaar.integrity.tests.factories import make_report as make_pressure_report
from weerbaar.resilience import services
from weerbaar.resilience.tests.factories import Office, answer_all, make_office, topic
from weerbaar.training import services as training_services
from weerbaar.training.tests.factories import (
    actor_of_user,
    answers_for,
    department_with_staff,
    in_days,
    pass_module,
    shipped_module,
)

pytestmark = pytest.mark.django_db

EVIDENCE = "Bewijsstuk-Raad-4411"


@pytest.fixture
def world(make_user: Any) -> dict[str, Any]:
    office = make_office()
    organisation = office.organisation
    manager = office.manager
    scan = services.scan_open(actor=manager, title="Scan voor de raad")
    assignment = services.assignment_add(
        actor=manager, scan=scan, topic=topic(scan, "integriteit"), respondent=office.owners[0]
    )
    answer_all(assignment, 1, evidence=EVIDENCE)

    coordinator = actor_of_user(office.coordinator, organisation)
    module = shipped_module()
    large, large_staff = department_with_staff(coordinator, make_user, "Vergunningen", 12)
    small, small_staff = department_with_staff(coordinator, make_user, "Balie", 4)
    for department in (large, small):
        training_services.assignment_create(
            actor=coordinator, module=module, due_date=in_days(30), department=department
        )
    for user in large_staff[:11] + small_staff[:1]:
        pass_module(user, organisation, module)
    # A failed attempt in the small department, with a score that appears nowhere else: 2 of 6 right.
    odd = training_services.attempt_submit(
        actor=actor_of_user(small_staff[1], organisation), module=module, answers=answers_for(module, right=2)
    )
    reporter = make_user(organisation=organisation, role=Role.MEDEWERKER)
    reports = [make_pressure_report(reporter) for _ in range(6)]
    return {"office": office, "odd": odd, "reports": reports, "staff": [*large_staff, *small_staff, reporter]}


def _names(*users: User) -> list[str]:
    return [user.get_full_name() for user in users]


def test_the_council_sees_each_section_as_aggregates(world: dict[str, Any]) -> None:
    office: Office = world["office"]
    response = verified_client(office.council).get(reverse("resilience:council"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="council-progress"' in html
    # Training: the department of twelve is shown, the department of four only as "< 10".
    training = html[html.index('data-testid="council-training"') :]
    assert re.search(r">Vergunningen</th>\s*<td[^>]*>12</td>", training)
    assert re.search(r">Balie</th>\s*<td[^>]*>&lt; 10</td><td[^>]*>—</td>", training)
    # Reports: six of one kind this year — the count and nothing of the reports themselves.
    reports = html[html.index('data-testid="council-reports"') :]
    assert 'data-testid="council-reports-total">' in reports and ": 6</p>" in reports
    assert AuditEvent.objects.filter(object_type="resilience.council", action="read").exists()


@pytest.mark.parametrize("who", ["line_manager", "colleague", "council"])
def test_nobody_sees_an_answer_a_small_groups_score_or_a_report(world: dict[str, Any], who: str) -> None:
    office: Office = world["office"]
    user = getattr(office, who)
    client = verified_client(user)
    pages = [reverse("resilience:council"), reverse("core:start"), reverse("inbox:index")]
    for url in pages:
        html = client.get(url).content.decode()
        assert EVIDENCE not in html, url
        assert SECRET not in html, url
        for report in world["reports"]:
            assert report.reference not in html, url
        score = world["odd"].score
        assert f"{score} %" not in html and f"{score}%" not in html, url
        for name in _names(office.owners[0], *world["staff"]):
            if name != user.get_full_name():  # the header names the viewer
                assert not re.search(rf"{re.escape(name)}\b", html), (url, name)
    # Only the council has the page at all.
    status = client.get(reverse("resilience:council")).status_code
    assert status == (200 if who == "council" else 403)
