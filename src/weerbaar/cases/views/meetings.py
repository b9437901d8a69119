# SPDX-License-Identifier: EUPL-1.2
"""Casusoverleg, integraal overleg and stuurgroep: agenda of cases, decisions and action items.

The minutes carry the highest classification among the cases on the agenda and, per agenda item, the
case's member organisations. An agenda item on a case the actor is no member of is not shown at all.
The hosting organisation records the decision and adds action items per agenda item, each on a page of its
own (``?casus=<case UUID>`` names the item on GET, the form's hidden ``case`` field on POST); the meeting
page links to them, so the minutes stay readable.
"""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django_stubs_ext import StrOrPromise

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases import services
from weerbaar.cases.constants import CaseStatus, Classification
from weerbaar.cases.forms import ActionItemAddForm, AgendaDecisionForm, MeetingCreateForm
from weerbaar.cases.models import AgendaItem, Meeting, Membership
from weerbaar.cases.selectors import OPEN_STATUSES, case_list, case_members, meeting_get, meeting_list
from weerbaar.cases.views._shared import member_organisations, membership_label, organisation_choices
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import Actor, access, actor_of, permission
from weerbaar.core.workflow.forms import apply_service_error

_RANK = {Classification.VERTROUWELIJK.value: 1, Classification.STRIKT_VERTROUWELIJK.value: 2}


