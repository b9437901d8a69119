# SPDX-License-Identifier: EUPL-1.2
"""Area C policy. Default deny; the victim and the own organisation's coordinator always, grantees while
their grant is active, nobody else — not colleagues, managers, other organisations or private partners.

There is no operator override here (unlike organisations and users): the platform operator never sees
threats against another organisation's staff.
"""

from typing import Any

from django.db.models import Q

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, any_object, register, same_organisation

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


def visibility_q(actor: Actor) -> Q | None:
    """The incidents the actor may see, as a filter (``None``: nothing). Used by every selector."""
    if actor.user is None or Perm.THREATS_VIEW not in actor.permissions:
        return None
    q = Q(victim_id=actor.user.pk) | Q(grants__grantee_id=actor.user.pk, grants__revoked_at__isnull=True)
    if Perm.THREATS_COORDINATE in actor.permissions and actor.organisation_id is not None:
        q |= Q(organisation_id=actor.organisation_id)
    return q


@register(Perm.THREATS_VIEW)
def view_incident(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return True
    user = actor.user
    if user is None:
        return False
    if obj.victim_id == user.pk or coordinate_incident(actor, obj):
        return True
    return bool(obj.grants.filter(grantee_id=user.pk, revoked_at__isnull=True).exists())


@register(Perm.THREATS_COORDINATE)
def coordinate_incident(actor: Actor, obj: Any) -> bool:
    """The security coordinator of the incident's own organisation (no operator, no other organisation)."""
    if Perm.THREATS_COORDINATE not in actor.permissions:
        return False
    return same_organisation(actor, obj)


def may_grant(actor: Actor, incident: Any) -> bool:
    """The victim or the coordinator decides who else may see the incident."""
    user = actor.user
    return user is not None and (incident.victim_id == user.pk or coordinate_incident(actor, incident))


def may_add_evidence(actor: Actor, incident: Any) -> bool:
    user = actor.user
    return user is not None and (incident.victim_id == user.pk or coordinate_incident(actor, incident))
