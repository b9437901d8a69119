# SPDX-License-Identifier: EUPL-1.2
"""The sealer: seals committed audit events in id order, one batch at a time.

Writers append events without any lock; only the sealer serialises, on its own advisory lock (or, on
SQLite, on the write lock every transaction takes). The ordering rule (see docs/adr/0012):

1. A writer takes its transaction id *before* it draws an event id from the sequence
   (``claim_transaction_id``, once per transaction: a later event finds it claimed), so any event id drawn
   is owned by a transaction that already has an id.
2. The sealer reads the sequence's last value ``L``, *then* the list of this database's transactions in
   progress. Every event with id ``<= L`` belongs to a transaction that had finished or is in that list.
3. It waits until every transaction in that list has finished (committed or rolled back). From then on
   no event with id ``<= L`` can appear any more: the ids missing below ``L`` are gaps for good.
4. It seals the visible events after the previous seal, up to ``L``, in batches of ``AUDIT_SEAL_BATCH``.

If a transaction in the list outlives ``AUDIT_SEAL_WAIT_SECONDS``, nothing new is sealed this round; the
next round tries again, and ``verify_audit`` reports events left unsealed longer than the window.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from weerbaar.audit.chain import GENESIS, merkle_root, seal_root
from weerbaar.audit.models import AuditEvent, AuditSeal

logger = logging.getLogger(__name__)

# Held only by the sealer, for one batch: two sealers never extend the seal chain at once.
_SEALER_LOCK_ID = 0x5345414C


def claim_transaction_id() -> None:
    """Give the writer's transaction its id now, before the event id is drawn (rule 1 above)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_current_xact_id()")


def _sequence_last_value() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [AuditEvent._meta.db_table])  # noqa: SLF001
        (sequence,) = cursor.fetchone()
        cursor.execute(f"SELECT last_value, is_called FROM {sequence}")  # noqa: S608 - name from the catalogue
        last_value, is_called = cursor.fetchone()
    return int(last_value) if is_called else 0


def _in_progress() -> list[str]:
    """Transactions of this database in progress now, other than this one.

    A snapshot lists the transactions of the whole cluster; only those of this database can write its
    audit events, so the others (another database's long transaction) must not hold the sealer up.
    ``pg_stat_activity`` is read afresh (it is otherwise cached for the rest of the transaction).
    """
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT x::text FROM pg_snapshot_xip(pg_current_snapshot()) AS x "
            "WHERE x IS DISTINCT FROM pg_current_xact_id_if_assigned() "
            "AND xid(x) IN (SELECT backend_xid FROM pg_stat_activity WHERE datname = current_database())"
        )
        return [row[0] for row in cursor.fetchall()]


def _still_running(xids: list[str]) -> int:
    """How many of ``xids`` have not finished, or have finished but are not yet visible to a new snapshot.

    A commit is written to the commit log before the transaction leaves the list of running ones that
    snapshots are taken from: in that window ``pg_xact_status`` already says "committed" while a batch read
    now would not see the transaction's events yet, and would be sealed without them.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM unnest(%s::xid8[]) AS x "
            "WHERE pg_xact_status(x) = 'in progress' OR NOT pg_visible_in_snapshot(x, pg_current_snapshot())",
            [xids],
        )
        (count,) = cursor.fetchone()
    return int(count)


def sealable_bound(*, wait_seconds: float | None = None) -> int | None:
    """The highest event id below which no event can still appear, or ``None`` when it could not be settled."""
    if connection.vendor != "postgresql":
        # SQLite: every transaction begins IMMEDIATE (see config.database), so nothing else is in flight.
        last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first()
        return last or 0
    bound = _sequence_last_value()
    xids = _in_progress()
    wait = settings.AUDIT_SEAL_WAIT_SECONDS if wait_seconds is None else wait_seconds
    deadline = time.monotonic() + wait
    while xids and _still_running(xids):
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.005)
    return bound


@dataclass(frozen=True)
class SealOutcome:
    batches: int
    events: int
    #: False when an in-flight transaction kept the sealer from settling the order (try again later).
    settled: bool = True


def _lock_sealer() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_SEALER_LOCK_ID])


def _seal_batch(*, bound: int, size: int) -> AuditSeal | None:
    """Seal the next batch up to ``bound``; the caller holds the sealer lock in this transaction."""
    head = AuditSeal.objects.order_by("-seq").first()
    after_id = head.last_event_id if head is not None else 0
    leaves = list(
        AuditEvent.objects.filter(id__gt=after_id, id__lte=bound).order_by("id").values_list("id", "hash")[:size]
    )
    if not leaves:
        return None
    ids = [pk for pk, _ in leaves]
    seal = AuditSeal(
        seq=(head.seq if head is not None else 0) + 1,
        sealed_at=timezone.now(),
        first_event_id=ids[0],
        last_event_id=ids[-1],
        event_ids=ids,
        count=len(ids),
        merkle_root=merkle_root(leaves),
        prev_root=head.root if head is not None else GENESIS,
    )
    seal.root = seal_root(seal)
    seal.full_clean()
    seal.save(force_insert=True)
    return seal


def audit_seal_pending(*, max_batches: int | None = None, wait_seconds: float | None = None) -> SealOutcome:
    """Seal every committed event that can be ordered now; each batch commits on its own."""
    size = settings.AUDIT_SEAL_BATCH
    batches = events = 0
    bound = sealable_bound(wait_seconds=wait_seconds)
    if bound is None:
        return SealOutcome(batches=0, events=0, settled=False)
    while max_batches is None or batches < max_batches:
        with transaction.atomic():
            _lock_sealer()
            seal = _seal_batch(bound=bound, size=size)
        if seal is None:
            break
        batches += 1
        events += seal.count
    if batches:
        logger.info("audit.sealed", extra={"batches": batches, "events": events})
    return SealOutcome(batches=batches, events=events)


def audit_unsealed_count() -> int:
    head = AuditSeal.objects.order_by("-seq").values_list("last_event_id", flat=True).first()
    return AuditEvent.objects.filter(id__gt=head or 0).count()
