# SPDX-License-Identifier: EUPL-1.2
"""Write audit events. Call inside the same transaction as the change being audited.

Writing an event takes no lock: it is stored with its own keyed hash and sealed later, in order, by the
sealer (``weerbaar.audit.sealing``), which a commit wakes up through the task worker.
"""

import time
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Model
from django.tasks import default_task_backend
from django.utils import timezone

from weerbaar.audit.chain import ChainReport, chain_check, compute_hash
from weerbaar.audit.constants import CHAIN_CHECK_INLINE_LIMIT, CHAIN_OBJECT_TYPE, AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.audit.sealing import claim_transaction_id
from weerbaar.core.context import request_id_var
from weerbaar.core.policy import Actor

# Any constant identifies the advisory lock of ``serialise_writes`` on PostgreSQL.
_WRITES_LOCK_ID = 0x57454552


def serialise_writes(*, shared: bool = False) -> None:
    """Take the shared write lock now, for the rest of the transaction.

    A service that must see every write of its kind committed before its own takes it first, so two such
    writes never overlap: the correlation's judgements and its batch run take it exclusively. ``shared``:
    take it in shared mode, for writers that serialise among themselves on finer locks (subject
    registration locks the blocking keys of its subject, ``correlation.resolver.subject_keys_lock``): they
    run side by side, but never beside an exclusive holder. Audit events themselves take no lock: they are
    ordered by the sealer.
    """
    if connection.vendor == "postgresql":
        function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {function}(%s)", [_WRITES_LOCK_ID])
    # SQLite: every transaction begins IMMEDIATE (see config.database), so writers are serialised.


#: When this process last asked the worker to seal (monotonic seconds); one request per interval is enough.
_last_seal_request = [-1e9]


def _request_seal() -> None:
    """Wake the sealer after a commit, at most once per ``AUDIT_SEAL_INTERVAL_SECONDS`` per process."""
    now = time.monotonic()
    if now - _last_seal_request[0] < settings.AUDIT_SEAL_INTERVAL_SECONDS:
        return
    _last_seal_request[0] = now
    from weerbaar.audit.tasks import audit_seal_task

    # A backend that runs tasks at once (the tests) would seal inside every commit; there, tests seal on demand.
    if default_task_backend.supports_defer:
        audit_seal_task.enqueue()


def _recorded_in_this_transaction() -> bool:
    """Whether an earlier event of this transaction still stands: it claimed the transaction id already.

    Every event asks for the sealer on commit; Django drops that request again when the savepoint the
    event was written in is rolled back, so a request still queued means an event that still stands.
    """
    return any(entry[1] is _request_seal for entry in connection.run_on_commit)  # (savepoints, function, ...)


def _object_ref(obj: Model | None) -> tuple[str, Any]:
    if obj is None:
        return "", None
    return obj._meta.label_lower, getattr(obj, "uuid", None)  # noqa: SLF001 - _meta is public Django API


# No savepoint of its own (two statements less per event): an event that cannot be written fails the
# whole transaction it audits, as it must.
@transaction.atomic(savepoint=False)
def audit_event_record(
    *,
    actor: Actor | None,
    action: AuditAction | str,
    obj: Model | None = None,
    object_type: str = "",
    object_uuid: Any = None,
    purpose: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. ``details`` must hold no personal data (field names, counts, codes)."""
    if obj is not None:
        object_type, object_uuid = _object_ref(obj)
    user = actor.user if actor is not None else None
    organisation = actor.organisation if actor is not None else None
    if not _recorded_in_this_transaction():
        claim_transaction_id()
    event = AuditEvent(
        occurred_at=timezone.now(),
        actor_uuid=getattr(user, "uuid", None),
        actor_display=getattr(user, "username", "") if user is not None else "",
        organisation_uuid=getattr(organisation, "uuid", None),
        organisation_display=str(organisation) if organisation is not None else "",
        action=str(action),
        object_type=object_type,
        object_uuid=object_uuid,
        purpose=purpose[:500],
        request_id=request_id_var.get(),
        details=details or {},
    )
    event.prev_hash = ""
    event.hash = compute_hash(event.prev_hash, event)
    event.save(force_insert=True)
    transaction.on_commit(_request_seal)
    return event


def _chain_outcome(report: ChainReport) -> dict[str, Any]:
    """The outcome of a chain check as event details: counts, hashes and event ids only."""
    if report.broken is not None:
        return {
            "result": "broken",
            "event_id": report.broken.event_id,
            "event_uuid": report.broken.event_uuid,
            "kind": report.broken.kind,
        }
    if report.overdue:
        return {"result": "overdue", "count": report.count, "unsealed": report.unsealed, "overdue": report.overdue}
    return {"result": "ok", "count": report.count, "head": report.head, "unsealed": report.unsealed}


def audit_chain_check(*, actor: Actor | None, mode: str = "inline") -> ChainReport:
    """Check the whole chain now and record the check, with its outcome, in the trail."""
    report = chain_check()
    audit_event_record(
        actor=actor,
        action=AuditAction.VERIFY,
        object_type=CHAIN_OBJECT_TYPE,
        details={"mode": mode, **_chain_outcome(report)},
    )
    return report


def audit_chain_check_start(*, actor: Actor) -> ChainReport | None:
    """Check the chain while the page waits when the trail is small; otherwise leave it to the task worker.

    The report when checked at once; ``None`` when queued (the worker records the outcome as an event).
    """
    if AuditEvent.objects.count() <= CHAIN_CHECK_INLINE_LIMIT:
        return audit_chain_check(actor=actor)
    from weerbaar.audit.tasks import audit_chain_check_task

    user_uuid = str(actor.user.uuid) if actor.user is not None else ""
    organisation_uuid = str(actor.organisation.uuid) if actor.organisation is not None else ""
    with transaction.atomic():
        audit_event_record(
            actor=actor, action=AuditAction.VERIFY, object_type=CHAIN_OBJECT_TYPE, details={"mode": "queued"}
        )
        transaction.on_commit(
            lambda: audit_chain_check_task.enqueue(user_uuid=user_uuid, organisation_uuid=organisation_uuid)
        )
    return None
