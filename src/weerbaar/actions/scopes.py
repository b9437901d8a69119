# SPDX-License-Identifier: EUPL-1.2
"""Who may see which joint action and which of its findings, written once as a filter (see
:mod:`weerbaar.core.scopes`).

- **membership** (need-to-know): the platform's one membership rule (``core.scopes.membership_of``), as
  for cases: an active membership of the actor's organisation (unnamed) or of the actor (named).
- **embargo**: a joint action is unannounced. Its planners see it from the start; a participant's
  membership counts only from the first day of the action (``starts_on``) on.
- **findings**: planners see every finding; a participant's organisation sees only the findings it
  recorded itself (the shared figures come from the debrief, suppressed).

``prefix`` is the path from another model to the operation (``"operation__"``) or the finding
(``"finding__"``).
"""

from django.db.models import Q
from django.utils import timezone

from weerbaar.accounts.constants import Perm
from weerbaar.actions.constants import MemberRole
from weerbaar.actions.models import Finding, FollowUp, Location, Operation, OperationMember
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import NOTHING, actor_key, holds, lookup, membership_of, remembered


def _member_rows(actor: Actor) -> list[tuple[int, str]]:
    """(operation id, role) of the actor's active memberships: one query, once per read-only request."""
    q = membership_of(actor)
    if q is NOTHING:
        return []
    return remembered(
        ("actions.member_rows", actor_key(actor)),
        lambda: list(OperationMember.objects.filter(q).values_list("operation_id", "role").distinct()),
    )


def _planned_ids(actor: Actor) -> set[int]:
    return {op for op, role in _member_rows(actor) if role == MemberRole.PLANNER}


def _participant_ids(actor: Actor) -> set[int]:
    return {op for op, _role in _member_rows(actor)} - _planned_ids(actor)


def operation_planned_by(actor: Actor, prefix: str = "") -> Q:
    """Operations the actor plans (a planner membership), without regard to the permission."""
    ids = _planned_ids(actor)
    return lookup(prefix, "pk__in", sorted(ids)) if ids else NOTHING


def operation_membership(actor: Actor, prefix: str = "") -> Q:
    """Operations the actor is a member of, participants only from the first day on (the embargo)."""
    planned = _planned_ids(actor)
    participating = _participant_ids(actor)
    q = NOTHING
    if planned:
        q = lookup(prefix, "pk__in", sorted(planned))
    if participating:
        day = lookup(prefix, "pk__in", sorted(participating)) & lookup(prefix, "starts_on__lte", timezone.localdate())
        q = day if q is NOTHING else q | day
    return q


def operation_visible(actor: Actor, prefix: str = "") -> Q:
    """Operations the actor may see: ``actions.view`` and need-to-know, under the embargo."""
    if not can(actor, Perm.ACTIONS_VIEW):
        return NOTHING
    return operation_membership(actor, prefix)


def operation_managed(actor: Actor, prefix: str = "") -> Q:
    """Operations the actor may plan and steer: ``actions.manage`` and a planner membership."""
    if not can(actor, Perm.ACTIONS_MANAGE):
        return NOTHING
    return operation_planned_by(actor, prefix)


def finding_visible(actor: Actor, prefix: str = "") -> Q:
    """Findings the actor may read: all of a planned operation, the own organisation's of a visible one."""
    if not can(actor, Perm.ACTIONS_VIEW) or actor.organisation_id is None:
        return NOTHING
    planned = operation_planned_by(actor, f"{prefix}operation__")
    visible = operation_membership(actor, f"{prefix}operation__")
    if visible is NOTHING:
        return NOTHING
    own = visible & lookup(prefix, "organisation_id", actor.organisation_id)
    return own if planned is NOTHING else planned | own


def location_visible(actor: Actor, prefix: str = "") -> Q:
    """Locations of the operations the actor may see (the checklist)."""
    return operation_visible(actor, f"{prefix}operation__")


def follow_up_visible(actor: Actor, prefix: str = "") -> Q:
    """Follow-ups of the findings the actor may read."""
    return finding_visible(actor, f"{prefix}finding__")


def is_visible(actor: Actor, operation: Operation | None) -> bool:
    return holds(operation_membership(actor), operation)


def is_planner(actor: Actor, operation: Operation | None) -> bool:
    return holds(operation_planned_by(actor), operation)


def finding_is_visible(actor: Actor, finding: Finding | None) -> bool:
    return holds(finding_visible(actor), finding)


def location_is_visible(actor: Actor, location: Location | None) -> bool:
    return holds(location_visible(actor), location)


def follow_up_is_visible(actor: Actor, follow_up: FollowUp | None) -> bool:
    return holds(follow_up_visible(actor), follow_up)
