# SPDX-License-Identifier: EUPL-1.2
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from weerbaar.audit.chain import chain_check
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AppendOnlyError, AuditEvent, AuditSeal
from weerbaar.audit.sealing import audit_seal_pending
from weerbaar.audit.services import audit_event_record

pytestmark = pytest.mark.django_db


def _events(n: int, *, seal: bool = True) -> list[AuditEvent]:
    """``n`` events, sealed as the sealer would seal them once they are committed."""
    events = [audit_event_record(actor=None, action=AuditAction.READ, details={"n": i}) for i in range(n)]
    if seal:
        audit_seal_pending()
    return events


def _tamper(sql: str, params: list[Any]) -> None:
    """Change a row behind the application's back, as a DBA with table access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # disables the append-only trigger
            cursor.execute(sql, params)
            cursor.execute("SET session_replication_role = DEFAULT")
        else:
            for trigger in ("event_no_update", "event_no_delete", "seal_no_update", "seal_no_delete"):
                cursor.execute(f"DROP TRIGGER IF EXISTS audit_{trigger}")
            cursor.execute(sql, params)


def test_events_are_sealed_in_order() -> None:
    first, second, third = _events(3)
    (seal,) = AuditSeal.objects.all()
    assert seal.event_ids == [first.pk, second.pk, third.pk]
    assert seal.prev_root == "0" * 64
    assert all(event.prev_hash == "" for event in (first, second, third))  # no lock, no link to the previous
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "3 events verified" in out.getvalue()
    assert seal.root in out.getvalue()


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
    _events(3)
    newest = _events(2)
    head = chain_check().head
    last_seal = AuditSeal.objects.get(root=head)
    # The newest batch goes, seal and all: what remains is a consistent, shorter trail ...
    _tamper("DELETE FROM audit_auditevent WHERE id IN (%s, %s)", [newest[0].pk, newest[1].pk])
    _tamper("DELETE FROM audit_auditseal WHERE id = %s", [last_seal.pk])
    call_command("verify_audit", stdout=StringIO())
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
