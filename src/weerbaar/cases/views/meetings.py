# SPDX-License-Identifier: EUPL-1.2
"""Casusoverleg, integraal overleg and stuurgroep: agenda of cases, decisions and action items.

The minutes carry the highest classification among the cases on the agenda and, per agenda item, the
case's member organisations. An agenda item on a case the actor is no member of is not shown at all.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

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


def _render(
    request: HttpRequest, meeting: Meeting, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    actor = actor_of(request)
    bound = bound or {}
    agenda = _visible_agenda(actor, meeting)
    ranks = [_RANK.get(c, 0) for c in meeting.agenda.values_list("case__classification", flat=True)]
    top = max(ranks, default=0)
    classification = next((label for value, label in Classification.choices if _RANK[value] == top), None)
    rows: list[dict[str, Any]] = []
    for item in agenda:
        organisations = member_organisations(actor, item.case)
        key = f"agenda_{item.case.uuid}".replace("-", "")
        form = action_form = None
        if _may_decide(actor, meeting) and item.case.status != CaseStatus.AFGESLOTEN:
            form = bound.get(key) or AgendaDecisionForm(
                initial={"case": item.case.uuid, "decision": item.decision},
                organisations=organisation_choices(organisations),
                id_prefix=key,
            )
            action_key = f"action_{item.case.uuid}".replace("-", "")
            action_form = bound.get(action_key) or ActionItemAddForm(
                initial={"case": item.case.uuid},
                organisations=organisation_choices(organisations),
                people=_people_choices(actor, item),
                id_prefix=action_key,
            )
        rows.append(
            {
                "item": item,
                "members": organisations,
                "actions": list(item.actions.all()),
                "form": form,
                "action_form": action_form,
                "today": timezone.localdate(),
            }
        )
    audit_event_record(actor=actor, action=AuditAction.READ, obj=meeting, details={"agenda": len(agenda)})
    return render(
        request,
        "cases/meeting.html",
        {"meeting": meeting, "rows": rows, "classification": classification},
        status=status,
    )


@require_GET
@access(permission(Perm.CASES_VIEW))
def meeting_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _render(request, _meeting_or_404(actor_of(request), uuid))


def _hosted_agenda_item(request: HttpRequest, actor: Actor, uuid: str) -> tuple[Meeting, AgendaItem]:
    """The meeting the actor hosts and the agenda item whose case the form names by UUID; 404 otherwise."""
    meeting = _meeting_or_404(actor, uuid)
    if not _may_decide(actor, meeting):
        raise Http404
    case_uuid = str(request.POST.get("case", ""))
    item = next((i for i in _visible_agenda(actor, meeting) if str(i.case.uuid) == case_uuid), None)
    if item is None:
        raise Http404
    return meeting, item


@require_POST
@access(permission(Perm.CASES_VIEW))
def meeting_decision_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The decision and action items on one agenda item (its case is named by UUID in the form)."""
    actor = actor_of(request)
    meeting, item = _hosted_agenda_item(request, actor, uuid)
    organisations = member_organisations(actor, item.case)
    key = f"agenda_{item.case.uuid}".replace("-", "")
    form = AgendaDecisionForm(request.POST, organisations=organisation_choices(organisations), id_prefix=key)
    if not form.is_valid():
        return _render(request, meeting, bound={key: form})
    by_uuid = {str(org.uuid): org for org in organisations}
    actions = [(text, by_uuid[owner], due) for text, owner, due in form.actions()]
    try:
        services.agenda_decision_record(actor=actor, item=item, decision=form.cleaned_data["decision"], actions=actions)
    except ValidationError as exc:
        apply_service_error(form, exc)
        return _render(request, meeting, bound={key: form})
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("The decision has been recorded."))
    return redirect("cases:meeting", uuid=meeting.uuid)


def _named_members(actor: Actor, item: AgendaItem) -> list[Membership]:
    return [m for m in case_members(actor=actor, case=item.case) if m.user is not None]


def _people_choices(actor: Actor, item: AgendaItem) -> list[tuple[str, str]]:
    return [(str(m.user.uuid), membership_label(m)) for m in _named_members(actor, item) if m.user is not None]


@require_POST
@access(permission(Perm.CASES_VIEW))
def meeting_action_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """One action item on one agenda item (its case is named by UUID in the form); the host adds it."""
    actor = actor_of(request)
    meeting, item = _hosted_agenda_item(request, actor, uuid)
    organisations = member_organisations(actor, item.case)
    key = f"action_{item.case.uuid}".replace("-", "")
    form = ActionItemAddForm(
        request.POST,
        organisations=organisation_choices(organisations),
        people=_people_choices(actor, item),
        id_prefix=key,
    )
    if not form.is_valid():
        return _render(request, meeting, bound={key: form})
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
        return _render(request, meeting, bound={key: form})
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("The action item has been added."))
    return redirect("cases:meeting", uuid=meeting.uuid)
