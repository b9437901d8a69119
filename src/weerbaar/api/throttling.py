# SPDX-License-Identifier: EUPL-1.2
"""DRF throttles on :mod:`weerbaar.core.ratelimit`: counted in the shared cache, under keyed hashes.

DRF's own throttles keep a list of request times per client in the cache, read and written back without
a lock, under the client's address in clear; these count atomically and store no address.
"""

from typing import TYPE_CHECKING, Any

from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from weerbaar.core.ratelimit import RateLimit, ratelimit_hit, ratelimit_retry_after

if TYPE_CHECKING:  # DRF imports its settings, and so this module, while rest_framework.views loads
    from rest_framework.views import APIView

_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """DRF's rate syntax: ``"30/minute"`` -> ``(30, 60)``."""
    count, period = rate.split("/")
    return int(count), _SECONDS[period.strip()[0]]


class RateLimitThrottle(BaseThrottle):
    """``rate`` requests per window per ``ident``; subclasses say what is counted."""

    scope = ""
    rate = ""

    def __init__(self) -> None:
        self._wait: float | None = None

    def get_rate(self) -> str:
        return self.rate

    def ident_for(self, request: Request, view: "APIView") -> str | None:
        """What is counted (hashed before it reaches the cache); ``None``: not throttled."""
        return self.get_ident(request)

    def allow_request(self, request: Request, view: "APIView") -> bool:
        ident = self.ident_for(request, view)
        if ident is None:
            return True
        limit, seconds = parse_rate(self.get_rate())
        rate = RateLimit(scope=self.scope, limit=limit, window_seconds=seconds)
        # Counting first and comparing after keeps concurrent requests from slipping past together.
        if ratelimit_hit(rate, ident) <= limit:
            return True
        self._wait = ratelimit_retry_after(rate)
        return False

    def wait(self) -> float | None:
        return self._wait


class UserRateThrottle(RateLimitThrottle):
    """Requests per user (``API_THROTTLE_RATE``); anonymous requests per client address."""

    scope = "api.user"

    def get_rate(self) -> str:
        from rest_framework.settings import api_settings

        return str(api_settings.DEFAULT_THROTTLE_RATES["user"])

    def ident_for(self, request: Request, view: Any) -> str | None:
        user = request.user
        if user is not None and user.is_authenticated:
            return f"user:{user.pk}"
        return f"client:{self.get_ident(request)}"
