# SPDX-License-Identifier: EUPL-1.2
"""Canonical form and keyed hashes of audit events and seals, and the check of the whole trail.

An event's ``hash`` is its leaf: ``HMAC(key, prev_hash | canonical(event))`` (``prev_hash`` is empty for
events written since sealing). A seal covers the events after the previous seal up to its
``last_event_id``: their Merkle root over ``(id, hash)`` pairs in id order, chained with the previous
seal's root under the same key. See ``weerbaar.audit.sealing`` for when an event is sealed.
"""

import hashlib
import hmac
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from weerbaar.audit.models import AuditEvent, AuditSeal

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


def _key() -> bytes:
    return settings.AUDIT_CHAIN_KEY.encode()


def compute_hash(prev_hash: str, event: AuditEvent) -> str:
    return hmac.new(_key(), prev_hash.encode() + b"|" + canonical(event), hashlib.sha256).hexdigest()


def merkle_root(leaves: Sequence[tuple[int, str]]) -> str:
    """The Merkle root of ``(event id, event hash)`` pairs in order (leaf and node hashes domain-separated)."""
    level = [
        hashlib.sha256(b"\x00" + pk.to_bytes(8, "big", signed=True) + bytes.fromhex(h)).digest() for pk, h in leaves
    ]
    if not level:
        return GENESIS
    while len(level) > 1:
        paired = [hashlib.sha256(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            paired.append(level[-1])  # an odd node is promoted unchanged
        level = paired
    return level[0].hex()


def seal_root(seal: AuditSeal) -> str:
    sealed_at = seal.sealed_at.astimezone(UTC).isoformat(timespec="microseconds")
    message = "|".join(
        [
            str(seal.seq),
            seal.prev_root,
            seal.merkle_root,
            str(seal.first_event_id),
            str(seal.last_event_id),
            str(seal.count),
            sealed_at,
        ]
    )
    return hmac.new(_key(), message.encode(), hashlib.sha256).hexdigest()


#: Why a link is broken, as a code (for pages) beside the reason in words (for the command line).
INSERTED_OR_REMOVED = "inserted_or_removed"
CHANGED = "changed"
REORDERED = "reordered"
SEAL_BROKEN = "seal_broken"


@dataclass(frozen=True)
class BrokenLink:
    event_id: int
    event_uuid: str
    reason: str
    kind: str = CHANGED


def _events_between(after_id: int, up_to_id: int | None, size: int = 2000) -> Iterator[AuditEvent]:
    """Events with ``after_id < id <= up_to_id`` in id order, by keyset pagination (no open cursor)."""
    last_id = after_id
    while True:
        rows = AuditEvent.objects.filter(id__gt=last_id).order_by("id")
        if up_to_id is not None:
            rows = rows.filter(id__lte=up_to_id)
        batch = list(rows[:size])
        if not batch:
            return
        yield from batch
        last_id = batch[-1].pk


def in_batches(size: int = 2000) -> Iterator[AuditEvent]:
    """All events in id order, fetched by keyset pagination."""
    return _events_between(0, None, size)


def _seals(size: int = 500) -> Iterator[AuditSeal]:
    last_seq = 0
    while True:
        batch = list(AuditSeal.objects.filter(seq__gt=last_seq).order_by("seq")[:size])
        if not batch:
            return
        yield from batch
        last_seq = batch[-1].seq


def _changed(event: AuditEvent) -> BrokenLink | None:
    if hmac.compare_digest(event.hash, compute_hash(event.prev_hash, event)):
        return None
    return BrokenLink(event.pk, str(event.uuid), "content does not match its hash (row changed)", CHANGED)


def _membership(events: list[AuditEvent], expected: list[int]) -> BrokenLink | None:
    """The first event added to, or following one removed from, a sealed batch."""
    present = [event.pk for event in events]
    for position, pk in enumerate(present):
        if position >= len(expected) or pk < expected[position]:
            return BrokenLink(pk, str(events[position].uuid), "row inserted into a sealed batch", INSERTED_OR_REMOVED)
        if pk > expected[position]:
            return BrokenLink(
                pk,
                str(events[position].uuid),
                "a row before it was removed from its sealed batch",
                INSERTED_OR_REMOVED,
            )
    if len(present) < len(expected):
        return BrokenLink(
            expected[len(present)], "", "rows removed from the end of a sealed batch", INSERTED_OR_REMOVED
        )
    return None


def _check_batch(seal: AuditSeal, prev_root: str, expected_seq: int, after_id: int) -> tuple[BrokenLink | None, int]:
    events = list(_events_between(after_id, seal.last_event_id))
    first = events[0] if events else None
    where = (first.pk, str(first.uuid)) if first is not None else (seal.first_event_id, "")
    if seal.seq != expected_seq or seal.prev_root != prev_root:
        return BrokenLink(*where, f"seal {seal.seq} does not follow the seal before it", SEAL_BROKEN), 0
    if not hmac.compare_digest(seal.root, seal_root(seal)):
        return BrokenLink(*where, f"seal {seal.seq} does not match its key (seal changed)", SEAL_BROKEN), 0
    for event in events:
        if broken := _changed(event):
            return broken, 0
    if broken := _membership(events, list(seal.event_ids)):
        return broken, 0
    if len(events) != seal.count or merkle_root([(e.pk, e.hash) for e in events]) != seal.merkle_root:
        return BrokenLink(*where, f"events of seal {seal.seq} are out of order (rows reordered)", REORDERED), 0
    return None, len(events)


@dataclass(frozen=True)
class ChainReport:
    """The outcome of checking the whole trail: intact (``count`` sealed events up to ``head``) or ``broken``."""

    count: int
    head: str
    broken: BrokenLink | None = None
    #: The head recorded earlier outside the database is gone: the newest seals were removed.
    head_missing: bool = False
    #: Events not sealed yet (their own hashes were checked), and how many of them for longer than the window.
    unsealed: int = 0
    overdue: int = 0
    oldest_unsealed_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None and not self.head_missing and not self.overdue


def seal_window() -> timedelta:
    return timedelta(seconds=settings.AUDIT_SEAL_WINDOW_SECONDS)


def chain_check(*, expect_head: str = "") -> ChainReport:
    """Check every seal and its batch in order, then the own hashes of the events not sealed yet."""
    prev_root, after_id, count, seq = GENESIS, 0, 0, 0
    for seal in _seals():
        seq += 1
        broken, checked = _check_batch(seal, prev_root, seq, after_id)
        if broken is not None:
            return ChainReport(count=0, head="", broken=broken)
        count += checked
        prev_root, after_id = seal.root, seal.last_event_id
    unsealed, overdue, oldest = 0, 0, None
    cutoff = timezone.now() - seal_window()
    for event in _events_between(after_id, None):
        if broken := _changed(event):
            return ChainReport(count=0, head="", broken=broken)
        unsealed += 1
        oldest = event.occurred_at if oldest is None else min(oldest, event.occurred_at)
        overdue += event.occurred_at < cutoff
    head = prev_root if seq else ""
    head_missing = bool(expect_head) and not AuditSeal.objects.filter(root=expect_head).exists()
    return ChainReport(
        count=count, head=head, head_missing=head_missing, unsealed=unsealed, overdue=overdue, oldest_unsealed_at=oldest
    )
