# SPDX-License-Identifier: EUPL-1.2
"""Brute-force throttling for log-in, identical for existing and non-existing usernames."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from weerbaar.accounts.models import LoginThrottle


def _key(kind: str, value: str) -> str:
    return salted_hmac(f"weerbaar.login-throttle.{kind}", value.strip().lower(), algorithm="sha256").hexdigest()


def username_key(username: str) -> str:
    return _key("username", username)


def client_key(address: str) -> str:
    return _key("client", address)


def _limit_for(key_kind: str) -> int:
    if key_kind == "username":
        return int(settings.LOGIN_THROTTLE_MAX_PER_USERNAME)
    return int(settings.LOGIN_THROTTLE_MAX_PER_CLIENT)


def _window() -> timedelta:
    return timedelta(seconds=int(settings.LOGIN_THROTTLE_WINDOW_SECONDS))


def is_locked(*, keys: dict[str, str]) -> bool:
    """Whether any of the keys (kind -> key) has reached its limit in the current window."""
    since = timezone.now() - _window()
    for kind, key in keys.items():
        row = LoginThrottle.objects.filter(key=key, window_started_at__gte=since).first()
        if row is not None and row.failures >= _limit_for(kind):
            return True
    return False


@transaction.atomic
def record_failure(*, keys: dict[str, str]) -> None:
    now = timezone.now()
    for key in keys.values():
        row, created = LoginThrottle.objects.select_for_update().get_or_create(
            key=key, defaults={"failures": 1, "window_started_at": now}
        )
        if created:
            continue
        if row.window_started_at < now - _window():
            row.failures = 1
            row.window_started_at = now
        else:
            row.failures += 1
        row.save(update_fields=["failures", "window_started_at"])


def clear(*, keys: dict[str, str]) -> None:
    LoginThrottle.objects.filter(key__in=list(keys.values())).delete()
