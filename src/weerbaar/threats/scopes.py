# SPDX-License-Identifier: EUPL-1.2
"""Who may see which incident (area C), written once as a filter (see :mod:`weerbaar.core.scopes`).

- **coordinated**: the security coordinator of the incident's own organisation — no operator, no other
  organisation;
- **visible** (``threats.view``): the victim (the person affected, through their account), the coordinator,
  and grantees while their grant is not revoked and they act for the organisation it was given to (the own
  organisation or the police); nobody else — not colleagues, managers, other organisations or private
  partners; the person affected (``VictimPerson``) is visible exactly where the incident is;
- **decided by**: the victim or the coordinator decides who else may see the incident and adds evidence;
- **counted** (``threats.insight``): the own organisation's incidents, only as suppressed aggregates.

``prefix`` is the path from another model to the incident, e.g. ``"incident__"`` for a follow-up step.
A filter over grants joins a many-valued relation: lists take the incidents by primary key (or ``distinct()``).
"""

from django.db.models import Q

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import NOTHING, holds, lookup
from weerbaar.threats.models import Incident


def incident_coordinated(actor: Actor, prefix: str = "") -> Q:
    """Incidents the actor coordinates (``threats.coordinate``, own organisation)."""
    if not can(actor, Perm.THREATS_COORDINATE) or actor.organisation_id is None:
        return NOTHING
    return lookup(prefix, "organisation_id", actor.organisation_id)


def incident_of_victim(actor: Actor, prefix: str = "") -> Q:
    """Incidents against the actor themselves (the person affected is linked to their account)."""
    if actor.user is None:
        return NOTHING
    return lookup(prefix, "victim_person__user_id", actor.user.pk)


def incident_granted(actor: Actor, prefix: str = "") -> Q:
    """Incidents the actor was let into by a grant that is not revoked, while acting for the organisation the
    grant names (a police officer granted access sees it as police, not in another role elsewhere)."""
    if actor.user is None or actor.organisation_id is None:
        return NOTHING
    return (
        lookup(prefix, "grants__grantee_id", actor.user.pk)
        & lookup(prefix, "grants__organisation_id", actor.organisation_id)
        & lookup(prefix, "grants__revoked_at__isnull", True)
    )


def _any(*parts: Q) -> Q:
    """The union of rules; ``NOTHING`` when every part is nothing (so lists skip the query)."""
    live = [part for part in parts if part is not NOTHING]
    if not live:
        return NOTHING
    combined = live[0]
    for part in live[1:]:
        combined |= part
    return combined


def incident_visible(actor: Actor, prefix: str = "") -> Q:
    """Incidents the actor may see (``threats.view``)."""
    if not can(actor, Perm.THREATS_VIEW) or actor.user is None:
        return NOTHING
    return _any(incident_of_victim(actor, prefix), incident_granted(actor, prefix), incident_coordinated(actor, prefix))


def victim_person_visible(actor: Actor) -> Q:
    """Persons affected the actor may see: those of the incidents the actor may see, and no others."""
    return incident_visible(actor, "incident__")


def incident_decided_by(actor: Actor, prefix: str = "") -> Q:
    """Incidents whose grants and evidence the actor decides on: their own, or those they coordinate."""
    return _any(incident_of_victim(actor, prefix), incident_coordinated(actor, prefix))


def incident_counted(actor: Actor, prefix: str = "") -> Q:
    """Incidents that count in the actor's figures (``threats.insight``): the own organisation's."""
    if not can(actor, Perm.THREATS_INSIGHT) or actor.organisation_id is None:
        return NOTHING
    return lookup(prefix, "organisation_id", actor.organisation_id)


def is_visible(actor: Actor, incident: Incident | None) -> bool:
    """The object-level face of :func:`incident_visible`."""
    return holds(incident_visible(actor), incident)


def is_coordinated(actor: Actor, incident: Incident | None) -> bool:
    """The object-level face of :func:`incident_coordinated`."""
    return holds(incident_coordinated(actor), incident)


def is_decided_by(actor: Actor, incident: Incident | None) -> bool:
    """The object-level face of :func:`incident_decided_by`."""
    return holds(incident_decided_by(actor), incident)
