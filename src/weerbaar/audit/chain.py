# SPDX-License-Identifier: EUPL-1.2
"""Canonical form and keyed hash of audit events."""

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.conf import settings

from weerbaar.audit.models import AuditEvent

GENESIS = "0" * 64
HASHED_FIELDS = (
    "uuid",
    "occurred_at",
    "actor_uuid",
    "actor_display",
    "organisation_uuid",
    "organisation_display",
    "action",
    "object_type",
    "object_uuid",
    "purpose",
    "request_id",
    "details",
)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool, dict, list)):
        return value
    if hasattr(value, "astimezone"):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return str(value)


def canonical(event: AuditEvent) -> bytes:
    payload = {name: _plain(getattr(event, name)) for name in HASHED_FIELDS}
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def compute_hash(prev_hash: str, event: AuditEvent) -> str:
    key = settings.AUDIT_CHAIN_KEY.encode()
    return hmac.new(key, prev_hash.encode() + b"|" + canonical(event), hashlib.sha256).hexdigest()


#: Why a link is broken, as a code (for pages) beside the reason in words (for the command line).
INSERTED_OR_REMOVED = "inserted_or_removed"
CHANGED = "changed"


@dataclass(frozen=True)
class BrokenLink:
    event_id: int
    event_uuid: str
    reason: str
    kind: str = CHANGED


def verify(events: Iterable[AuditEvent]) -> Iterator[BrokenLink | int]:
    """Yield the first broken link, if any; otherwise yield the number of events checked."""
    previous = GENESIS
    count = 0
    for event in events:
        if event.prev_hash != previous:
            yield BrokenLink(
                event.pk,
                str(event.uuid),
                "previous hash does not match (row inserted or removed before it)",
                INSERTED_OR_REMOVED,
            )
            return
        if not hmac.compare_digest(event.hash, compute_hash(previous, event)):
            yield BrokenLink(event.pk, str(event.uuid), "content does not match its hash (row changed)", CHANGED)
            return
        previous = event.hash
        count += 1
    yield count


def in_batches(size: int = 2000) -> Iterator[AuditEvent]:
    """All events in id order, fetched by keyset pagination (no server-side cursor left open)."""
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:size])
        if not batch:
            return
        yield from batch
        last_id = batch[-1].pk


@dataclass(frozen=True)
class ChainReport:
    """The outcome of checking the whole chain: intact (``count`` events up to ``head``) or ``broken``."""

    count: int
    head: str
    broken: BrokenLink | None = None
    #: The head recorded earlier outside the database is gone: the newest events were removed.
    head_missing: bool = False

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.head_missing


def chain_check(*, expect_head: str = "") -> ChainReport:
    """Recompute the chain from the first event; the head is that of the last event checked."""
    last: list[AuditEvent] = []

    def remembering(events: Iterable[AuditEvent]) -> Iterator[AuditEvent]:
        for event in events:
            last[:] = [event]
            yield event

    result = next(verify(remembering(in_batches())))
    if isinstance(result, BrokenLink):
        return ChainReport(count=0, head="", broken=result)
    head = last[0].hash if last else ""
    head_missing = bool(expect_head) and not AuditEvent.objects.filter(hash=expect_head).exists()
    return ChainReport(count=result, head=head, head_missing=head_missing)
