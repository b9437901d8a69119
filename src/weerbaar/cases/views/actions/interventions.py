# SPDX-License-Identifier: EUPL-1.2
"""The strategy carried out: interventions, their statutory steps and results."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.cases import services
from weerbaar.cases.forms import InterventionAddForm, ResultForm, StepDoneForm
from weerbaar.cases.models import Case
from weerbaar.cases.views._shared import case_or_404, member_organisations, organisation_choices
from weerbaar.cases.views.actions._base import act, action_key
from weerbaar.core.policy import Actor, access, actor_of, permission


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_VIEW))
def case_intervention_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    actor = actor_of(request)
    members = member_organisations(actor, case)

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        owner = next(org for org in members if str(org.uuid) == data["owner"])
        services.intervention_add(
            actor=actor,
            case=case,
            type=data["type"],
            owner=owner,
            started_on=data["started_on"],
            bibob_reference=data["bibob_reference"],
        )

    return act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key="intervention_form",
        make_form=lambda data: InterventionAddForm(data, organisations=organisation_choices(members)),
        apply=apply,
        done=_("The intervention has been added with its statutory steps."),
    )


@require_POST
@access(permission(Perm.CASES_VIEW))
def case_step_done_view(request: HttpRequest, uuid: str, intervention_uuid: str, code: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    intervention = case.interventions.filter(uuid=intervention_uuid).first()
    step = intervention.steps.filter(code=code).first() if intervention is not None else None
    if step is None:
        raise Http404

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.intervention_step_done(actor=actor, step=step, done_on=data["done_on"])

    key = action_key("step", intervention_uuid, code)
    return act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key=key,
        make_form=lambda data: StepDoneForm(data, id_prefix=key),
        apply=apply,
        done=_("The step has been marked as done."),
    )


@require_POST
@access(permission(Perm.CASES_VIEW))
def case_result_view(request: HttpRequest, uuid: str, intervention_uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    intervention = case.interventions.filter(uuid=intervention_uuid).first()
    if intervention is None:
        raise Http404

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.intervention_result_record(
            actor=actor,
            intervention=intervention,
            status=data["status"],
            closure_months=data["closure_months"],
            permit_refused=data["permit_refused"],
            amount_levied=data["amount_levied"],
            amount_seized=data["amount_seized"],
            result_note=data["result_note"],
        )

    key = action_key("result", intervention.uuid)
    return act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key=key,
        make_form=lambda data: ResultForm(data, id_prefix=key),
        apply=apply,
        done=_("The result has been recorded."),
    )
