# SPDX-License-Identifier: EUPL-1.2
"""Area C policy. Default deny; the victim and the own organisation's coordinator always, grantees while
their grant is active, nobody else — not colleagues, managers, other organisations or private partners.

There is no operator override here (unlike organisations and users): the platform operator never sees
threats against another organisation's staff. The rules are the filters of ``scopes.py``; a decision about
one incident asks whether it is inside the filter.
"""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, any_object, register, same_organisation
from weerbaar.threats.scopes import is_coordinated, is_decided_by, is_visible

# Registering threats is the employer's duty of care: never for a private partner; no screening needed.
declare(
    Perm.THREATS_REPORT,
    area=Area.C,
    private_allowed=False,
    screening_required=False,
    description="Report aggression or threats against oneself or a colleague.",
)
declare(
    Perm.THREATS_VIEW,
    area=Area.C,
    private_allowed=False,
    screening_required=False,
    description="See the incidents one is the victim of, coordinates or was granted access to.",
)
declare(
    Perm.THREATS_COORDINATE,
    area=Area.C,
    private_allowed=False,
    screening_required=False,
    description="Follow up the own organisation's incidents within the norm times.",
)
declare(
    Perm.THREATS_INSIGHT,
    area=Area.C,
    private_allowed=False,
    screening_required=False,
    description="See the own organisation's figures on aggression and threats.",
)

register(Perm.THREATS_REPORT)(any_object)
register(Perm.THREATS_INSIGHT)(same_organisation)


@register(Perm.THREATS_VIEW)
def view_incident(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return True
    return is_visible(actor, obj)


@register(Perm.THREATS_COORDINATE)
def coordinate_incident(actor: Actor, obj: Any) -> bool:
    """The security coordinator of the incident's own organisation (no operator, no other organisation)."""
    if obj is None:
        return Perm.THREATS_COORDINATE in actor.permissions
    return is_coordinated(actor, obj)


def may_grant(actor: Actor, incident: Any) -> bool:
    """The victim or the coordinator decides who else may see the incident."""
    return is_decided_by(actor, incident)


def may_add_evidence(actor: Actor, incident: Any) -> bool:
    return is_decided_by(actor, incident)
