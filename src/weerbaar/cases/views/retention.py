# SPDX-License-Identifier: EUPL-1.2
"""Destroying a closed case whose retention has ended, before the daily run: its director, with a reason.

Reached from the retention overview; the case page itself does not link here.
"""

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from weerbaar.accounts.constants import Perm
from weerbaar.audit.selectors import audit_destroyed_by_own_organisation
from weerbaar.cases.retention import POLICY, case_retention_entry
from weerbaar.cases.selectors import case_get
from weerbaar.core.policy import access, actor_of, can, permission
from weerbaar.core.retention_views import retention_destroy_page, retention_gone_view


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_MANAGE))
def case_destroy_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The confirmation page (GET) and the destruction (POST); a second submit finds it gone and says so."""
    actor = actor_of(request)
    case = case_get(actor=actor, uuid=uuid)
    if case is None:
        if request.method == "POST" and audit_destroyed_by_own_organisation(actor=actor, object_uuid=UUID(str(uuid))):
            return retention_gone_view(request, fallback="cases:list")
        raise Http404
    if not can(actor, Perm.CASES_MANAGE, case):
        raise Http404
    return retention_destroy_page(
        request,
        policy=POLICY,
        obj=case,
        entry=case_retention_entry(case, readable=True),
        back_url=reverse("cases:detail", args=[case.uuid]),
        fallback="cases:list",
    )
