# SPDX-License-Identifier: EUPL-1.2
"""Write audit events. Call inside the same transaction as the change being audited."""

from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from weerbaar.audit.chain import GENESIS, compute_hash
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.core.context import request_id_var
from weerbaar.core.policy import Actor

# Any constant identifies the chain's advisory lock on PostgreSQL.
_CHAIN_LOCK_ID = 0x57454552


def serialise_writes() -> None:
    """Take the audit chain's lock now, for the rest of the transaction.

    Every audited write takes it anyway; a service that must see every write committed before its own
    (the correlation resolver deciding which subjects are the same) takes it first, so two such writes
    never overlap and the lock order is always the same (no deadlock with the audit event at the end).
    """
    _lock_chain()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_ID])
    # SQLite: every transaction begins IMMEDIATE (see config.database), so writers are serialised.


def _object_ref(obj: Model | None) -> tuple[str, Any]:
    if obj is None:
        return "", None
    return obj._meta.label_lower, getattr(obj, "uuid", None)  # noqa: SLF001 - _meta is public Django API


@transaction.atomic
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
    _lock_chain()
    last = AuditEvent.objects.order_by("-id").only("hash").first()
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
    event.prev_hash = last.hash if last is not None else GENESIS
    event.hash = compute_hash(event.prev_hash, event)
    event.save(force_insert=True)
    return event
