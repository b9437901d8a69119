# SPDX-License-Identifier: EUPL-1.2
"""The sealer: batches in order, no fork, nothing half-sealed, late commits, and the unsealed window."""

import threading
from collections.abc import Callable
from io import StringIO
from typing import Any
from uuid import uuid4

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from weerbaar.audit import sealing
from weerbaar.audit.chain import REORDERED, SEAL_BROKEN, chain_check, compute_hash, merkle_root
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent, AuditSeal
from weerbaar.audit.sealing import audit_seal_pending
from weerbaar.audit.services import audit_event_record
from weerbaar.audit.tests.test_chain import _events, _tamper

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrency needs PostgreSQL")


def _record(n: int = 0) -> AuditEvent:
    return audit_event_record(actor=None, action=AuditAction.READ, details={"n": n})


def _rolled_back_record() -> int:
    """The id of an event whose writer rolled back: a gap in the sequence for good."""
    with transaction.atomic():
        pk = _record(-1).pk
        transaction.set_rollback(True)
    return pk


def _sealed_ids() -> list[int]:
    return [pk for seal in AuditSeal.objects.order_by("seq") for pk in seal.event_ids]


@postgresql_only  # SQLite has no transaction ids to claim
def test_a_transaction_claims_its_id_once_and_again_after_its_event_was_rolled_back() -> None:
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        with transaction.atomic():  # a savepoint, rolled back with the event in it
            _record(1)
            transaction.set_rollback(True)
        _record(2)  # claims again: the event that claimed before is gone
        _record(3)  # the transaction's id is claimed already
    claims = [q["sql"] for q in queries.captured_queries if "pg_current_xact_id" in q["sql"]]
    assert len(claims) == 2
    assert AuditEvent.objects.filter(details__n__in=[1, 2, 3]).count() == 2


# --- sealing ------------------------------------------------------------------------------------------------


@override_settings(AUDIT_SEAL_BATCH=2)
def test_batches_chain_to_each_other_and_sealing_again_adds_nothing() -> None:
    events = _events(5)
    seals = list(AuditSeal.objects.order_by("seq"))
    assert [seal.count for seal in seals] == [2, 2, 1]
    assert [seal.prev_root for seal in seals[1:]] == [seal.root for seal in seals[:-1]]
    assert _sealed_ids() == [event.pk for event in events]
    assert audit_seal_pending().events == 0
    report = chain_check()
    assert report.ok
    assert (report.count, report.head, report.unsealed) == (5, seals[-1].root, 0)


@postgresql_only  # SQLite hands a rolled-back id out again: no gap
def test_sequence_gaps_are_sealed_over() -> None:
    first = _record(1)
    _rolled_back_record()
    last = _record(3)
    audit_seal_pending()
    assert _sealed_ids() == [first.pk, last.pk]
    assert last.pk > first.pk + 1
    assert chain_check().ok


def test_merkle_root_depends_on_every_leaf_and_its_place() -> None:
    leaves = [(i, f"{i:064x}") for i in range(1, 6)]
    root = merkle_root(leaves)
    assert merkle_root(leaves[:4]) != root
    assert merkle_root([leaves[1], leaves[0], *leaves[2:]]) != root
    assert merkle_root([*leaves[:4], (5, "f" * 64)]) != root
    assert merkle_root([*leaves[:4], (6, leaves[4][1])]) != root


@override_settings(AUDIT_SEAL_BATCH=2)
def test_crash_mid_batch_leaves_nothing_half_sealed(monkeypatch: pytest.MonkeyPatch) -> None:
    events = _events(4, seal=False)
    real_save = AuditSeal.save
    calls: list[int] = []

    def crash_on_second(self: AuditSeal, *args: Any, **kwargs: Any) -> None:
        real_save(self, *args, **kwargs)  # the row is written ...
        calls.append(self.seq)
        if len(calls) == 2:
            raise RuntimeError("sealer killed")  # ... and the process dies before the batch commits

    monkeypatch.setattr(AuditSeal, "save", crash_on_second)
    with pytest.raises(RuntimeError):
        audit_seal_pending()
    monkeypatch.undo()
    assert list(AuditSeal.objects.values_list("seq", flat=True)) == [1]  # the first batch, whole; no second
    assert _sealed_ids() == [events[0].pk, events[1].pk]
    report = chain_check()
    assert report.ok
    assert report.unsealed == 2
    audit_seal_pending()
    assert _sealed_ids() == [event.pk for event in events]
    assert chain_check().ok


def test_seal_rows_are_append_only() -> None:
    _events(1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditseal SET count = 7")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditseal")


# --- tampering caught by the seals ------------------------------------------------------------------------


def test_reordered_events_are_detected() -> None:
    events = _events(4)
    a, b = events[1].pk, events[2].pk
    _tamper("UPDATE audit_auditevent SET id = -1 WHERE id = %s", [a])
    _tamper("UPDATE audit_auditevent SET id = %s WHERE id = %s", [a, b])
    _tamper("UPDATE audit_auditevent SET id = %s WHERE id = -1", [b])
    report = chain_check()
    assert report.broken is not None
    assert report.broken.kind == REORDERED


