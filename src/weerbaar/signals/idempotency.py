# SPDX-License-Identifier: EUPL-1.2
"""``Idempotency-Key`` for API submissions: a retry returns the first signal instead of making a second.

The key store holds the client (the token's user uuid, or ``"publiek"``), the key and a SHA-256 of the
canonical request body — never the body itself. Exactly-once under concurrency rests on the unique
(client, key) constraint: the signal and its key are written in one transaction, so when two requests
with the same key race, the loser's insert of the key fails, its whole transaction (signal included)
rolls back, and it re-reads and replays the winner's signal.

Anonymous reporters have no identity to keep their keys apart, so a replay answers only the very same
request (key and body): another reporter who happens to pick the same key with other content gets a 422,
never the first reporter's number. Their keys are stored hashed, so the key store does not hand out keys
that could be replayed.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from weerbaar.signals.models import IdempotencyKey, Signal

MAX_KEY_LENGTH = 128
PUBLIC_CLIENT = "publiek"


class IdempotencyKeyReusedError(Exception):
    """The client sent this key before with a different body."""


@dataclass(frozen=True)
class IdempotentOutcome:
    signal: Signal
    #: The anonymous receipt code; only on the first response (it is stored hashed, so a replay cannot show it).
    receipt: str | None
    replayed: bool


def request_hash(payload: Any) -> str:
    """SHA-256 of the body in canonical JSON (sorted keys, no whitespace), so key order does not matter."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    # A lone surrogate is not UTF-8: hash it as is rather than fail before validation can refuse it.
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def _stored_key(*, client: str, key: str) -> str:
    if client != PUBLIC_CLIENT:
        return key
    return hashlib.sha256(f"{PUBLIC_CLIENT}\n{key}".encode()).hexdigest()


def key_problem(key: str) -> str | None:
    """Why a header value cannot be used as a key (Dutch, for invalidParams); ``None`` when it can."""
    if not key.strip():
        return "De Idempotency-Key mag niet leeg zijn."
    if len(key) > MAX_KEY_LENGTH:
        return f"De Idempotency-Key is te lang: hooguit {MAX_KEY_LENGTH} tekens."
    if not key.isascii() or not key.isprintable():
        return "De Idempotency-Key mag alleen zichtbare ASCII-tekens bevatten."
    return None


def signal_replay(*, client: str, key: str, body_hash: str) -> IdempotentOutcome | None:
    """The signal recorded earlier under this key, or ``None``; raises when the body differs."""
    stored_key = _stored_key(client=client, key=key)
    stored = IdempotencyKey.objects.select_related("signal").filter(client=client, key=stored_key).first()
    if stored is None:
        return None
    if stored.request_hash != body_hash:
        raise IdempotencyKeyReusedError
    return IdempotentOutcome(signal=stored.signal, receipt=None, replayed=True)


def signal_create_once(
    *, client: str, key: str, body_hash: str, create: Callable[[], tuple[Signal, str | None]]
) -> IdempotentOutcome:
    """Run ``create`` (a call of ``signal_create``) at most once per (client, key).

    Call :func:`signal_replay` first to skip the work for an ordinary retry; this function is correct
    without it too. Raises :class:`IdempotencyKeyReusedError` when the key was used with another body.
    """
    try:
        with transaction.atomic():
            signal, receipt = create()
            IdempotencyKey.objects.create(
                client=client,
                key=_stored_key(client=client, key=key),
                request_hash=body_hash,
                signal=signal,
            )
    except IntegrityError:
        # A concurrent request with the same key committed first; ours (signal and all) was rolled back.
        replay = signal_replay(client=client, key=key, body_hash=body_hash)
        if replay is None:
            raise  # some other constraint failed: not ours to hide
        return replay
    return IdempotentOutcome(signal=signal, receipt=receipt, replayed=False)
