# SPDX-License-Identifier: EUPL-1.2
"""Brute-force throttling for log-in, identical for existing and non-existing usernames.

Failures are counted per username and per client address through :mod:`weerbaar.core.ratelimit`, in the
shared cache, so every server process counts against the same limit.
"""

from django.conf import settings
from django.utils.crypto import salted_hmac

from weerbaar.core.ratelimit import RateLimit, ratelimit_exceeded, ratelimit_hit, ratelimit_reset


def _key(kind: str, value: str) -> str:
    return salted_hmac(f"weerbaar.login-throttle.{kind}", value.strip().lower(), algorithm="sha256").hexdigest()


def username_key(username: str) -> str:
    return _key("username", username)


def client_key(address: str) -> str:
    return _key("client", address)


def _rate(kind: str) -> RateLimit:
    limit = settings.LOGIN_THROTTLE_MAX_PER_USERNAME if kind == "username" else settings.LOGIN_THROTTLE_MAX_PER_CLIENT
    return RateLimit(
        scope=f"login.{kind}", limit=int(limit), window_seconds=int(settings.LOGIN_THROTTLE_WINDOW_SECONDS)
    )


def is_locked(*, keys: dict[str, str]) -> bool:
    """Whether any of the keys (kind -> key) has reached its limit in the current window."""
    return any(ratelimit_exceeded(_rate(kind), key) for kind, key in keys.items())


def record_failure(*, keys: dict[str, str]) -> None:
    for kind, key in keys.items():
        ratelimit_hit(_rate(kind), key)


def clear(*, keys: dict[str, str]) -> None:
    for kind, key in keys.items():
        ratelimit_reset(_rate(kind), key)
