# SPDX-License-Identifier: EUPL-1.2
"""The debrief (/acties/<uuid>/debriefing/): the action's figures with their tables. Exact for the planners,
suppressed for the other members (``selectors.operation_debrief``)."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from weerbaar.accounts.constants import Perm
from weerbaar.actions import selectors
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
