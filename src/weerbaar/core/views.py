# SPDX-License-Identifier: EUPL-1.2
"""The shell's own pages: start page per role, health checks, error pages."""

from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.core.middleware import is_api_request
from weerbaar.core.navigation import role_texts, start_sections, tiles
from weerbaar.core.policy import AUTHENTICATED, PUBLIC, access, actor_of, can
from weerbaar.core.problems import problem_response


def _tiles(request: HttpRequest) -> list[dict[str, str]]:
    actor = actor_of(request)
    return [
        {"title": str(tile.title), "text": str(tile.text), "url": reverse(tile.url_name)}
        for tile in tiles()
        if tile.permission is None or can(actor, tile.permission)
    ]


def _sections(request: HttpRequest) -> list[dict[str, Any]]:
    """The apps' start-page blocks the actor has something in (each app decides, through its selectors)."""
    actor = actor_of(request)
    found = []
    for section in start_sections():
        if section.permission is not None and not can(actor, section.permission):
            continue
        context = section.context(actor)
        if context is not None:
            found.append({"template": section.template, "data": context})
    return found


@access(AUTHENTICATED)
def start(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    roles = [{"label": role.label, "description": role.description} for role in role_texts(actor.roles)]
    return render(
        request, "core/start.html", {"roles": roles, "tiles": _tiles(request), "sections": _sections(request)}
    )


@access(PUBLIC)
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@access(PUBLIC)
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. No I/O."""
    return JsonResponse({"status": "ok"})


@access(PUBLIC)
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database answers and has no unapplied migrations."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return JsonResponse({"status": "unavailable", "database": "error"}, status=503)
    if pending:
        return JsonResponse({"status": "unavailable", "database": "migrations pending"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def _error(request: HttpRequest, status: int, title: str, detail: str) -> HttpResponse:
    if is_api_request(request):
        return problem_response(status=status, title=title, detail=detail)
    # An error page keeps the menu but not its open-items count: that count asks every app (a query each),
    # and refusals are what a crawler or a mistyped link produces most.
    request.__dict__["without_badges"] = True
    return render(request, "core/error.html", {"status": status, "title": title, "detail": detail}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if isinstance(exception, RequestDataTooBig):
        return _error(
            request,
            413,
            _("Too much text"),
            _("The form holds more text than Weerbaar accepts. Shorten the longest answers and send it again."),
        )
    return _error(request, 400, _("Bad request"), _("The request could not be understood."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, _("No access"), _("You do not have access to this page with your current role."))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, _("Page not found"), _("This page does not exist or you do not have access to it."))


def server_error(request: HttpRequest) -> HttpResponse:
    # Nothing the user typed is lost by us: forms are re-rendered on validation errors; this is a bug.
    return _error(
        request,
        500,
        _("Something went wrong"),
        _("An unexpected error occurred. It has been logged with the request id below; please try again."),
    )


def csrf_failure(request: HttpRequest, reason: str = "", **kwargs: Any) -> HttpResponse:
    return _error(
        request,
        403,
        _("Form expired"),
        _("For your security this form has expired. Go back, reload the page and submit it again."),
    )
