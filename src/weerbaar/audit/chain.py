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


@dataclass(frozen=True)
class BrokenLink:
    event_id: int
    event_uuid: str
    reason: str


def verify(events: Iterable[AuditEvent]) -> Iterator[BrokenLink | int]:
    """Yield the first broken link, if any; otherwise yield the number of events checked."""
    previous = GENESIS
    count = 0
    for event in events:
        if event.prev_hash != previous:
            yield BrokenLink(
                event.pk, str(event.uuid), "previous hash does not match (row inserted or removed before it)"
            )
            return
        if not hmac.compare_digest(event.hash, compute_hash(previous, event)):
            yield BrokenLink(event.pk, str(event.uuid), "content does not match its hash (row changed)")
            return
        previous = event.hash
        count += 1
    yield count
