# SPDX-License-Identifier: EUPL-1.2
"""Completion per department: one page, reached through three codes — the coordinator (every department and
the total), the line manager (the departments one manages) and the council (the total only). What each sees
is decided by ``selectors.completion_per_department``; the figures are counts and shares, suppressed below 10.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.training import selectors
from weerbaar.training.constants import GROUP_THRESHOLD


def _completion(request: HttpRequest, audience: str) -> HttpResponse:
    actor = actor_of(request)
    tables = [
        table
        for module in selectors.completion_modules(actor=actor)
        if (table := selectors.completion_per_department(actor=actor, module=module)) is not None
    ]
    audit_event_record(
        actor=actor, action=AuditAction.READ, object_type="training.completion", details={"audience": audience}
    )
    return render(
        request,
        "training/completion.html",
        {"tables": tables, "audience": audience, "threshold": GROUP_THRESHOLD},
    )


def _page(code: str, audience: str) -> Callable[[HttpRequest], HttpResponse]:
    @access(permission(code))
    @require_GET
    def view(request: HttpRequest) -> HttpResponse:
        return _completion(request, audience)

    view.__name__ = f"completion_{audience}_view"
    return view


completion_view = _page(Perm.TRAINING_MANAGE, "coordinator")
department_view = _page(Perm.TRAINING_DEPARTMENT, "department")
overview_view = _page(Perm.TRAINING_OVERVIEW, "council")
