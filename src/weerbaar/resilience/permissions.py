# SPDX-License-Identifier: EUPL-1.2
"""The resilience scan's permission codes (area D) and their rules; which objects is in ``scopes.py``.

None is open to private partners (the scan is about a public body's own processes) and none needs a
screening: the scan holds self-assessments, no data on persons or crimes.
"""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register
from weerbaar.resilience import scopes
from weerbaar.resilience.models import Assignment, ImprovementAction, Scan

declare(
    Perm.RESILIENCE_MANAGE,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="Run the resilience scans of one's own organisation: open, assign, rate exposure, actions.",
)
declare(
    Perm.RESILIENCE_ANSWER,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="Answer the resilience scan for the processes assigned to oneself; follow one's own actions.",
)
declare(
    Perm.RESILIENCE_COUNCIL,
    area=Area.D,
    private_allowed=False,
    screening_required=False,
    description="See one's own organisation's resilience scans as aggregate figures (the council).",
)


@register(Perm.RESILIENCE_MANAGE)
def manage(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    if isinstance(obj, Scan):
        return scopes.is_scan_managed(actor, obj)
    if isinstance(obj, ImprovementAction):
        return scopes.is_action_managed(actor, obj)
    return False


@register(Perm.RESILIENCE_ANSWER)
def answer(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    if isinstance(obj, Assignment):
        return scopes.is_assignment_own(actor, obj)
    if isinstance(obj, ImprovementAction):
        return scopes.is_action_visible(actor, obj)
    return False


@register(Perm.RESILIENCE_COUNCIL)
def council(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    if isinstance(obj, Scan):
        return scopes.is_scan_council(actor, obj)
    return False
