# SPDX-License-Identifier: EUPL-1.2
"""Parse ``CACHE_URL`` into Django's CACHES entry.

The cache holds the counters of the security limits (log-in throttle, receipt-code brake, API throttles),
so it must be shared by every process and server: the database (``db://``, the default) or Redis
(``redis://host:port/db``). A per-process cache (``locmem://``) would give every worker its own counters
and multiply each limit by the number of workers; it is refused outside development.
"""

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

CACHE_TABLE = "weerbaar_cache"


def parse_cache_url(url: str, *, allow_local: bool) -> dict[str, Any]:
    parts = urlsplit(url)
    if parts.scheme == "db":
        table = (parts.netloc or parts.path.strip("/")) or CACHE_TABLE
        return {
            "BACKEND": "weerbaar.core.cache.DatabaseCache",
            "LOCATION": table,
            # Culling drops entries at random once the table is full: that would reset throttle counters
            # during an attack with many keys. Expired rows are removed on read and on write.
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        }
    if parts.scheme in {"redis", "rediss"}:
        if not parts.hostname:
            raise ImproperlyConfigured("CACHE_URL: give the Redis host, e.g. redis://127.0.0.1:6379/0.")
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if parts.scheme == "locmem":
        if not allow_local:
            raise ImproperlyConfigured(
                "CACHE_URL=locmem:// keeps the security limits per process; use db:// or redis:// "
                "(locmem:// is for development with DJANGO_DEBUG=true only)."
            )
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "weerbaar"}
    raise ImproperlyConfigured("CACHE_URL must start with db://, redis:// or locmem:// (see .env.example).")
