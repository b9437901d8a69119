# SPDX-License-Identifier: EUPL-1.2
"""The trusted contact's desk: two codes, held by the trusted contact (``vertrouwenspersoon``) only, and
refused to anyone who also enforces.

The role table gives the codes to the trusted contact alone; this rule holds even if a role is ever
misconfigured or a person holds a second role elsewhere: an actor who holds an enforcement code for the
organisation they act for, or who holds an enforcing role in any organisation (today), is refused both
codes, for every object and for the pages themselves. Which objects a permitted actor sees is in
``scopes.py``.
"""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import RoleAssignment
from weerbaar.accounts.selectors import effective_permissions
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register
from weerbaar.support import scopes
from weerbaar.support.constants import ENFORCEMENT_CODES, ENFORCEMENT_ROLES
from weerbaar.support.models import ApproachedReport, Referral

# The desk sits with area partnerships (a farmers' organisation is a private partner) and holds no area-B
# data, so no screening; what it holds is confidential to the trusted contact (scopes.py).
declare(
    Perm.SUPPORT_VIEW,
    area=Area.A,
    private_allowed=True,
    screening_required=False,
    description="See the approached reports and support referrals of one's own trusted-contact desk.",
)
declare(
    Perm.SUPPORT_REFER,
    area=Area.A,
    private_allowed=True,
    screening_required=False,
    description="Handle approached reports (file them as a signal) and refer entrepreneurs to support.",
)


def enforces(actor: Actor) -> bool:
    """Whether the actor enforces: an enforcing role or an enforcement code for the organisation they act
    for, or — in any other organisation where they hold a role today — the same."""
    if actor.permissions & ENFORCEMENT_CODES or actor.roles & ENFORCEMENT_ROLES:
        return True
    if actor.user is None:
        return False
    user = actor.user
    for assignment in RoleAssignment.objects.current().filter(user=user).select_related("organisation"):
        if assignment.role in ENFORCEMENT_ROLES:
            return True
        roles = frozenset({assignment.role})
        if effective_permissions(user=user, organisation=assignment.organisation, roles=roles) & ENFORCEMENT_CODES:
            return True
    return False


def desk_open(actor: Actor) -> bool:
    """The page-level face of both codes: acting for an organisation, and enforcing nothing."""
    return actor.organisation is not None and not enforces(actor)


@register(Perm.SUPPORT_VIEW)
def view_desk(actor: Actor, obj: Any) -> bool:
    if not desk_open(actor):
        return False
    if obj is None:
        return True
    if isinstance(obj, ApproachedReport):
        return scopes.is_report_visible(actor, obj)
    if isinstance(obj, Referral):
        return scopes.is_referral_visible(actor, obj)
    return False


@register(Perm.SUPPORT_REFER)
def refer(actor: Actor, obj: Any) -> bool:
    if not desk_open(actor):
        return False
    if obj is None:
        return True
    if isinstance(obj, ApproachedReport):
        return scopes.is_report_visible(actor, obj)
    if isinstance(obj, Referral):
        return scopes.is_referral_visible(actor, obj)
    return False
