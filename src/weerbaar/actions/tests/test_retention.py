# SPDX-License-Identifier: EUPL-1.2
"""Retention of joint actions: a closed action is warned once, kept on legal hold, and destroyed with its
findings, photos and locations, leaving a deletion record without content."""

from datetime import date, datetime, time
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from weerbaar.actions.constants import OperationStatus, Severity
from weerbaar.actions.models import DeletionRecord, Finding, FindingPhoto, Location, Operation, OperationStatusChange
from weerbaar.actions.services import finding_record, operation_legal_hold_set, operation_transition
from weerbaar.actions.tests.factories import first_location, make_operation, make_planner, make_running, png_bytes
from weerbaar.actions.tests.test_views import client_of
from weerbaar.audit.models import AuditEvent
from weerbaar.core.policy import Actor
from weerbaar.core.retention import retention_policy, retention_run
from weerbaar.core.uploads import sanitise_bytes
from weerbaar.notifications.models import OutboxMessage
from weerbaar.organisations.models import Organisation

pytestmark = pytest.mark.django_db

CLOSED_ON = date(2020, 3, 10)
#: Five years after CLOSED_ON.
RETENTION_ENDS = date(2025, 3, 10)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def _closed(planner: Actor, *, closed_on: date = CLOSED_ON) -> Operation:
    operation = make_operation(planner, title="Actiedag Loven")
    make_running(operation, planner)
    finding_record(
        actor=planner,
        operation=operation,
        location=first_location(operation),
        domain="bouw",
        checked="Brandveiligheid Industrieweg",
        compliant=False,
        severity=Severity.MIDDEN,
        idempotency_key=f"retention-{closed_on}",
        photos=[sanitise_bytes(png_bytes())],
    )
    for step in (OperationStatus.DEBRIEFED, OperationStatus.CLOSED):
        operation_transition(actor=planner, operation=operation, to_status=step)
    closed_at = timezone.make_aware(datetime.combine(closed_on, time(15, 0)))
    OperationStatusChange.objects.filter(operation=operation, to_status=OperationStatus.CLOSED).update(at=closed_at)
    return operation


def test_a_closed_action_is_warned_once_then_destroyed_with_a_deletion_record(
    tilburg: Organisation, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    planner = make_planner(tilburg)
    operation = _closed(planner)
    kept = _closed(planner, closed_on=date(2020, 3, 11))
    open_one = make_operation(planner)
    photo = FindingPhoto.objects.get(finding__operation=operation)
    path = settings.MEDIA_ROOT / photo.path
    assert path.exists()
    assert retention_policy("actions").warning_days == 30

    assert retention_run(today=date(2025, 2, 7), names=["actions"])[0].warned == 0
    assert retention_run(today=date(2025, 2, 8), names=["actions"])[0].warned == 1
    mail = OutboxMessage.objects.get()
    assert planner.user is not None and mail.recipient == planner.user.email
    assert "2025-03-10" in mail.body and str(operation.uuid)[:8] in mail.body
    assert "Loven" not in mail.body and "Industrieweg" not in mail.body  # no title, no address
    assert retention_run(today=date(2025, 2, 8), names=["actions"])[0].warned == 0  # once

    assert retention_run(today=date(2025, 3, 9), names=["actions"])[0].deleted == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_run(today=RETENTION_ENDS, names=["actions"])[0].deleted == 1
    assert not Operation.objects.filter(pk=operation.pk).exists()
    assert not Finding.objects.filter(operation_id=operation.pk).exists()
    assert not Location.objects.filter(operation_id=operation.pk).exists()
    assert not path.exists()
    assert Operation.objects.filter(pk__in=[kept.pk, open_one.pk]).count() == 2

    record = DeletionRecord.objects.get(operation_uuid=operation.uuid)
    assert (record.closed_on, record.retention_until, record.final_status) == (CLOSED_ON, RETENTION_ENDS, "closed")
    assert (record.findings, record.photos, record.owner_id) == (1, 1, tilburg.pk)
    assert record.locations == 3  # 30 % of the ten premises drawn
    stored = " ".join(str(v) for v in DeletionRecord.objects.filter(pk=record.pk).values().get().values())
    assert "Loven" not in stored and "Industrieweg" not in stored
    deletion = AuditEvent.objects.get(action="delete", object_uuid=operation.uuid)
    assert deletion.actor_uuid is None and deletion.details["rule"] == "actions:closed"


def test_a_legal_hold_keeps_an_expired_action_until_a_planner_lifts_it(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = _closed(planner)
    with pytest.raises(ValidationError):
        operation_legal_hold_set(actor=planner, operation=operation, hold=True, reason=" ")
    with pytest.raises(PermissionDenied):
        operation_legal_hold_set(actor=make_planner(), operation=operation, hold=True, reason="Procedure")
    operation_legal_hold_set(actor=planner, operation=operation, hold=True, reason="Bezwaar tegen de sluiting loopt")
    report = retention_run(today=date(2026, 1, 1), names=["actions"])[0]
    assert (report.held, report.deleted) == (1, 0)
    assert not DeletionRecord.objects.exists()

    operation_legal_hold_set(actor=planner, operation=operation, hold=False, reason="Uitspraak onherroepelijk")
    with pytest.raises(ValidationError):  # a second lift does nothing
        operation_legal_hold_set(actor=planner, operation=operation, hold=False, reason="Nogmaals")
    lifted = AuditEvent.objects.get(object_uuid=operation.uuid, details__legal_hold=False)
    assert lifted.purpose == "Uitspraak onherroepelijk"
    assert retention_run(today=date(2026, 1, 1), names=["actions"])[0].deleted == 1


def test_the_overview_shows_a_planner_his_expired_action_and_the_hold_page(tilburg: Organisation) -> None:
    planner = make_planner(tilburg)
    operation = _closed(planner)
    page = client_of(planner).get(reverse("core:retention")).content.decode()
    assert str(operation.uuid)[:8] in page and "Actiedag Loven" not in page
    assert reverse("actions:legal_hold", args=[operation.uuid]) in page
    hold = client_of(planner).get(reverse("actions:legal_hold", args=[operation.uuid]))
    assert hold.status_code == 200 and 'data-testid="retention"' in hold.content.decode()
    assert client_of(make_planner()).get(reverse("actions:legal_hold", args=[operation.uuid])).status_code == 404
