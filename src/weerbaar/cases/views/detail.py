# SPDX-License-Identifier: EUPL-1.2
"""One case: a summary with what needs doing next, then members, the assessment, the items the actor may
see, the strategy, action items and history as sections.

Every rendering shows case content, so every rendering is audited as READ. The case-wide actions (assessment,
invite, add an item or intervention, next step) each have their own short page: GET shows the form, POST
runs it (see ``actions``), and a failed POST shows that page again with its bound form. The small per-row
actions (mark done, end membership, consent, decide a request) stay on this page; when one fails, this page
is rendered again with its bound form.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django_stubs_ext import StrOrPromise

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases.constants import (
    INTERVENTION_TYPES,
    STEP_WARNING_DAYS,
    AccessRequestStatus,
    ActionItemStatus,
    CaseStatus,
    MemberRole,
)
from weerbaar.cases.forms import (
    AccessDecisionForm,
    ActionItemDoneForm,
    AssessmentForm,
    CaseSubjectForm,
    ConsentForm,
    InterventionAddForm,
    ItemAddForm,
    MemberAddForm,
    MemberEndForm,
    ResultForm,
    StepDoneForm,
    TransitionForm,
    transition_choices,
)
from weerbaar.cases.models import Case, CaseItem, Intervention, InterventionStep
from weerbaar.cases.next_steps import case_next_steps
from weerbaar.cases.selectors import action_items_of_case, case_items_visible, case_members
from weerbaar.cases.services import may_complete_action_item
from weerbaar.cases.views._shared import (
    case_or_404,
    consent_choices,
    invitable_organisations,
    member_organisations,
    organisation_choices,
)
from weerbaar.core.policy import Actor, access, actor_of, can, permission
from weerbaar.correlation.panel import Panel, panel_build
from weerbaar.correlation.selectors import subjects_of_case
from weerbaar.signals.constants import Phenomenon
from weerbaar.signals.selectors import signal_list


@dataclass
class StepRow:
    step: InterventionStep
    state: str  # done | overdue | soon | open
    form: Any = None


@dataclass
class InterventionRow:
    intervention: Intervention
    label: str
    steps: list[StepRow] = field(default_factory=list)
    result_form: Any = None


def _step_state(step: InterventionStep) -> str:
    today = timezone.localdate()
    if step.done_on is not None:
        return "done"
    if step.due_on is not None and step.due_on < today:
        return "overdue"
    if step.due_on is not None and step.due_on <= today + timedelta(days=STEP_WARNING_DAYS):
        return "soon"
    return "open"


def _forms(actor: Actor, case: Case, bound: dict[str, Any]) -> dict[str, Any]:
    """The case-wide action forms the actor may use now (a bound one replaces its fresh counterpart)."""
    initial = {"version": case.version}
    owner = can(actor, Perm.CASES_MANAGE, case)
    is_open = case.status != CaseStatus.AFGESLOTEN
    organisations = member_organisations(actor, case)
    members = organisation_choices(organisations)
    # The actor's organisation supplies what it adds here and always sees its own items: never a choice.
    others = organisation_choices([o for o in organisations if o.pk != actor.organisation_id])
    forms: dict[str, Any] = {
        "transition_form": TransitionForm(initial=initial, case=case)
        if owner and is_open and transition_choices(case)
        else None,
        "assessment_form": AssessmentForm(initial={**initial, "text": case.assessment}) if owner and is_open else None,
        "member_form": MemberAddForm(
            initial=initial, organisations=organisation_choices(invitable_organisations(actor, case))
        )
        if owner and is_open
        else None,
        "item_form": ItemAddForm(initial=initial, organisations=others) if is_open else None,
        "subject_form": CaseSubjectForm(initial=initial, organisations=others) if is_open else None,
        "intervention_form": InterventionAddForm(initial=initial, organisations=members) if is_open else None,
    }
    for name in forms:
        if name in bound:
            forms[name] = bound[name]
    return forms


def _items(actor: Actor, case: Case, bound: dict[str, Any]) -> list[dict[str, Any]]:
    is_open = case.status != CaseStatus.AFGESLOTEN
    members = member_organisations(actor, case)
    rows = []
    items: list[CaseItem] = list(case_items_visible(actor=actor, case=case).prefetch_related("consents__organisation"))
    for item in items:
        own = item.supplier_id == actor.organisation_id
        key = f"consent_{item.uuid}"
        form = None
        if own and item.consent_required and is_open:
            form = bound.get(key) or ConsentForm(
                initial={"version": case.version},
                organisations=consent_choices(members, item),
                id_prefix=key.replace("-", ""),
            )
        rows.append({"item": item, "own": own, "consents": list(item.consents.all()) if own else [], "form": form})
    return rows


def _interventions(actor: Actor, case: Case, bound: dict[str, Any]) -> list[InterventionRow]:
    is_open = case.status != CaseStatus.AFGESLOTEN
    rows = []
    for intervention in case.interventions.select_related("owner", "bibob_file").prefetch_related("steps"):
        kind = INTERVENTION_TYPES.get(intervention.type)
        row = InterventionRow(intervention=intervention, label=str(kind.label) if kind else intervention.type)
        carries_out = intervention.owner_id == actor.organisation_id and is_open
        for step in intervention.steps.all():
            state = _step_state(step)
            key = f"step_{intervention.uuid}_{step.code}".replace("-", "")
            form = None
            if carries_out and state != "done":
                form = bound.get(key) or StepDoneForm(
                    initial={"version": case.version, "done_on": timezone.localdate()}, id_prefix=key
                )
            row.steps.append(StepRow(step=step, state=state, form=form))
        if carries_out:
            key = f"result_{intervention.uuid}".replace("-", "")
            row.result_form = bound.get(key) or ResultForm(
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
        rows.append(row)
    return rows


def render_detail(
    request: HttpRequest, case: Case, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    actor = actor_of(request)
    bound = bound or {}
    case = Case.objects.select_related("owner", "assessment_by").get(pk=case.pk)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=case)
    owner = can(actor, Perm.CASES_MANAGE, case)
    is_open = case.status != CaseStatus.AFGESLOTEN
    memberships = []
    for membership in case_members(actor=actor, case=case):
        key = f"end_{membership.uuid}".replace("-", "")
        own_regie = membership.organisation_id == case.owner_id and membership.role == MemberRole.REGIE
        can_end = owner and is_open and not own_regie
        form = (bound.get(key) or MemberEndForm(initial={"version": case.version}, id_prefix=key)) if can_end else None
        memberships.append({"membership": membership, "form": form})
    requests = []
    if owner:
        for access_request in case.access_requests.filter(status=AccessRequestStatus.OPEN).select_related(
            "requester", "organisation"
        ):
            key = f"decide_{access_request.uuid}".replace("-", "")
            form = bound.get(key) or AccessDecisionForm(initial={"version": case.version}, id_prefix=key)
            requests.append({"request": access_request, "form": form})
    linked = case.signals.all()
    visible_signals = list(signal_list(actor=actor).filter(pk__in=linked.values("pk")))
    context = {
        "case": case,
        "owner": owner,
        "is_open": is_open,
        "phenomena": _phenomena(case),
        "history": list(case.status_changes.select_related("actor")),
        "memberships": memberships,
        "access_requests": requests,
        "items": _items(actor, case, bound),
        "interventions": _interventions(actor, case, bound),
        "signals": visible_signals,
        "other_signals": linked.count() - len(visible_signals),
        "today": timezone.localdate(),
        "action_items": _action_items(actor, case, bound),
        "can_close": owner and is_open,
    }
    forms = _forms(actor, case, bound)
    context.update(forms)
    context["panel"] = _panel(actor, case, forms.get("subject_form"))
    context["next_steps"] = case_next_steps(actor=actor, case=case)
    context["actions"] = [(key, ACTIONS[key]) for key in ACTIONS if forms.get(key) is not None]
    return render(request, "cases/detail.html", context, status=status)


@dataclass(frozen=True)
class Action:
    """One case-wide action's own page: its title, the address it posts to, the submit label, an intro."""

    title: StrOrPromise
    url_name: str
    submit: StrOrPromise
    intro: StrOrPromise = ""


