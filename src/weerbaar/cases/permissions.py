# SPDX-License-Identifier: EUPL-1.2
"""Cases (area B): the role grants the function; membership of the case decides need-to-know.

A case is visible to an actor holding ``cases.view`` whose organisation is an active member organisation,
or who is an active named member. Everyone else gets 404 — a non-member learns at most that a case exists
through correlation (hit/no-hit), and may request access. The rules are the filters of ``scopes.py``; a
decision about one case asks whether it is inside the filter.
"""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.cases.scopes import is_director, is_member
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register

declare(
    Perm.CASES_VIEW,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Work on the cases one's organisation or oneself is a member of.",
)
declare(
    Perm.CASES_MANAGE,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Open cases and, for the directing organisation, manage membership and status.",
)
declare(
    Perm.CASES_PROGRAMME,
    area=Area.B,
    private_allowed=False,
    screening_required=True,
    description="Follow the integrated approach of several municipalities.",
)


@register(Perm.CASES_VIEW)
def view_case(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    return is_member(actor, obj)


@register(Perm.CASES_MANAGE)
def manage_case(actor: Actor, obj: Any) -> bool:
    """Create cases; on a case: only the directing (owner) organisation manages membership and status."""
    if obj is None:
        return actor.organisation is not None
    return is_director(actor, obj)


@register(Perm.CASES_PROGRAMME)
def programme(actor: Actor, obj: Any) -> bool:
    return actor.organisation is not None
