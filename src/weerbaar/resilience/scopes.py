# SPDX-License-Identifier: EUPL-1.2
"""Who sees what of the resilience scan, written once as query filters (see weerbaar.core.scopes).

- A scan is the business of its own organisation's resilience coordinator (``resilience.manage``).
- An assignment and its answers are seen by the respondent alone (``resilience.answer``): the coordinator
  sees progress and consolidated scores through the selectors, never the answers of one person.
- An improvement action is seen by the coordinator of its organisation and by its owner.
- The council (``resilience.council``) sees its own organisation's scans only as aggregates.

The permission rules in ``permissions.py`` call these filters, never the other way round.
"""

from django.db.models import Q

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING, holds, lookup
from weerbaar.resilience.models import Assignment, ImprovementAction, Scan


def _granted(actor: Actor, code: str) -> bool:
    return actor.is_authenticated and actor.organisation_id is not None and code in actor.permissions


def scan_managed(actor: Actor, prefix: str = "") -> Q:
    if not _granted(actor, Perm.RESILIENCE_MANAGE):
        return NOTHING
    return lookup(prefix, "organisation_id", actor.organisation_id)


def scan_council(actor: Actor, prefix: str = "") -> Q:
    if not _granted(actor, Perm.RESILIENCE_COUNCIL):
        return NOTHING
    return lookup(prefix, "organisation_id", actor.organisation_id)


def assignment_own(actor: Actor, prefix: str = "") -> Q:
    if not _granted(actor, Perm.RESILIENCE_ANSWER) or actor.user is None:
        return NOTHING
    return lookup(prefix, "respondent_id", actor.user.pk) & lookup(
        prefix, "scan__organisation_id", actor.organisation_id
    )


def action_managed(actor: Actor, prefix: str = "") -> Q:
    return scan_managed(actor, f"{prefix}scan__")


def action_visible(actor: Actor, prefix: str = "") -> Q:
    """The coordinator's actions of the organisation, and the actions the actor owns there."""
    own = NOTHING
    if _granted(actor, Perm.RESILIENCE_ANSWER) and actor.user is not None:
        own = lookup(prefix, "owner_id", actor.user.pk) & lookup(prefix, "scan__organisation_id", actor.organisation_id)
    return action_managed(actor, prefix) | own


def is_scan_managed(actor: Actor, scan: Scan | None) -> bool:
    return holds(scan_managed(actor), scan)


def is_scan_council(actor: Actor, scan: Scan | None) -> bool:
    return holds(scan_council(actor), scan)


def is_assignment_own(actor: Actor, assignment: Assignment | None) -> bool:
    return holds(assignment_own(actor), assignment)


def is_action_visible(actor: Actor, action: ImprovementAction | None) -> bool:
    return holds(action_visible(actor), action)


def is_action_managed(actor: Actor, action: ImprovementAction | None) -> bool:
    return holds(action_managed(actor), action)
