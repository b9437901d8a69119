# SPDX-License-Identifier: EUPL-1.2
"""The strategy carried out: interventions, their statutory steps and results.

Marking a step done and recording a result each have their own short page (GET shows the form, POST runs
it); the case page links to them for the organisation that carries out the intervention.
"""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from weerbaar.accounts.constants import Perm
from weerbaar.cases import services
from weerbaar.cases.forms import InterventionAddForm, ResultForm, StepDoneForm
from weerbaar.cases.models import Case, Intervention
from weerbaar.cases.views._shared import carries_out, case_or_404, member_organisations, organisation_choices
from weerbaar.cases.views.actions._base import act, action_key, own_page
from weerbaar.cases.views.detail import Action, current, intervention_label, render_action_page
from weerbaar.core.policy import Actor, access, actor_of, permission

NOT_CARRIED_OUT = gettext_lazy(
    "Only the organisation that carries out this intervention does this, while the case is open."
)
STEP_DONE = Action(
    gettext_lazy("Mark a step as done"),
    "cases:step_done",
    gettext_lazy("Mark done"),
    unavailable=gettext_lazy(
        "This step is done already, or only the organisation that carries out this intervention marks it, "
        "while the case is open."
    ),
)
RESULT = Action(
    gettext_lazy("Record the result"),
    "cases:result",
    gettext_lazy("Save result"),
    gettext_lazy("The results per partner go into the accountability report when the case is closed."),
    unavailable=NOT_CARRIED_OUT,
)


def _intervention(intervention: Intervention) -> str:
    return f"{intervention_label(intervention)} — {intervention.owner.name}"


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


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_VIEW))
def case_step_done_view(request: HttpRequest, uuid: str, intervention_uuid: str, code: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    intervention = case.interventions.select_related("owner").filter(uuid=intervention_uuid).first()
    step = intervention.steps.filter(code=code).first() if intervention is not None else None
    if intervention is None or step is None:
        raise Http404
    key = action_key("step", intervention_uuid, code)

    def render_page(
        request: HttpRequest, case: Case, *, bound: dict[str, Any] | None = None, status: int = 200
    ) -> HttpResponse:
        case = current(case)
        form = (bound or {}).get(key)
        if form is None and step.done_on is None and carries_out(actor_of(request), case, intervention):
            form = StepDoneForm(initial={"version": case.version, "done_on": timezone.localdate()}, id_prefix=key)
        about = [
            (_("Intervention"), _intervention(intervention)),
            (_("Step"), step.label),
            (_("Due"), step.due_on.isoformat() if step.due_on else "—"),
        ]
        return render_action_page(
            request, case, action=STEP_DONE, form=form, view="step_done", about=about, status=status
        )

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.intervention_step_done(actor=actor, step=step, done_on=data["done_on"])

    return act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key=key,
        make_form=lambda data: StepDoneForm(data, id_prefix=key),
        apply=apply,
        done=_("The step has been marked as done."),
        page=own_page(render_page),
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_VIEW))
def case_result_view(request: HttpRequest, uuid: str, intervention_uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    intervention = case.interventions.select_related("owner").filter(uuid=intervention_uuid).first()
    if intervention is None:
        raise Http404
    key = action_key("result", intervention.uuid)

    def render_page(
        request: HttpRequest, case: Case, *, bound: dict[str, Any] | None = None, status: int = 200
    ) -> HttpResponse:
        case = current(case)
        form = (bound or {}).get(key)
        if form is None and carries_out(actor_of(request), case, intervention):
            form = ResultForm(
                initial={
                    "version": case.version,
                    "status": intervention.status,
                    "closure_months": intervention.closure_months,
                    "permit_refused": intervention.permit_refused,
                    "amount_levied": intervention.amount_levied,
                    "amount_seized": intervention.amount_seized,
                    "result_note": intervention.result_note,
                },
                id_prefix=key,
            )
        about = [
            (_("Intervention"), _intervention(intervention)),
            (_("Legal basis"), intervention.legal_basis),
            (_("Status"), intervention.get_status_display()),
        ]
        return render_action_page(request, case, action=RESULT, form=form, view="result", about=about, status=status)

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

    return act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key=key,
        make_form=lambda data: ResultForm(data, id_prefix=key),
        apply=apply,
        done=_("The result has been recorded."),
        page=own_page(render_page),
    )
