# SPDX-License-Identifier: EUPL-1.2
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from weerbaar.accounts.selectors import actor_for
from weerbaar.core.policy import ANONYMOUS, Actor, is_verified

SESSION_STARTED_KEY = "weerbaar_auth_started_at"
SESSION_ORGANISATION_KEY = "weerbaar_organisation"


class SessionLifetimeMiddleware:
    """End sessions past their absolute lifetime (the idle timeout is the cookie age, renewed per request)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = int(time.time())
            elif time.time() - float(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
        request.actor = SimpleLazyObject(lambda: _session_actor(request))  # type: ignore[attr-defined]
        return self.get_response(request)


def _session_actor(request: HttpRequest) -> Actor:
    user = request.user
    if not user.is_authenticated or not is_verified(user):
        return ANONYMOUS
    return actor_for(user=user, organisation_uuid=request.session.get(SESSION_ORGANISATION_KEY))
