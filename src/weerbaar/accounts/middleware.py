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
SESSION_RENEWED_KEY = "weerbaar_renewed_at"
SESSION_ORGANISATION_KEY = "weerbaar_organisation"
#: The idle timeout (``SESSION_COOKIE_AGE``) is renewed by a request at most this often.
SESSION_RENEW_SECONDS = 60


class SessionLifetimeMiddleware:
    """End sessions past their absolute lifetime, and keep the idle timeout running from the last activity.

    The idle timeout is the session's expiry (``SESSION_COOKIE_AGE`` after it was last saved). Saving the
    session on every request would write to the database on every page view; it is renewed instead when a
    request comes more than ``SESSION_RENEW_SECONDS`` after the last renewal, so an idle session ends between
    that many seconds before the idle timeout and the timeout itself.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.keys():  # a stored session (none, or a stale cookie, loads as empty and stays unsaved)
            renewed = session.get(SESSION_RENEWED_KEY)
            now = int(time.time())
            if renewed is None or now - int(renewed) >= SESSION_RENEW_SECONDS:
                session[SESSION_RENEWED_KEY] = now  # modified: saved with a new expiry after the response
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
