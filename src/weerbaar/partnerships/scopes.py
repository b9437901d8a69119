# SPDX-License-Identifier: EUPL-1.2
"""Who may see what of an area partnership, written once as query filters (see :mod:`weerbaar.core.scopes`).

Membership is per partnership: the named representatives of its active participants (while they act for
that participant's organisation), its chair, project leader and facilitator, and the lead organisation's
facilitators (``partnerships.manage``), so a colleague can take over. On top of membership, every rule
names the data class it shows and admits only members whose ceiling reaches it (``ceiling.py``):

- **receiving** a class: a representative through the effective ceiling of the participant they act for,
  the lead organisation's facilitators through the lead organisation's participation; the chair, project
  leader and facilitator receive up to ``operationeel`` as such, more only through a participation;
- **visible** (membership: the partnership's name and its figures) is receiving ``aggregaat``;
- **participants, documents, alerts, directory entries** are ``operationeel``;
- **representatives** (named persons) are ``persoonlijk``, except those of the actor's own organisation;
- **managed**: the office holders and the lead organisation's facilitators, with ``partnerships.manage``;
- **alertable**: members receiving ``operationeel`` who hold ``partnerships.alert``;
- **represented**: the participants whose directory entry the actor writes, as their representative.

``prefix`` is the path from another model to the partnership (``"partnership__"`` for an alert) or, for
the participant rules, to the participant. Rules go through subqueries of ids, so they never repeat rows.
"""