@postgresql_only
def test_event_inserted_into_a_sealed_gap_is_named_even_with_a_valid_hash() -> None:
    first = _record(1)
    gap = _rolled_back_record()
    _record(3)
    audit_seal_pending()
    forged = AuditEvent(uuid=uuid4(), occurred_at=first.occurred_at, action=AuditAction.READ)
    forged.hash = compute_hash("", forged)  # as someone holding the key would
    _tamper(
        "INSERT INTO audit_auditevent (id, uuid, occurred_at, actor_display, organisation_display, action, "
        "object_type, purpose, request_id, details, prev_hash, hash) "
        "VALUES (%s, %s, %s, '', '', 'read', '', '', '', '{}', '', %s)",
        [gap, str(forged.uuid), forged.occurred_at, forged.hash],
    )
    with pytest.raises(CommandError, match=f"id={gap}") as excinfo:
        call_command("verify_audit")
    assert "inserted" in str(excinfo.value)


def test_changed_seal_is_detected() -> None:
    _events(3)
    _tamper("UPDATE audit_auditseal SET count = 2", [])
    report = chain_check()
    assert report.broken is not None
    assert report.broken.kind == SEAL_BROKEN


def test_removed_seal_in_the_middle_is_detected() -> None:
    _events(2)
    _events(2)
    _events(2)
    middle = AuditSeal.objects.get(seq=2)
    _tamper("DELETE FROM audit_auditseal WHERE id = %s", [middle.pk])
    report = chain_check()
    assert report.broken is not None
    assert report.broken.kind == SEAL_BROKEN


def test_changed_unsealed_event_is_detected_by_its_own_hash() -> None:
    events = _events(3, seal=False)
    _tamper("UPDATE audit_auditevent SET purpose = 'x' WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError, match=f"id={events[1].pk}"):
        call_command("verify_audit")


# --- the unsealed window ------------------------------------------------------------------------------------


def test_events_left_unsealed_past_the_window_are_reported() -> None:
    _events(2, seal=False)
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "Not sealed yet: 2" in out.getvalue()
    with override_settings(AUDIT_SEAL_WINDOW_SECONDS=-1), pytest.raises(CommandError, match="2 audit events"):
        call_command("verify_audit")
    with override_settings(AUDIT_SEAL_WINDOW_SECONDS=-1):
        report = chain_check()
        assert (report.ok, report.broken, report.overdue) == (False, None, 2)
        audit_seal_pending()
        assert chain_check().ok


def test_seal_command_seals() -> None:
    _events(3, seal=False)
    out = StringIO()
    call_command("seal_audit", stdout=out)
    assert "Sealed 3 events in 1 batches" in out.getvalue()
    assert chain_check().unsealed == 0


# --- concurrency (PostgreSQL, real transactions) ------------------------------------------------------------


def _in_thread(target: Callable[[], None]) -> threading.Thread:
    def run() -> None:
        try:
            target()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("transactional_db_with_audit")
def test_late_committing_writer_is_never_sealed_over() -> None:
    recorded, release = threading.Event(), threading.Event()
    late: list[AuditEvent] = []

    def slow_writer() -> None:
        with transaction.atomic():
            late.append(_record(1))
            recorded.set()
            release.wait(10)

    writer = _in_thread(slow_writer)
    assert recorded.wait(10)
    quick = _record(2)  # drawn after the slow one, committed first
    assert quick.pk > late[0].pk
    outcome = audit_seal_pending(wait_seconds=0.2)
    assert not outcome.settled
    assert AuditSeal.objects.count() == 0  # sealing ``quick`` now would seal over the slow writer's id
    release.set()
    writer.join(10)
    audit_seal_pending()
    assert _sealed_ids() == [late[0].pk, quick.pk]
    assert chain_check().ok


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("transactional_db_with_audit")
def test_sealer_waits_for_a_writer_in_flight() -> None:
    recorded = threading.Event()
    late: list[AuditEvent] = []

    def writer_committing_soon() -> None:
        with transaction.atomic():
            late.append(_record(1))
            recorded.set()
            threading.Event().wait(0.3)

    writer = _in_thread(writer_committing_soon)
    assert recorded.wait(10)
    quick = _record(2)
    outcome = audit_seal_pending(wait_seconds=10)
    writer.join(10)
    assert outcome.settled
    assert _sealed_ids() == [late[0].pk, quick.pk]


@postgresql_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("transactional_db_with_audit")
@override_settings(AUDIT_SEAL_BATCH=1)
def test_two_sealers_at_once_do_not_fork_the_chain() -> None:
    events = [_record(i) for i in range(12)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def sealer() -> None:
        start.wait(10)
        try:
            audit_seal_pending()
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [_in_thread(sealer), _in_thread(sealer)]
    for thread in threads:
        thread.join(30)
    assert errors == []
    seals = list(AuditSeal.objects.order_by("seq"))
    assert [seal.seq for seal in seals] == list(range(1, 13))
    assert _sealed_ids() == [event.pk for event in events]
    assert chain_check().ok
    assert sealing.audit_unsealed_count() == 0
