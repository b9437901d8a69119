# SPDX-License-Identifier: EUPL-1.2
"""The pages, walked as the people who use them: the coordinator opens and follows a scan, process owners
answer, an action owner moves his action. Refusals are 404 on another person's or organisation's object."""

import pytest
from django.urls import reverse

from tests.helpers import verified_client
from weerbaar.resilience import services
from weerbaar.resilience.constants import ActionStatus, AssignmentStatus, ScanStatus
from weerbaar.resilience.forms import evidence_field, level_field
from weerbaar.resilience.models import Assignment, ImprovementAction, Scan
from weerbaar.resilience.tests.factories import make_action, make_office, scanned, topic

pytestmark = pytest.mark.django_db


def _answers(assignment: Assignment, level: int, button: str = "indienen") -> dict[str, str]:
    data = {button: ""}
    for question in assignment.topic.questions.all():
        data[level_field(str(question.pk))] = str(level)
        data[evidence_field(str(question.pk))] = "Werkinstructie"
    return data


def test_the_coordinator_runs_a_scan_through_the_pages() -> None:
    office = make_office()
    coordinator = verified_client(office.coordinator)
    response = coordinator.post(reverse("resilience:open"), {"title": "Scan 2026"})
    scan = Scan.objects.get(organisation=office.organisation)
    assert response.status_code == 302
    assert response["Location"] == reverse("resilience:detail", kwargs={"uuid": scan.uuid})

    permits = topic(scan, "vergunningen")
    for owner in office.owners:
        response = coordinator.post(
            reverse("resilience:assign", kwargs={"uuid": scan.uuid}), {"topic": permits.pk, "respondent": owner.pk}
        )
        assert response.status_code == 302
    # The same person twice: a readable error on the form, not a 500.
    response = coordinator.post(
        reverse("resilience:assign", kwargs={"uuid": scan.uuid}),
        {"topic": permits.pk, "respondent": office.owners[0].pk},
    )
    assert response.status_code == 200
    assert "beantwoordt dit proces of thema al" in response.content.decode()

    response = coordinator.post(
        reverse("resilience:exposure", kwargs={"uuid": scan.uuid}),
        {key: 3 if key == "vergunningen" else 2 for key in scan.exposures.values_list("topic__key", flat=True)},
    )
    assert response.status_code == 302

    for owner, level in zip(office.owners, (1, 1, 4), strict=True):
        client = verified_client(owner)
        assignment = Assignment.objects.get(scan=scan, respondent=owner)
        url = reverse("resilience:answer", kwargs={"uuid": assignment.uuid})
        assert client.get(reverse("resilience:mine")).content.decode().count(url) == 1
        assert client.post(url, _answers(assignment, level, "concept")).status_code == 302
        assignment.refresh_from_db()
        assert assignment.status == AssignmentStatus.DRAFT
        assert client.post(url, _answers(assignment, level)).status_code == 302
        assignment.refresh_from_db()
        assert assignment.status == AssignmentStatus.SUBMITTED

    page = coordinator.get(reverse("resilience:detail", kwargs={"uuid": scan.uuid})).content.decode()
    assert '<td class="utrecht-table__cell">2,0</td>' in page  # (1 + 1 + 4) / 3
    assert "Vergunningen en ontheffingen" in page
    assert "Respondenten zijn het sterk oneens" in page  # levels 1 and 4 on the same question

    response = coordinator.post(
        reverse("resilience:action_create", kwargs={"uuid": scan.uuid}),
        {"title": "Bibob-beleid", "owner": office.owners[0].pk, "due_date": "2030-06-30", "topic": permits.pk},
    )
    action = ImprovementAction.objects.get(scan=scan)
    assert response.status_code == 302

    owner = verified_client(office.owners[0])
    response = owner.post(
        reverse("resilience:action_status", kwargs={"uuid": action.uuid}),
        {"version": action.version, "to_status": ActionStatus.IN_PROGRESS, "reason": "Gestart"},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    # A stale page: 409, nothing changes.
    response = owner.post(
        reverse("resilience:action_status", kwargs={"uuid": action.uuid}),
        {"version": action.version - 1, "to_status": ActionStatus.DONE},
    )
    assert response.status_code == 409

    scan.refresh_from_db()
    response = coordinator.post(reverse("resilience:close", kwargs={"uuid": scan.uuid}), {"version": scan.version})
    assert response.status_code == 302
    scan.refresh_from_db()
    assert scan.status == ScanStatus.CLOSED


def test_an_assignment_is_its_respondents_alone() -> None:
    office = make_office()
    scan = scanned(office, close=False, keys=("vergunningen",))
    assignment = Assignment.objects.filter(scan=scan, respondent=office.owners[0]).get()
    url = reverse("resilience:answer", kwargs={"uuid": assignment.uuid})
    assert verified_client(office.owners[0]).get(url).status_code == 200
    for user in (office.owners[1], office.coordinator):
        assert verified_client(user).get(url).status_code == 404


def test_the_owner_sees_his_action_and_a_colleague_does_not() -> None:
    office = make_office()
    scan = scanned(office, close=False, keys=())
    action = make_action(office, scan, owner=office.owners[0])
    url = reverse("resilience:action", kwargs={"uuid": action.uuid})
    assert verified_client(office.owners[0]).get(url).status_code == 200
    assert verified_client(office.owners[1]).get(url).status_code == 404
    status_url = reverse("resilience:action_status", kwargs={"uuid": action.uuid})
    assert (
        verified_client(office.owners[1]).post(status_url, {"version": 1, "to_status": "afgerond"}).status_code == 404
    )


def test_a_rescan_page_shows_the_trend_and_the_benchmark_waits_for_five() -> None:
    office = make_office()
    first = scanned(office, level=1)
    second = scanned(office, level=3, previous=first)
    client = verified_client(office.coordinator)
    page = client.get(reverse("resilience:detail", kwargs={"uuid": second.uuid})).content.decode()
    assert 'data-testid="trend"' in page
    assert "+2,0" in page
    page = client.get(reverse("resilience:benchmark", kwargs={"uuid": second.uuid})).content.decode()
    assert 'data-testid="not-available"' in page


def test_a_bad_form_is_a_readable_error() -> None:
    office = make_office()
    scan = services.scan_open(actor=office.manager, title="Scan")
    client = verified_client(office.coordinator)
    response = client.post(reverse("resilience:action_create", kwargs={"uuid": scan.uuid}), {"due_date": "morgen"})
    assert response.status_code == 200
    assert "utrecht-form-field--invalid" in response.content.decode()
    assert "Dit veld is vereist." in response.content.decode()
