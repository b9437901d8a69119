# SPDX-License-Identifier: EUPL-1.2
"""The cases' contribution to "My work": intervention steps and meeting actions of the actor's organisation,
access requests waiting for the directing organisation, the actor's own requests, and case meetings.

Every query starts from the cases' visibility rules in ``scopes.py`` (through ``prefix``), so a row only
ever points at a case the actor may open; access requests wait for those who may manage the case.
"""

from datetime import timedelta

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.cases import scopes
from weerbaar.cases.constants import AccessRequestStatus, CaseStatus
from weerbaar.cases.models import AccessRequest, ActionItem, InterventionStep, Meeting
from weerbaar.cases.selectors import action_items_open_for, meeting_list
from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING
from weerbaar.inbox.registry import (
    DUE_SOON_DAYS,
    MEETING_DAYS,
    Section,
    Source,
    WorkItem,
    is_overdue,
    register,
    register_due,
    register_query,
)

#: How long a decided request of one's own stays in the list, so the answer is seen.
DECIDED_SHOWN_DAYS = 30


def _steps(actor: Actor, *, overdue_only: bool = False) -> QuerySet[InterventionStep]:
    """Open steps of interventions the actor's organisation carries out, in open cases it may see."""
    visible = scopes.case_visible(actor, prefix="intervention__case__")
    if visible is NOTHING:
        return InterventionStep.objects.none()
    today = timezone.localdate()
    due = Q(due_on__lt=today) if overdue_only else Q(due_on__lte=today + timedelta(days=DUE_SOON_DAYS))
    return (
        InterventionStep.objects.filter(
            visible, due, intervention__owner_id=actor.organisation_id, done_on__isnull=True
        )
        .exclude(intervention__case__status=CaseStatus.AFGESLOTEN)
        .select_related("intervention__case")
    )


def _step_item(step: InterventionStep) -> WorkItem:
    case = step.intervention.case
    return WorkItem(
        kind=_("Intervention step"),
        title=step.label,
        reference=case.number or "",
        url=reverse("cases:detail", kwargs={"uuid": case.uuid}),
        due=step.due_on,
        overdue=is_overdue(step.due_on),
    )


def _actions(actor: Actor, *, overdue_only: bool = False) -> QuerySet[ActionItem]:
    """Open meeting actions for the actor (the cases app's one rule for that), optionally only overdue ones."""
    qs = action_items_open_for(actor=actor)
    if overdue_only:
        qs = qs.filter(due_on__lt=timezone.localdate())
    return qs


def _action_item(action: ActionItem) -> WorkItem:
    agenda_item = action.agenda_item
    return WorkItem(
        kind=_("Meeting action"),
        title=action.description,
        reference=agenda_item.case.number or "",
        url=reverse("cases:meeting", kwargs={"uuid": agenda_item.meeting.uuid}),
        due=action.due_on,
        overdue=is_overdue(action.due_on),
    )


def _requests_to_decide(actor: Actor) -> QuerySet[AccessRequest]:
    """Open requests for access to cases the actor may manage (the directing organisation decides)."""
    managed = scopes.case_managed(actor, prefix="case__")
    if managed is NOTHING:
        return AccessRequest.objects.none()
    return AccessRequest.objects.filter(managed, status=AccessRequestStatus.OPEN).select_related("case")


def _decision_item(request: AccessRequest) -> WorkItem:
    return WorkItem(
        kind=_("Access to a case"),
        title=request.case.title,
        reference=request.case.number or "",
        url=reverse("cases:detail", kwargs={"uuid": request.case.uuid}),
        due=timezone.localtime(request.created_at),
        status=_("Waiting for your decision"),
    )


def _own_requests(actor: Actor) -> QuerySet[AccessRequest]:
    """The actor's own requests for this organisation: open ones, and those decided recently."""
    if actor.user is None or actor.organisation_id is None:
        return AccessRequest.objects.none()
    since = timezone.now() - timedelta(days=DECIDED_SHOWN_DAYS)
    return AccessRequest.objects.filter(
        Q(status=AccessRequestStatus.OPEN) | Q(decided_at__gte=since),
        requester_id=actor.user.pk,
        organisation_id=actor.organisation_id,
    ).select_related("case")


def _own_request_items(actor: Actor, limit: int) -> list[WorkItem]:
    items = []
    for request in _own_requests(actor).order_by("-created_at", "-pk")[:limit]:
        # Only a granted request opens the case; until then the list is where the requester can look.
        granted = scopes.is_member(actor, request.case)
        url = reverse("cases:detail", kwargs={"uuid": request.case.uuid}) if granted else reverse("cases:list")
        items.append(
            WorkItem(
                kind=_("Access to a case"),
                title=_("Your request for access"),
                reference=request.case.number or "",
                url=url,
                status=request.get_status_display(),
            )
        )
    return items


def _meetings(actor: Actor) -> QuerySet[Meeting]:
    today = timezone.localdate()
    return meeting_list(actor=actor).filter(date__gte=today, date__lte=today + timedelta(days=MEETING_DAYS))


def _meeting_item(meeting: Meeting) -> WorkItem:
    return WorkItem(
        kind=_("Case meeting"),
        title=meeting.get_kind_display(),
        reference="",
        url=reverse("cases:meeting", kwargs={"uuid": meeting.uuid}),
        due=meeting.date,
    )


register_due("cases.steps", Section.STEPS, _steps, _step_item, order_by=("due_on", "pk"))
register_query(
    "cases.access_requests",
    Section.DECISIONS,
    _requests_to_decide,
    _decision_item,
    order_by=("created_at", "pk"),
    pending=_requests_to_decide,
)
register_due("cases.actions", Section.ACTIONS, _actions, _action_item, order_by=("due_on", "pk"))
register_query("cases.meetings", Section.MEETINGS, _meetings, _meeting_item, order_by=("date", "pk"))
register(
    Source("cases.own_requests", Section.REQUESTS, items=_own_request_items, count=lambda a: _own_requests(a).count())
)
