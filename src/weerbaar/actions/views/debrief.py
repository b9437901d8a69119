# SPDX-License-Identifier: EUPL-1.2
"""The debrief (/acties/<uuid>/debriefing/): the action's figures with their tables. Exact for the planners,
suppressed for the other members (``selectors.operation_debrief``); and the public summary as a page, for the
planners, under the public rules (``documents.public_figures``, as its PDF)."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from weerbaar.accounts.constants import Perm
from weerbaar.actions import documents, selectors
from weerbaar.actions.views._shared import operation_or_404
from weerbaar.core.policy import access, actor_of, permission


@access(permission(Perm.ACTIONS_VIEW))
@require_GET
def debrief_view(request: HttpRequest, uuid: str) -> HttpResponse:
    operation = operation_or_404(request, uuid)
    debrief = selectors.operation_debrief(actor=actor_of(request), operation=operation)
    if debrief is None:
        raise Http404
    return render(request, "actions/debrief.html", {"operation": operation, "debrief": debrief})


@access(permission(Perm.ACTIONS_MANAGE))
@require_GET
def public_summary_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The public summary as a page: the same figures as its PDF, under the public disclosure rules."""
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_MANAGE)
    try:
        figures = documents.public_figures(actor=actor_of(request), operation=operation)
    except PermissionDenied as denied:
        raise Http404 from denied
    context = {"operation": operation, "figures": figures, "area": selectors.operation_area(operation)}
    return render(request, "actions/public_summary.html", context)
