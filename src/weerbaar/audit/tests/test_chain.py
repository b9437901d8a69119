# SPDX-License-Identifier: EUPL-1.2
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AppendOnlyError, AuditEvent
from weerbaar.audit.services import audit_event_record

pytestmark = pytest.mark.django_db


def _events(n: int) -> list[AuditEvent]:
    return [audit_event_record(actor=None, action=AuditAction.READ, details={"n": i}) for i in range(n)]


def _tamper(sql: str, params: list[Any]) -> None:
    """Change a row behind the application's back, as a DBA with table access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # disables the append-only trigger
            cursor.execute(sql, params)
            cursor.execute("SET session_replication_role = DEFAULT")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
            cursor.execute(sql, params)


def test_events_are_chained() -> None:
    first, second, third = _events(3)
    assert first.prev_hash == "0" * 64
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "3 events verified" in out.getvalue()


def test_changed_row_is_named_by_verify_audit() -> None:
    events = _events(5)
    victim = events[2]
    _tamper("UPDATE audit_auditevent SET purpose = %s WHERE id = %s", ["rewritten", victim.pk])
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit")
    message = str(excinfo.value)
    assert f"id={victim.pk}" in message
    assert str(victim.uuid) in message
    assert "changed" in message


def test_removed_row_breaks_the_next_link() -> None:
    events = _events(4)
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError) as excinfo:
        call_command("verify_audit")
    assert f"id={events[2].pk}" in str(excinfo.value)


def test_removed_head_is_detected_with_expected_head() -> None:
    events = _events(3)
    head = events[-1].hash
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    call_command("verify_audit", stdout=StringIO())  # the remaining chain is intact ...
    with pytest.raises(CommandError, match="removed"):
        call_command("verify_audit", expect_head=head)  # ... but the recorded head is gone


def test_model_and_queryset_refuse_changes() -> None:
    (event,) = _events(1)
    event.purpose = "x"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(purpose="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_database_trigger_refuses_raw_update() -> None:
    (event,) = _events(1)
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET purpose = 'x' WHERE id = %s", [event.pk])
    event.refresh_from_db()
    assert event.purpose == ""
