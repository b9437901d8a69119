# SPDX-License-Identifier: EUPL-1.2
"""The case's own steps: the work process, the assessment, closure and the accountability report."""

import io
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases import services
from weerbaar.cases.constants import INTERVENTION_TYPES, CaseStatus
from weerbaar.cases.forms import AssessmentForm, CloseForm, TransitionForm
from weerbaar.cases.models import Case
from weerbaar.cases.selectors import case_closure_consequences, interventions_blocking_closure
from weerbaar.cases.views._shared import NOT_YOURS_MESSAGE, STALE_MESSAGE, case_or_404
from weerbaar.cases.views.actions._base import act
from weerbaar.cases.views.detail import require_object
from weerbaar.core.policy import Actor, access, actor_of, permission
from weerbaar.core.workflow.views import ActionPage, versioned_action


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_MANAGE))
def case_transition_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.case_transition(
            actor=actor, case=case, to_status=data["to_status"], reason=data["reason"], expected_version=data["version"]
        )

    case = case_or_404(request, uuid)
    return act(
        request,
        case,
        code=Perm.CASES_MANAGE,
        key="transition_form",
        make_form=lambda data: TransitionForm(data, case=case),
        apply=apply,
        done=_("The case has moved to its next step."),
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_MANAGE))
def case_assessment_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.case_assessment_record(actor=actor, case=case, text=data["text"], expected_version=data["version"])

    return act(
        request,
        case_or_404(request, uuid),
        code=Perm.CASES_MANAGE,
        key="assessment_form",
        make_form=lambda data: AssessmentForm(data),
        apply=apply,
        done=_("The proportionality and subsidiarity assessment has been recorded."),
    )


def render_close(
    request: HttpRequest, case: Case, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """The consequences of closing, stated before the director confirms: running interventions (a running
    Bibob investigation or closure procedure blocks unless confirmed), police data destroyed, and what the
    accountability report will leave out and why."""
    actor = actor_of(request)
    case = Case.objects.select_related("owner").get(pk=case.pk)
    consequences = case_closure_consequences(actor=actor, case=case)
    form = (bound or {}).get("close_form") or CloseForm(
        initial={"version": case.version}, blocking=bool(consequences.blocking)
    )
    audit_event_record(actor=actor, action=AuditAction.READ, obj=case, details={"view": "close"})
    return render(
        request,
        "cases/close.html",
        {
            "case": case,
            "consequences": consequences,
            "running": [
                {
                    "intervention": iv,
                    "label": INTERVENTION_TYPES[iv.type].label if iv.type in INTERVENTION_TYPES else iv.type,
                    "blocking": iv in consequences.blocking,
                }
                for iv in consequences.running
            ],
            "form": form if case.status != CaseStatus.AFGESLOTEN else None,
        },
        status=status,
    )


CLOSE_PAGE = ActionPage(render=render_close, url_name="cases:detail", stale=STALE_MESSAGE, denied=NOT_YOURS_MESSAGE)


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_MANAGE))
def case_close_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Closing has its own page: it destroys police data, so the director sees what it does first."""
    case = case_or_404(request, uuid)
    actor = require_object(request, Perm.CASES_MANAGE, case)
    if request.method == "GET":
        return render_close(request, case)
    blocking = interventions_blocking_closure(case=case).exists()

    def apply(data: dict[str, Any]) -> None:
        services.case_close(
            actor=actor,
            case=case,
            reason=data["reason"],
            expected_version=data["version"],
            confirm_blocking=bool(data.get("confirm_blocking")),
        )

    return versioned_action(
        request,
        case,
        page=CLOSE_PAGE,
        key="close_form",
        make_form=lambda data: CloseForm(data, blocking=blocking),
        apply=apply,
        done=_("The case has been closed. Police data have been destroyed."),
    )


@require_GET
@access(permission(Perm.CASES_MANAGE))
def case_report_view(request: HttpRequest, uuid: str) -> HttpResponse | FileResponse:
    """The accountability report (PDF) for the directing organisation; the service audits it as EXPORT."""
    case = case_or_404(request, uuid)
    actor = require_object(request, Perm.CASES_MANAGE, case)
    try:
        content = services.closure_report_pdf(actor=actor, case=case)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("cases:detail", uuid=case.uuid)
    except PermissionDenied as exc:
        raise Http404 from exc
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=f"{case.number or 'casus'}-verantwoording.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
