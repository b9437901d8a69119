# SPDX-License-Identifier: EUPL-1.2
"""System checks of the deployment (``manage.py check --deploy``)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

#: Cache back ends that do not share their contents with every process and server.
NOT_SHARED = frozenset(
    {
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
        "django.core.cache.backends.filebased.FileBasedCache",
    }
)


@register(Tags.security, Tags.caches, deploy=True)
def shared_cache_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The security limits (log-in throttle, receipt-code brake, API throttles) count in the default cache."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in NOT_SHARED:
        return []
    return [
        Warning(
            f"The default cache ({backend}) is not shared by every process and server, so each worker counts "
            "its own log-in failures, wrong receipt codes and API requests: every extra worker multiplies the "
            "security limits.",
            hint="Set CACHE_URL to db:// (and run createcachetable) or redis://host:6379/0.",
            id="weerbaar.W001",
        )
    ]
