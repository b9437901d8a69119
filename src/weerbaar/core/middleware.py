# SPDX-License-Identifier: EUPL-1.2
"""Cross-cutting request handling: request ids, security headers, API version and the policy gate."""

import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from weerbaar.core.context import request_id_var
from weerbaar.core.policy import PUBLIC, actor_of, declared_rule, is_verified
from weerbaar.core.scopes import memo_while_reading

logger = logging.getLogger("weerbaar.security")

_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


class RequestIdMiddleware:
    """Give every request an id (or accept a well-formed one from the proxy) for logs and audit events."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else str(uuid.uuid4())
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response


class SecurityHeadersMiddleware:
    """Headers Django does not set itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(self), payment=(), usb=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.setdefault("X-Content-Type-Options", "nosniff")
        if not request.path.startswith(settings.STATIC_URL):
            # Pages may hold personal data: never keep them in shared or browser caches.
            response.setdefault("Cache-Control", "no-store")
        return response


class LanguageMiddleware:
    """Dutch unless the person chose another language (the language cookie set by the header's switch).

    Django's LocaleMiddleware would follow the browser's Accept-Language; a Dutch government service
    speaks Dutch by default, whatever the browser's installation language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


class ApiVersionMiddleware:
    """NL API Design Rules: every API response carries the full API version."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_api_request(request):
            response["API-Version"] = settings.API_VERSION
        return response


class ReadMemoMiddleware:
    """While a GET or HEAD request is served, visibility rules resolve once (``core.scopes.remembered``).

    A request that may write is left alone: what it changes must be seen by the rules it asks afterwards.
    """

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in self.SAFE_METHODS:
            return self.get_response(request)
        with memo_while_reading():
            return self.get_response(request)


class PolicyMiddleware:
    """Default deny: a view that declares no access rule is refused, the rest are checked here.

    API views (DRF) authenticate themselves (bearer tokens), so for them the same rule is enforced by
    :class:`weerbaar.api.permissions.PolicyPermission`; here we only insist that they declare one.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        rule = declared_rule(view_func)
        if rule is None:
            logger.error("view without access rule refused", extra={"view": getattr(view_func, "__name__", "?")})
            raise Http404
        if getattr(view_func, "cls", None) is not None or rule is PUBLIC:
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if rule.kind == "password_only":
            return None
        if not is_verified(user):
            return HttpResponseRedirect(reverse("accounts:verify"))
        if getattr(user, "password_change_required", False):
            return HttpResponseRedirect(reverse("accounts:password_change"))
        if rule.kind == "authenticated":
            return None
        from weerbaar.core.policy import can

        if rule.kind == "permission" and rule.code and can(actor_of(request), rule.code):
            return None
        raise PermissionDenied