@require_GET
@access(permission(Perm.CASES_VIEW))
def meeting_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return render(
        request,
        "cases/meetings.html",
        {
            "page": paginate(request, meeting_list(actor=actor).select_related("host"), per_page=25),
            "can_create": True,
        },
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_VIEW))
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    cases = case_list(actor=actor).filter(status__in=OPEN_STATUSES)
    choices = [(str(c.uuid), f"{c.number} · {c.title}") for c in cases[:200]]
    form = MeetingCreateForm(request.POST or None, cases=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = list(cases.filter(uuid__in=data["cases"]))
        try:
            meeting = services.meeting_create(actor=actor, kind=data["kind"], on=data["date"], cases=chosen)
        except ValidationError as exc:
            apply_service_error(form, exc)
        except PermissionDenied as exc:
            apply_service_error(form, exc, field="cases", denied=_("Choose only cases you are a member of."))
        else:
            messages.success(request, _("The meeting has been created."))
            return redirect("cases:meeting", uuid=meeting.uuid)
    return render(request, "cases/meeting_create.html", {"form": form})


def _meeting_or_404(actor: Actor, uuid: str) -> Meeting:
    meeting = meeting_get(actor=actor, uuid=uuid)
    if meeting is None:
        raise Http404
    return meeting


def _visible_agenda(actor: Actor, meeting: Meeting) -> list[AgendaItem]:
    visible = set(case_list(actor=actor).values_list("pk", flat=True))
    items = meeting.agenda.select_related("case__owner").prefetch_related("actions__owner", "actions__assignee")
    return [item for item in items if item.case_id in visible]


def _may_decide(actor: Actor, meeting: Meeting) -> bool:
    """The hosting organisation records the decisions."""
    return actor.organisation_id == meeting.host_id


def _classification(meeting: Meeting) -> StrOrPromise | None:
    """The highest classification among the cases on the agenda (all of them, seen or not)."""
    ranks = [_RANK.get(c, 0) for c in meeting.agenda.values_list("case__classification", flat=True)]
    top = max(ranks, default=0)
    return next((label for value, label in Classification.choices if _RANK[value] == top), None)


def _render(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    actor = actor_of(request)
    agenda = _visible_agenda(actor, meeting)
    rows: list[dict[str, Any]] = []
    for item in agenda:
        query = urlencode({"casus": str(item.case.uuid)})
        may_decide = _may_decide(actor, meeting) and item.case.status != CaseStatus.AFGESLOTEN
        rows.append(
            {
                "item": item,
                "members": member_organisations(actor, item.case),
                "actions": list(item.actions.all()),
                "decision_url": f"{reverse('cases:meeting_decision', kwargs={'uuid': meeting.uuid})}?{query}"
                if may_decide
                else "",
                "action_url": f"{reverse('cases:meeting_action_add', kwargs={'uuid': meeting.uuid})}?{query}"
                if may_decide
                else "",
                "today": timezone.localdate(),
            }
        )
    audit_event_record(actor=actor, action=AuditAction.READ, obj=meeting, details={"agenda": len(agenda)})
    return render(
        request,
        "cases/meeting.html",
        {"meeting": meeting, "rows": rows, "classification": _classification(meeting)},
    )


DECISION_TITLE = gettext_lazy("Record the decision")
ACTION_TITLE = gettext_lazy("Add an action item")


def _render_action(
    request: HttpRequest,
    meeting: Meeting,
    item: AgendaItem,
    *,
    title: StrOrPromise,
    submit: StrOrPromise,
    form: Any,
    view: str,
    status: int = 200,
) -> HttpResponse:
    """One agenda item's decision or new action item on a page of its own: the meeting, the case, the form
    (none for a closed case: the page says so)."""
    actor = actor_of(request)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=meeting, details={"view": view})
    context = {
        "meeting": meeting,
        "item": item,
        "classification": _classification(meeting),
        "title": title,
        "submit": submit,
        "form": form,
        "post_url": request.path,
    }
    return render(request, "cases/meeting_action.html", context, status=status)


@require_GET
@access(permission(Perm.CASES_VIEW))
def meeting_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _render(request, _meeting_or_404(actor_of(request), uuid))


def _hosted_agenda_item(request: HttpRequest, actor: Actor, uuid: str) -> tuple[Meeting, AgendaItem]:
    """The meeting the actor hosts and the agenda item whose case is named by UUID (``?casus=`` to show the
    form, the form's ``case`` field to save it); 404 otherwise."""
    meeting = _meeting_or_404(actor, uuid)
    if not _may_decide(actor, meeting):
        raise Http404
    case_uuid = str(request.POST.get("case", "") if request.method == "POST" else request.GET.get("casus", ""))
    item = next((i for i in _visible_agenda(actor, meeting) if str(i.case.uuid) == case_uuid), None)
    if item is None:
        raise Http404
    return meeting, item


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_VIEW))
def meeting_decision_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The decision and action items on one agenda item: GET shows the form, POST records it."""
    actor = actor_of(request)
    meeting, item = _hosted_agenda_item(request, actor, uuid)
    organisations = member_organisations(actor, item.case)
    key = f"agenda_{item.case.uuid}".replace("-", "")
    choices = organisation_choices(organisations)

    def page(form: AgendaDecisionForm | None) -> HttpResponse:
        return _render_action(
            request, meeting, item, title=DECISION_TITLE, submit=_("Record decision"), form=form, view="decision"
        )

    if item.case.status == CaseStatus.AFGESLOTEN:
        return page(None)
    if request.method == "GET":
        initial = {"case": item.case.uuid, "decision": item.decision}
        return page(AgendaDecisionForm(initial=initial, organisations=choices, id_prefix=key))
    form = AgendaDecisionForm(request.POST, organisations=choices, id_prefix=key)
    if not form.is_valid():
        return page(form)
    by_uuid = {str(org.uuid): org for org in organisations}
    actions = [(text, by_uuid[owner], due) for text, owner, due in form.actions()]
    try:
        services.agenda_decision_record(actor=actor, item=item, decision=form.cleaned_data["decision"], actions=actions)
    except ValidationError as exc:
        apply_service_error(form, exc)
        return page(form)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("The decision has been recorded."))
    return redirect("cases:meeting", uuid=meeting.uuid)


def _named_members(actor: Actor, item: AgendaItem) -> list[Membership]:
    return [m for m in case_members(actor=actor, case=item.case) if m.user is not None]


def _people_choices(actor: Actor, item: AgendaItem) -> list[tuple[str, str]]:
    return [(str(m.user.uuid), membership_label(m)) for m in _named_members(actor, item) if m.user is not None]


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_VIEW))
def meeting_action_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """One action item on one agenda item; the host adds it. GET shows the form, POST adds it."""
    actor = actor_of(request)
    meeting, item = _hosted_agenda_item(request, actor, uuid)
    organisations = member_organisations(actor, item.case)
    key = f"action_{item.case.uuid}".replace("-", "")
    options = {"organisations": organisation_choices(organisations), "people": _people_choices(actor, item)}

    def page(form: ActionItemAddForm | None) -> HttpResponse:
        return _render_action(
            request, meeting, item, title=ACTION_TITLE, submit=_("Add action item"), form=form, view="action_item"
        )

    if item.case.status == CaseStatus.AFGESLOTEN:
        return page(None)
    if request.method == "GET":
        return page(ActionItemAddForm(initial={"case": item.case.uuid}, id_prefix=key, **options))
    form = ActionItemAddForm(request.POST, id_prefix=key, **options)
    if not form.is_valid():
        return page(form)
    data = form.cleaned_data
    owner = next(org for org in organisations if str(org.uuid) == data["owner"])
    people = {str(m.user.uuid): m.user for m in _named_members(actor, item) if m.user is not None}
    try:
        services.action_item_add(
            actor=actor,
            item=item,
            description=data["description"],
            owner=owner,
            due_on=data["due_on"],
            assignee=people.get(data["assignee"]) if data["assignee"] else None,
        )
    except ValidationError as exc:
        apply_service_error(form, exc)
        return page(form)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("The action item has been added."))
    return redirect("cases:meeting", uuid=meeting.uuid)
