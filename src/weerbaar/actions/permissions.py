# SPDX-License-Identifier: EUPL-1.2
"""Joint actions (area B): the role grants the function; membership of the operation decides need-to-know.

An operation is visible to an actor holding ``actions.view`` whose organisation (or who) is an active member
— a participant only from the operation's first day (embargo). Planners manage it with ``actions.manage``;
``actions.check`` records the own organisation's findings. Everyone else gets 404. The rules are the filters
of ``scopes.py``; a decision about one operation asks whether it is inside the filter.
"""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.actions.scopes import is_planner, is_visible
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register

declare(
    Perm.ACTIONS_VIEW,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Take part in the joint actions one's organisation or oneself is a member of.",
)
declare(
    Perm.ACTIONS_CHECK,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Record the own organisation's findings during a joint action.",
)
declare(
    Perm.ACTIONS_MANAGE,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Plan joint actions: partners, members, selection of locations, follow-ups and debrief.",
)


@register(Perm.ACTIONS_VIEW)
def view_operation(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    return is_visible(actor, obj)


@register(Perm.ACTIONS_CHECK)
def check_operation(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    return is_visible(actor, obj)


@register(Perm.ACTIONS_MANAGE)
def manage_operation(actor: Actor, obj: Any) -> bool:
    """Plan new operations; on an operation: only its planners."""
    if obj is None:
        return actor.organisation is not None
    return is_planner(actor, obj)
