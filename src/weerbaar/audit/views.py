# SPDX-License-Identifier: EUPL-1.2
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.forms import AuditFilterForm
from weerbaar.audit.selectors import audit_event_list
from weerbaar.audit.services import audit_event_record
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import access, actor_of, permission


@access(permission(Perm.AUDIT_VIEW))
def audit_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = audit_event_list(
        actor=actor, action=filters.get("action", ""), since=filters.get("since"), until=filters.get("until")
    )
    # Reading the audit trail is itself audited.
    audit_event_record(
        actor=actor,
        action=AuditAction.SEARCH,
        object_type="audit.auditevent",
        details={"action": filters.get("action", ""), "page": request.GET.get("pagina", "1")[:6]},
    )
    return render(request, "audit/list.html", {"page": paginate(request, events, per_page=50), "form": form})
