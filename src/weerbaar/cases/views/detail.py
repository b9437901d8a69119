# SPDX-License-Identifier: EUPL-1.2
"""One case: a summary with what needs doing next, then members, the assessment, the items the actor may
see, the strategy, action items, subjects and history as sections.

Every rendering shows case content, so every rendering is audited as READ. Every action with a form of more
than a button has its own short page, linked from this one: the case-wide ones (assessment, invite, add an
item or intervention, next step) and those on one row (consent for an item, a step done, an intervention's
result, the decision on an access request). GET shows the form, POST runs it (see ``actions``), and a failed
POST shows that page again with its bound form. Only the one-click actions (end a membership, complete an
action item) stay as buttons on this page; when one fails, this page is rendered again.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.translation import gettext as _
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
    ActionItemDoneForm,
    AssessmentForm,
    CaseSubjectForm,
    InterventionAddForm,
    ItemAddForm,
    MemberAddForm,
    MemberEndForm,
    TransitionForm,
    transition_choices,
)
from weerbaar.cases.models import Case, CaseItem, Intervention, InterventionStep
from weerbaar.cases.next_steps import case_next_steps
from weerbaar.cases.selectors import action_items_of_case, case_items_visible, case_members
from weerbaar.cases.services import may_complete_action_item
from weerbaar.cases.views._shared import (
    carries_out,
    case_or_404,
    invitable_organisations,
    may_consent,
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
    url: str = ""  # the page that marks it done, for the organisation that carries it out


@dataclass
class InterventionRow:
    intervention: Intervention
    label: str
    facts: list[str] = field(default_factory=list)  # "key: value", shown on one line
    results: list[str] = field(default_factory=list)
    steps: list[StepRow] = field(default_factory=list)
    result_url: str = ""


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


def _items(actor: Actor, case: Case) -> list[dict[str, Any]]:
    rows = []
    items: list[CaseItem] = list(case_items_visible(actor=actor, case=case).prefetch_related("consents__organisation"))
    for item in items:
        own = item.supplier_id == actor.organisation_id
        url = (
            reverse("cases:consent", kwargs={"uuid": case.uuid, "item_uuid": item.uuid})
            if may_consent(actor, case, item)
            else ""
        )
        rows.append({"item": item, "own": own, "consents": list(item.consents.all()) if own else [], "url": url})
    return rows


def intervention_label(intervention: Intervention) -> str:
    kind = INTERVENTION_TYPES.get(intervention.type)
    return str(kind.label) if kind else intervention.type


def _facts(intervention: Intervention) -> tuple[list[str], list[str]]:
    """An intervention's key facts and its results so far, each as "key: value"."""
    started = intervention.started_on.isoformat() if intervention.started_on else "—"
    facts = [
        f"{_('Legal basis')}: {intervention.legal_basis or '—'}",
        f"{_('Status')}: {intervention.get_status_display()}",
        f"{_('Start')}: {started}",
    ]
    if intervention.bibob_file is not None:
        facts.append(f"{_('Bibob reference')}: {intervention.bibob_file.reference}")
    results = []
    if intervention.closure_months is not None:
        results.append(f"{_('Closure (months)')}: {intervention.closure_months}")
    if intervention.permit_refused:
        results.append(str(_("Permit refused or withdrawn")))
    if intervention.amount_levied is not None:
        results.append(f"{_('Amount levied')}: € {localize(intervention.amount_levied)}")
    if intervention.amount_seized is not None:
        results.append(f"{_('Amount seized')}: € {localize(intervention.amount_seized)}")
    if intervention.result_note:
        results.append(intervention.result_note)
    return facts, results


def _interventions(actor: Actor, case: Case) -> list[InterventionRow]:
    rows = []
    for intervention in case.interventions.select_related("owner", "bibob_file").prefetch_related("steps"):
        facts, results = _facts(intervention)
        row = InterventionRow(
            intervention=intervention, label=intervention_label(intervention), facts=facts, results=results
        )
        kwargs = {"uuid": case.uuid, "intervention_uuid": intervention.uuid}
        own = carries_out(actor, case, intervention)
        for step in intervention.steps.all():
            state = _step_state(step)
            url = reverse("cases:step_done", kwargs={**kwargs, "code": step.code}) if own and state != "done" else ""
            row.steps.append(StepRow(step=step, state=state, url=url))
        if own:
            row.result_url = reverse("cases:result", kwargs=kwargs)
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
            url = reverse("cases:access_decide", kwargs={"uuid": case.uuid, "request_uuid": access_request.uuid})
            requests.append({"request": access_request, "url": url})
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
        "items": _items(actor, case),
        "interventions": _interventions(actor, case),
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


#: What an action's page says when its form is not offered (the case is closed, or it moved on).
NOT_POSSIBLE = gettext_lazy("This action is not possible in the case's current status.")


@dataclass(frozen=True)
class Action:
    """One action's own page: its title, the address it posts to, the submit label, an intro, and what the
    page says when the action is not possible for this reader now."""

    title: StrOrPromise
    url_name: str
    submit: StrOrPromise
    intro: StrOrPromise = ""
    unavailable: StrOrPromise = NOT_POSSIBLE


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


def current(case: Case) -> Case:
    """The case as it is in the database now (an action may have changed it since the request began)."""
    return Case.objects.select_related("owner").get(pk=case.pk)


def render_action_page(
    request: HttpRequest,
    case: Case,
    *,
    action: Action,
    form: Form | None,
    view: str,
    about: Sequence[tuple[StrOrPromise, object]] = (),
    status: int = 200,
) -> HttpResponse:
    """An action's own page: the case's key facts, what the action is about (for an action on one row of the
    case page: the item, step, intervention or request) and its form, which posts back to this address.
    Without a form (the case moved on, or the actor may not) the page says why the action is not possible.
    ``case`` is the case as it is now (``current``), so a fresh form carries its current version."""
    actor = actor_of(request)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=case, details={"view": view})
    context = {"case": case, "action": action, "form": form, "about": about, "post_url": request.path}
    return render(request, "cases/action.html", context, status=status)


def render_action(
    request: HttpRequest, case: Case, *, key: str, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """One case-wide action's own page with its form (bound after a failed POST)."""
    case = current(case)
    form = _forms(actor_of(request), case, bound or {})[key]
    return render_action_page(request, case, action=ACTIONS[key], form=form, view=key, status=status)


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
