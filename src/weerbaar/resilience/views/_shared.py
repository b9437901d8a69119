# SPDX-License-Identifier: EUPL-1.2
"""What the scan's pages share: finding their object in the actor's scope (404 otherwise)."""

from typing import Any

from django.http import Http404, HttpRequest

from weerbaar.core.policy import actor_of
from weerbaar.resilience import selectors
from weerbaar.resilience.models import Assignment, ImprovementAction, Scan


def scan_or_404(request: HttpRequest, uuid: Any) -> Scan:
    scan = selectors.scan_get(actor=actor_of(request), uuid=uuid)
    if scan is None:
        raise Http404
    return scan


def assignment_or_404(request: HttpRequest, uuid: Any) -> Assignment:
    assignment = selectors.assignment_get(actor=actor_of(request), uuid=uuid)
    if assignment is None:
        raise Http404
    return assignment


def action_or_404(request: HttpRequest, uuid: Any) -> ImprovementAction:
    action = selectors.action_get(actor=actor_of(request), uuid=uuid)
    if action is None:
        raise Http404
    return action
