# SPDX-License-Identifier: EUPL-1.2
"""The council's page (/weerbaarheid/raad/): what the council may see of the resilient organisation, as
aggregates only. Each app contributes its own section through a selector of its own: the scans (progress as
a share, scores per theme from three respondents up, action counts per status with small counts hidden),
training completion per department (``training.selectors.council_figures``) and the number of pressure and
integrity reports per kind and year (``integrity.selectors.council_figures``) — never one answer, one score
or one report."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.integrity import selectors as integrity_selectors
from weerbaar.resilience import selectors
from weerbaar.training import selectors as training_selectors
from weerbaar.training.constants import GROUP_THRESHOLD


@access(permission(Perm.RESILIENCE_COUNCIL))
@require_GET
def council_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    summaries = selectors.council_summary(actor=actor)
    training = training_selectors.council_figures(actor=actor)
    # The page's code is the council's; the integrity app gives counts only, of the own organisation.
    reports = (
        integrity_selectors.council_figures(organisation_id=actor.organisation_id)
        if actor.organisation_id is not None
        else None
    )
    audit_event_record(
        actor=actor,
        action=AuditAction.READ,
        object_type="resilience.council",
        details={"scans": len(summaries), "training_modules": len(training), "reports": reports is not None},
    )
    return render(
        request,
        "resilience/council.html",
        {
            "summaries": summaries,
            "training": training,
            "training_threshold": GROUP_THRESHOLD,
            "reports": reports,
        },
    )
