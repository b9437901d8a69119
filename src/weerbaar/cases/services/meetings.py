# SPDX-License-Identifier: EUPL-1.2
"""Meetings (casusoverleg, integraal overleg, stuurgroep): agenda items on cases, decisions, action items."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import User
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases import scopes
from weerbaar.cases.constants import ActionItemStatus
from weerbaar.cases.models import ActionItem, AgendaItem, Case, Meeting
from weerbaar.cases.selectors import case_list
from weerbaar.cases.services._common import require, require_open
from weerbaar.core.policy import Actor
from weerbaar.organisations.models import Organisation


@transaction.atomic
def meeting_create(*, actor: Actor, kind: str, on: date, cases: list[Case]) -> Meeting:
    """A meeting hosted by the actor's organisation with an agenda of cases the actor may see."""
    require(actor, Perm.CASES_VIEW)
    if actor.user is None or actor.organisation is None:
        raise PermissionDenied
    unique = list({c.pk: c for c in cases}.values())
    visible = set(case_list(actor=actor).filter(pk__in=[c.pk for c in unique]).values_list("pk", flat=True))
    if any(c.pk not in visible for c in unique):
        raise PermissionDenied
    meeting = Meeting(kind=kind, date=on, host=actor.organisation, created_by=actor.user)
    meeting.full_clean()
    meeting.save(force_insert=True)
    AgendaItem.objects.bulk_create(AgendaItem(meeting=meeting, case=c) for c in unique)
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=meeting,
        details={"kind": kind, "cases": [str(c.uuid) for c in unique]},
    )
    return meeting


@transaction.atomic
def agenda_decision_record(
    *, actor: Actor, item: AgendaItem, decision: str, actions: list[tuple[str, Organisation, date]]
) -> list[ActionItem]:
    """Record the decision on an agenda item and its action items (description, owner organisation, due)."""
    item = AgendaItem.objects.select_for_update().select_related("meeting", "case").get(pk=item.pk)
    case = item.case
    # The host minutes the meeting, and only on cases it may see itself.
    require(actor, Perm.CASES_VIEW, case)
    if actor.organisation_id != item.meeting.host_id:
        raise PermissionDenied
    require_open(case)
    if not decision.strip():
        raise ValidationError({"decision": _("Write down the decision.")})
    active = case.memberships.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate()))
    member_orgs = set(active.values_list("organisation_id", flat=True))
    for _description, owner, _due in actions:
        if owner.pk not in member_orgs:
            raise ValidationError({"actions": _("An action can only be given to a member organisation of the case.")})
    item.decision = decision.strip()
    item.full_clean()
    item.save(update_fields=["decision"])
    created = [
        _action_item_store(item=item, description=description, owner=owner, assignee=None, due_on=due)
        for description, owner, due in actions
    ]
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=item.meeting,
        details={"case": str(case.uuid), "decision": True, "actions": len(created)},
    )
    return created


def _action_item_store(
    *, item: AgendaItem, description: str, owner: Organisation, assignee: User | None, due_on: date
) -> ActionItem:
    if not description.strip():
        raise ValidationError({"description": _("Describe the action.")})
    action = ActionItem(
        agenda_item=item, description=description.strip(), owner=owner, assignee=assignee, due_on=due_on
    )
    action.full_clean()
    action.save(force_insert=True)
    return action


@transaction.atomic
def action_item_add(
    *,
    actor: Actor,
    item: AgendaItem,
    description: str,
    owner: Organisation,
    due_on: date,
    assignee: User | None = None,
) -> ActionItem:
    """An action on one agenda item, recorded by the hosting organisation: owned by a member organisation of
    the case and, optionally, by a named member of that organisation. ``due_on`` is a local date."""
    item = AgendaItem.objects.select_for_update().select_related("meeting", "case").get(pk=item.pk)
    case = item.case
    require(actor, Perm.CASES_VIEW, case)
    if actor.organisation_id != item.meeting.host_id:
        raise PermissionDenied
    require_open(case)
    active = case.memberships.filter(scopes.membership_active())
    if not active.filter(organisation=owner).exists():
        raise ValidationError({"owner": _("An action can only be given to a member organisation of the case.")})
    if assignee is not None and not active.filter(organisation=owner, user=assignee).exists():
        raise ValidationError({"assignee": _("The person must be a named member of the case for this organisation.")})
    action = _action_item_store(item=item, description=description, owner=owner, assignee=assignee, due_on=due_on)
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=action,
        details={"case": str(case.uuid), "meeting": str(item.meeting.uuid), "owner": str(owner.uuid)},
    )
    return action


def may_complete_action_item(actor: Actor, action: ActionItem) -> bool:
    """The owner organisation (any of its case members) or the named person completes an action."""
    if actor.user is None:
        return False
    return actor.organisation_id == action.owner_id or action.assignee_id == actor.user.pk


@transaction.atomic
def action_item_complete(*, actor: Actor, action: ActionItem) -> ActionItem:
    """Mark an action done (its owner only); records who and when. Completing twice is refused."""
    action = ActionItem.objects.select_for_update(of=("self",)).select_related("agenda_item__case").get(pk=action.pk)
    case = action.agenda_item.case
    require(actor, Perm.CASES_VIEW, case)
    if not may_complete_action_item(actor, action):
        raise PermissionDenied
    require_open(case)
    if action.status == ActionItemStatus.GEREED:
        raise ValidationError(_("This action has already been completed."))
    now = timezone.now()
    action.status = ActionItemStatus.GEREED
    action.done_by = actor.user
    action.done_at = now
    action.done_on = timezone.localdate(now)
    action.full_clean()
    action.save(update_fields=["status", "done_by", "done_at", "done_on"])
    audit_event_record(
        actor=actor, action=AuditAction.UPDATE, obj=action, details={"case": str(case.uuid), "status": action.status}
    )
    return action
