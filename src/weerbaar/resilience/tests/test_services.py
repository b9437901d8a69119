# SPDX-License-Identifier: EUPL-1.2
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from weerbaar.audit.models import AuditEvent
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.resilience import services
from weerbaar.resilience.constants import ActionStatus, AssignmentStatus, ScanStatus, TopicKind
from weerbaar.resilience.models import Answer, ScanModel
from weerbaar.resilience.tests.factories import actor, answer_all, make_action, make_office, topic

pytestmark = pytest.mark.django_db


def test_the_first_questionnaire_is_data_with_eight_processes_and_five_themes() -> None:
    model = ScanModel.objects.get(version=1)
    assert model.published
    assert model.topics.filter(kind=TopicKind.PROCESS).count() == 8
    assert model.topics.filter(kind=TopicKind.THEME).count() == 5
    for topic_ in model.topics.all():
        assert topic_.measures, topic_.key
        for question in topic_.questions.all():
            assert len(question.levels) == 5


def test_coordinator_opens_a_scan_with_an_exposure_per_process() -> None:
    office = make_office()
    scan = services.scan_open(actor=office.manager, title="Scan 2026")
    assert scan.status == ScanStatus.OPEN
    assert scan.exposures.count() == 8
    assert AuditEvent.objects.filter(object_uuid=scan.uuid, action="create").exists()


def test_only_the_coordinator_opens_a_scan() -> None:
    office = make_office()
    for user in (office.owners[0], office.council, office.line_manager, office.colleague):
        with pytest.raises(PermissionDenied):
            services.scan_open(actor=actor(user), title="Scan")


def test_several_respondents_per_process_and_only_of_the_own_organisation() -> None:
    office, other = make_office(), make_office()
    scan = services.scan_open(actor=office.manager, title="Scan")
    permits = topic(scan, "vergunningen")
    for owner in office.owners:
        services.assignment_add(actor=office.manager, scan=scan, topic=permits, respondent=owner)
    assert scan.assignments.filter(topic=permits).count() == 3
    with pytest.raises(ValidationError, match="already answers"):
        services.assignment_add(actor=office.manager, scan=scan, topic=permits, respondent=office.owners[0])
    with pytest.raises(ValidationError, match="own organisation"):
        services.assignment_add(actor=office.manager, scan=scan, topic=permits, respondent=other.owners[0])
    with pytest.raises(ValidationError, match="own organisation"):
        services.assignment_add(actor=office.manager, scan=scan, topic=permits, respondent=office.colleague)
    with pytest.raises(PermissionDenied):
        services.assignment_add(actor=other.manager, scan=scan, topic=permits, respondent=other.owners[0])


def test_a_draft_keeps_answers_and_submitting_needs_every_question() -> None:
    office = make_office()
    scan = services.scan_open(actor=office.manager, title="Scan")
    assignment = services.assignment_add(
        actor=office.manager, scan=scan, topic=topic(scan, "vergunningen"), respondent=office.owners[0]
    )
    first = assignment.topic.questions.first()
    assert first is not None
    services.answers_save(
        actor=actor(office.owners[0]), assignment=assignment, answers={first.pk: services.AnswerInput(3, "Beleid 2025")}
    )
    assert Answer.objects.get(assignment=assignment, question=first).evidence == "Beleid 2025"
    with pytest.raises(ValidationError, match="every question"):
        services.answers_save(actor=actor(office.owners[0]), assignment=assignment, answers={}, submit=True)
    answer_all(assignment, 3)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.SUBMITTED
    with pytest.raises(ValidationError, match="already submitted"):
        answer_all(assignment, 1)


def test_nobody_answers_another_respondents_assignment() -> None:
    office = make_office()
    scan = services.scan_open(actor=office.manager, title="Scan")
    assignment = services.assignment_add(
        actor=office.manager, scan=scan, topic=topic(scan, "vergunningen"), respondent=office.owners[0]
    )
    for user in (office.owners[1], office.coordinator, office.council):
        with pytest.raises(PermissionDenied):
            services.answers_save(actor=actor(user), assignment=assignment, answers={})


def test_a_closed_scan_refuses_answers_and_exposure() -> None:
    office = make_office()
    scan = services.scan_open(actor=office.manager, title="Scan")
    assignment = services.assignment_add(
        actor=office.manager, scan=scan, topic=topic(scan, "vergunningen"), respondent=office.owners[0]
    )
    scan = services.scan_close(actor=office.manager, scan=scan, expected_version=scan.version)
    with pytest.raises(ValidationError, match="closed"):
        answer_all(assignment, 2)
    with pytest.raises(ValidationError, match="closed"):
        services.exposure_set(actor=office.manager, scan=scan, levels={"vergunningen": 3})


def test_exposure_is_one_to_three() -> None:
    office = make_office()
    scan = services.scan_open(actor=office.manager, title="Scan")
    services.exposure_set(actor=office.manager, scan=scan, levels={"vergunningen": 3})
    assert scan.exposures.get(topic__key="vergunningen").level == 3
    with pytest.raises(ValidationError):
        services.exposure_set(actor=office.manager, scan=scan, levels={"vergunningen": 4})
    with pytest.raises(ValidationError):
        services.exposure_set(actor=office.manager, scan=scan, levels={"bewustzijn": 2})


def test_action_workflow_with_history_and_stale_versions() -> None:
    office = make_office()
    scan = services.scan_open(actor=office.manager, title="Scan")
    action = make_action(office, scan)
    assert [c.to_status for c in action.status_changes.all()] == [ActionStatus.OPEN]
    # The owner moves his own action; the version protects against a stale page.
    moved = services.action_status_change(
        actor=actor(office.owners[0]),
        action=action,
        to_status=ActionStatus.IN_PROGRESS,
        expected_version=action.version,
    )
    with pytest.raises(StaleVersionError):
        services.action_status_change(
            actor=office.manager, action=action, to_status=ActionStatus.DONE, expected_version=action.version
        )
    done = services.action_status_change(
        actor=office.manager,
        action=moved,
        to_status=ActionStatus.DONE,
        reason="Vastgesteld",
        expected_version=moved.version,
    )
    assert [c.to_status for c in done.status_changes.all()] == ["open", "in_uitvoering", "afgerond"]
    with pytest.raises(ValidationError):
        services.action_status_change(
            actor=office.manager, action=done, to_status=ActionStatus.OPEN, expected_version=done.version
        )
    with pytest.raises(PermissionDenied):
        services.action_status_change(
            actor=actor(office.owners[1]), action=done, to_status=ActionStatus.OPEN, expected_version=None
        )


def test_an_action_owner_works_for_the_organisation() -> None:
    office, other = make_office(), make_office()
    scan = services.scan_open(actor=office.manager, title="Scan")
    with pytest.raises(ValidationError, match="own organisation"):
        services.action_create(
            actor=office.manager,
            scan=scan,
            title="X",
            owner=other.coordinator,
            due_date=timezone.localdate() + timedelta(days=1),
        )


def test_a_rescan_builds_on_an_own_scan_only() -> None:
    office, other = make_office(), make_office()
    first = services.scan_open(actor=office.manager, title="2025")
    second = services.scan_open(actor=office.manager, title="2026", previous=first)
    assert second.previous == first
    with pytest.raises(PermissionDenied):
        services.scan_open(actor=other.manager, title="2026", previous=first)


def test_the_shipped_questionnaire_comes_back_after_the_tables_are_emptied() -> None:
    ScanModel.objects.all().delete()
    office = make_office()
    scan = services.scan_open(actor=office.manager, title="Scan")
    assert scan.scan_model.version == 1
    assert scan.scan_model.topics.count() == 13
