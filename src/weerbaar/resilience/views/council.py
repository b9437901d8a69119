# SPDX-License-Identifier: EUPL-1.2
"""The council's page (/weerbaarheid/raad/): the own organisation's scans as aggregates only — progress as a
share, scores per theme from three respondents up, action counts per status with small counts hidden."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.resilience import selectors


@access(permission(Perm.RESILIENCE_COUNCIL))
@require_GET
def council_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    summaries = selectors.council_summary(actor=actor)
    audit_event_record(
        actor=actor, action=AuditAction.READ, object_type="resilience.council", details={"scans": len(summaries)}
    )
    return render(request, "resilience/council.html", {"summaries": summaries})