#: The case-wide actions with their own page, in the order the case page offers them (keyed by form name).
ACTIONS: dict[str, Action] = {
    "transition_form": Action(
        gettext_lazy("Next step in the work process"), "cases:transition", gettext_lazy("Change status")
    ),
    "assessment_form": Action(
        gettext_lazy("Proportionality and subsidiarity"), "cases:assessment", gettext_lazy("Save assessment")
    ),
    "member_form": Action(gettext_lazy("Invite a member"), "cases:member_add", gettext_lazy("Invite")),
    "item_form": Action(
        gettext_lazy("Add an item supplied by your organisation"), "cases:item_add", gettext_lazy("Add item")
    ),
    "intervention_form": Action(
        gettext_lazy("Add an intervention"),
        "cases:intervention_add",
        gettext_lazy("Add intervention"),
        gettext_lazy(
            "Each partner commits its own interventions within its own powers; the statutory steps and "
            "deadlines follow from the kind."
        ),
    ),
}


def render_action(
    request: HttpRequest, case: Case, *, key: str, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """One case-wide action's own page: the case's key facts and this one form (bound after a failed POST);
    without the form (the case moved on, or the actor may not) the page says the action is not possible."""
    actor = actor_of(request)
    case = Case.objects.select_related("owner").get(pk=case.pk)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=case, details={"view": key})
    form = _forms(actor, case, bound or {})[key]
    context = {"case": case, "action": ACTIONS[key], "form": form}
    return render(request, "cases/action.html", context, status=status)


