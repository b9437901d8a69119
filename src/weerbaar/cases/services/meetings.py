# SPDX-License-Identifier: EUPL-1.2
"""Meetings (casusoverleg, integraal overleg, stuurgroep): agenda items on cases, decisions, action items."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
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
    created = []
    for description, owner, due in actions:
        action = ActionItem(agenda_item=item, description=description.strip(), owner=owner, due_on=due)
        action.full_clean()
        action.save(force_insert=True)
        created.append(action)
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=item.meeting,
        details={"case": str(case.uuid), "decision": True, "actions": len(created)},
    )
    return created
