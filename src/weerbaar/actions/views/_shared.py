# SPDX-License-Identifier: EUPL-1.2
"""What the joint-action pages share: finding their objects in the actor's scope (404 otherwise)."""

from typing import Any

from django.http import Http404, HttpRequest

from weerbaar.accounts.constants import Perm
from weerbaar.actions import selectors
from weerbaar.actions.models import Finding, Location, Operation
from weerbaar.core.policy import actor_of, can


def operation_or_404(request: HttpRequest, uuid: Any, *, code: str = Perm.ACTIONS_VIEW) -> Operation:
    """The operation if the actor may see it and holds ``code`` on it (planners for ``actions.manage``)."""
    actor = actor_of(request)
    operation = selectors.operation_get(actor=actor, uuid=uuid)
    if operation is None or not can(actor, code, operation):
        raise Http404
    return operation


def location_or_404(request: HttpRequest, operation: Operation, uuid: Any) -> Location:
    location = selectors.location_get(actor=actor_of(request), operation=operation, uuid=uuid)
    if location is None:
        raise Http404
    return location


def finding_or_404(request: HttpRequest, operation: Operation, uuid: Any) -> Finding:
    finding = selectors.finding_get(actor=actor_of(request), operation=operation, uuid=uuid)
    if finding is None:
        raise Http404
    return finding


def choices(objects: Any, label: Any = str) -> list[tuple[str, str]]:
    return [(str(obj.uuid), label(obj)) for obj in objects]
