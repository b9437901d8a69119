# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from rest_framework import permissions
from rest_framework.exceptions import NotAuthenticated, NotFound
from rest_framework.request import Request

from weerbaar.core.policy import ANONYMOUS, Actor, can, declared_rule


def request_actor(request: Request) -> Actor:
    return getattr(request._request, "actor", ANONYMOUS)  # noqa: SLF001 - the Django request carries the actor


class PolicyPermission(permissions.BasePermission):
    """The API side of the one policy: the view's ``access_rule`` decides; no rule, no access."""

    def has_permission(self, request: Request, view: Any) -> bool:
        rule = declared_rule(view)
        if rule is None:
            return False
        if rule.kind == "public":
            return True
        actor = request_actor(request)
        if not actor.is_authenticated:
            raise NotAuthenticated
        if rule.kind == "authenticated":
            return True
        if rule.kind == "permission" and rule.code and can(actor, rule.code):
            return True
        # Function-level refusal: the resource is not there for this actor.
        raise NotFound