def _action_items(actor: Actor, case: Case, bound: dict[str, Any]) -> list[dict[str, Any]]:
    """Action items from the meetings on this case, open first; the owner completes its own."""
    today = timezone.localdate()
    rows = []
    for action in action_items_of_case(actor=actor, case=case):
        is_done = action.status == ActionItemStatus.GEREED
        form = None
        if not is_done and case.status != CaseStatus.AFGESLOTEN and may_complete_action_item(actor, action):
            key = f"actiondone_{action.uuid}".replace("-", "")
            form = bound.get(key) or ActionItemDoneForm(initial={"version": case.version}, id_prefix=key)
        rows.append({"action": action, "overdue": not is_done and action.due_on < today, "form": form})
    return rows


def _panel(actor: Actor, case: Case, form: CaseSubjectForm | None) -> Panel:
    """The case's subjects and their correlations; suggestions come from the text of the visible items."""
    subjects = list(subjects_of_case(actor=actor, case=case))
    text = "\n".join(f"{item.title}\n{item.body}" for item in case_items_visible(actor=actor, case=case))
    return panel_build(
        actor=actor,
        subjects=subjects,
        where="casus",
        add_form=form,
        add_url=reverse("cases:subject_add", kwargs={"uuid": case.uuid}),
        version=case.version,
        text=text,
        network_url=reverse("correlation:network", kwargs={"kind": "casus", "uuid": case.uuid}),
    )


def _phenomena(case: Case) -> list[str]:
    return [str(Phenomenon(code).label) if code in Phenomenon.values else code for code in case.phenomena]


@require_GET
@access(permission(Perm.CASES_VIEW))
def case_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return render_detail(request, case_or_404(request, uuid))


def require_object(request: HttpRequest, code: str, case: Case) -> Actor:
    """A member without this right on this case gets 404, like a non-member (never a hint)."""
    actor = actor_of(request)
    if not can(actor, code, case):
        raise Http404
    return actor