from django.db.models import Q

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import NOTHING, actor_key, holds, lookup, remembered, remembering
from weerbaar.partnerships.ceiling import ceiling_q
from weerbaar.partnerships.constants import DataClass, data_class_rank
from weerbaar.partnerships.models import (
    AreaAlert,
    DirectoryEntry,
    Participant,
    Partnership,
    PartnershipDocument,
    Representative,
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


def _representations(actor: Actor) -> Q:
    """Active representations of the actor, at an active participant of the organisation they act for."""
    return Q(
        user_id=actor.user.pk if actor.user else None,
        ended_at__isnull=True,
        participant__left_at__isnull=True,
        participant__organisation_id=actor.organisation_id,
    )


def _office_held(actor: Actor, prefix: str) -> Q:
    """Partnerships in which the actor is the chair, project leader or facilitator."""
    user_id = actor.user.pk if actor.user else None
    return (
        lookup(prefix, "chair_id", user_id)
        | lookup(prefix, "project_leader_id", user_id)
        | lookup(prefix, "facilitator_id", user_id)
    )


def _led(actor: Actor, data_class: str, prefix: str) -> Q:
    """Partnerships led by the actor's organisation, for its facilitators (``partnerships.manage``), as far as
    the lead organisation's own participation reaches ``data_class``."""
    if not can(actor, Perm.PARTNERSHIPS_MANAGE) or actor.organisation_id is None:
        return NOTHING
    lead = Participant.objects.filter(
        ceiling_q(data_class),
        organisation_id=actor.organisation_id,
        left_at__isnull=True,
        partnership__lead_organisation_id=actor.organisation_id,
    ).values("partnership_id")
    return lookup(prefix, "pk__in", lead)


def partnership_receiving(actor: Actor, data_class: str, prefix: str = "") -> Q:
    """Partnerships in which the actor is a member whose ceiling admits ``data_class``.

    Inside a read-only request the rule resolves once to the ids of those partnerships (a handful), which
    the page's many queries then use instead of building the membership subqueries again each time.
    """
    if not can(actor, Perm.PARTNERSHIPS_VIEW) or actor.user is None or actor.organisation_id is None:
        return NOTHING
    if data_class_rank(data_class) > data_class_rank(DataClass.PERSOONLIJK):
        return NOTHING  # criminal-offence data: never in area A
    if not remembering():
        return _receiving(actor, data_class, prefix)
    ids = remembered(
        ("partnerships.receiving", actor_key(actor), data_class),
        lambda: list(Partnership.objects.filter(_receiving(actor, data_class, "")).values_list("pk", flat=True)),
    )
    return lookup(prefix, "pk__in", ids) if ids else NOTHING


def _receiving(actor: Actor, data_class: str, prefix: str) -> Q:
    """The rule itself, as subqueries: representations whose participant's ceiling admits the class, the lead
    organisation's facilitators, and (up to ``operationeel``) the office holders."""
    represented = Representative.objects.filter(_representations(actor), ceiling_q(data_class, "participant__")).values(
        "participant__partnership_id"
    )
    parts = [lookup(prefix, "pk__in", represented), _led(actor, data_class, prefix)]
    if data_class_rank(data_class) <= data_class_rank(DataClass.OPERATIONEEL):
        parts.append(_office_held(actor, prefix))
    return _any(*parts)


def partnership_visible(actor: Actor, prefix: str = "") -> Q:
    """Partnerships the actor is a member of (``partnerships.view``): at least their name and figures."""
    return partnership_receiving(actor, DataClass.AGGREGAAT, prefix)


def partnership_managed(actor: Actor, prefix: str = "") -> Q:
    """Partnerships the actor sets up: participants, ceilings, documents (``partnerships.manage``): as their
    chair, project leader or facilitator, or as a facilitator of the lead organisation."""
    if not can(actor, Perm.PARTNERSHIPS_MANAGE) or actor.user is None or actor.organisation_id is None:
        return NOTHING
    return _office_held(actor, prefix) | lookup(prefix, "lead_organisation_id", actor.organisation_id)


def partnership_alertable(actor: Actor, prefix: str = "") -> Q:
    """Partnerships the actor may send an area alert to (``partnerships.alert``)."""
    if not can(actor, Perm.PARTNERSHIPS_ALERT):
        return NOTHING
    return partnership_receiving(actor, DataClass.OPERATIONEEL, prefix)


def participant_visible(actor: Actor, prefix: str = "") -> Q:
    """Participants (organisation, type, ceiling, dates) of partnerships the actor receives operational data in."""
    return partnership_receiving(actor, DataClass.OPERATIONEEL, f"{prefix}partnership__")


def participant_represented(actor: Actor, prefix: str = "") -> Q:
    """Participants the actor represents now (``partnerships.directory``): they write its directory entry."""
    if not can(actor, Perm.PARTNERSHIPS_DIRECTORY) or actor.user is None or actor.organisation_id is None:
        return NOTHING
    ids = Representative.objects.filter(_representations(actor)).values("participant_id")
    return lookup(prefix, "pk__in", ids)


def representative_visible(actor: Actor) -> Q:
    """Named representatives: all of them for members receiving personal data; the actor's own
    organisation's to every member receiving operational data (their own people, no disclosure)."""
    everyone = partnership_receiving(actor, DataClass.PERSOONLIJK, "participant__partnership__")
    own = partnership_receiving(actor, DataClass.OPERATIONEEL, "participant__partnership__")
    if own is not NOTHING:
        own &= Q(participant__organisation_id=actor.organisation_id)
    return _any(everyone, own)


def document_visible(actor: Actor, prefix: str = "") -> Q:
    return partnership_receiving(actor, DataClass.OPERATIONEEL, f"{prefix}partnership__")


def alert_visible(actor: Actor, prefix: str = "") -> Q:
    return partnership_receiving(actor, DataClass.OPERATIONEEL, f"{prefix}partnership__")


def directory_entry_visible(actor: Actor, prefix: str = "") -> Q:
    """Entries of the active participants of partnerships the actor receives operational data in."""
    rule = partnership_receiving(actor, DataClass.OPERATIONEEL, f"{prefix}participant__partnership__")
    if rule is NOTHING:
        return NOTHING
    return rule & lookup(prefix, "participant__left_at__isnull", True)


def directory_contact_visible(actor: Actor, prefix: str = "") -> Q:
    """Entries whose contact details the actor sees: visible entries whose author consented to sharing them.

    Contact details are personal data; the author's consent is what lets them reach members whose ceiling
    is ``operationeel`` (docs/partnerships.md). Without consent nobody sees them, whatever their ceiling.
    """
    rule = directory_entry_visible(actor, prefix)
    if rule is NOTHING:
        return NOTHING
    return rule & lookup(prefix, "contact_consent", True)


def directory_entry_editable(actor: Actor, prefix: str = "") -> Q:
    """Entries the actor writes: those of the participants they represent."""
    rule = participant_represented(actor, f"{prefix}participant__")
    if rule is NOTHING:
        return NOTHING
    return rule & lookup(prefix, "participant__left_at__isnull", True)


# --- Object-level faces of the rules ---------------------------------------------------------------


def is_member(actor: Actor, partnership: Partnership | None) -> bool:
    return holds(partnership_visible(actor), partnership)


def is_receiving(actor: Actor, partnership: Partnership | None, data_class: str) -> bool:
    return holds(partnership_receiving(actor, data_class), partnership)


def is_managed(actor: Actor, partnership: Partnership | None) -> bool:
    return holds(partnership_managed(actor), partnership)


def is_alertable(actor: Actor, partnership: Partnership | None) -> bool:
    return holds(partnership_alertable(actor), partnership)


def is_participant_visible(actor: Actor, participant: Participant | None) -> bool:
    return holds(participant_visible(actor), participant)


def is_represented(actor: Actor, participant: Participant | None) -> bool:
    return holds(participant_represented(actor), participant)


def is_document_visible(actor: Actor, document: PartnershipDocument | None) -> bool:
    return holds(document_visible(actor), document)


def is_alert_visible(actor: Actor, alert: AreaAlert | None) -> bool:
    return holds(alert_visible(actor), alert)


def is_entry_visible(actor: Actor, entry: DirectoryEntry | None) -> bool:
    return holds(directory_entry_visible(actor), entry)


def is_entry_editable(actor: Actor, entry: DirectoryEntry | None) -> bool:
    return holds(directory_entry_editable(actor), entry)
