# SPDX-License-Identifier: EUPL-1.2
"""Counting attempts against a limit: the one implementation behind every throttle and brake on requests.

A fixed-window counter in the shared cache (``CACHE_URL``: the database or Redis, never a per-process
cache, see ``core.checks``): the first attempt of a window creates the counter with ``cache.add`` and every
attempt increments it with ``cache.incr``, both atomic in the backends we use, so every process and server
counts against the same limit. The window is aligned to the clock, which also gives an exact
``Retry-After``; at a window's edge at most twice the limit gets through in quick succession.

Keys hold nothing that identifies anyone: the scope in clear (for operators) and a keyed hash (HMAC with
``SECRET_KEY``) of the window and whatever is counted (a username, an address), so a key neither reveals
the address nor links one window's counter to the next without the secret.

The correlation brakes count audit events instead (``correlation/limits.py``): those must survive a cache
flush and cannot be reset without leaving a trace.
"""

import time
from dataclasses import dataclass

from django.core.cache import BaseCache, caches
from django.utils.crypto import salted_hmac


@dataclass(frozen=True)
class RateLimit:
    #: What is limited, e.g. ``login.username``; readable in the cache, so never personal data.
    scope: str
    #: Attempts allowed per window.
    limit: int
    window_seconds: int


def _cache(cache: BaseCache | None) -> BaseCache:
    return cache if cache is not None else caches["default"]


def _window(rate: RateLimit, now: float) -> tuple[int, int]:
    """The current window's number and the whole seconds left in it (at least 1)."""
    index, elapsed = divmod(int(now), rate.window_seconds)
    return index, rate.window_seconds - elapsed


def _key(rate: RateLimit, ident: str, index: int) -> str:
    digest = salted_hmac(f"weerbaar.ratelimit.{rate.scope}", f"{index}:{ident}", algorithm="sha256").hexdigest()
    return f"ratelimit:{rate.scope}:{digest}"


def ratelimit_hit(rate: RateLimit, ident: str = "", *, cache: BaseCache | None = None) -> int:
    """Count one attempt; returns the attempts in this window, this one included."""
    store = _cache(cache)
    index, left = _window(rate, time.time())
    key = _key(rate, ident, index)
    # One second beyond the window: the key is never read after its window, and a counter that expired
    # between add and incr would otherwise have to be recreated.
    hit = getattr(store, "hit", None)
    if hit is not None:  # the database cache: one short transaction (``core.cache.DatabaseCache.hit``)
        return int(hit(key, timeout=left + 1))
    store.add(key, 0, timeout=left + 1)
    try:
        return int(store.incr(key))
    except ValueError:  # removed in between (cache cleared); start again
        store.add(key, 1, timeout=left + 1)
        return 1


def ratelimit_count(rate: RateLimit, ident: str = "", *, cache: BaseCache | None = None) -> int:
    index, _left = _window(rate, time.time())
    return int(_cache(cache).get(_key(rate, ident, index), 0))


def ratelimit_exceeded(rate: RateLimit, ident: str = "", *, cache: BaseCache | None = None) -> bool:
    """Whether the limit has been reached in this window (the next attempt would be one too many)."""
    return ratelimit_count(rate, ident, cache=cache) >= rate.limit


def ratelimit_reset(rate: RateLimit, ident: str = "", *, cache: BaseCache | None = None) -> None:
    index, _left = _window(rate, time.time())
    _cache(cache).delete(_key(rate, ident, index))


def ratelimit_retry_after(rate: RateLimit) -> int:
    """Seconds until the current window ends."""
    return _window(rate, time.time())[1]
