# SPDX-License-Identifier: EUPL-1.2
"""Who may see which case and which of its items, written once as a filter (see :mod:`weerbaar.core.scopes`).

- **membership** (need-to-know): an active membership of the case, of the actor's organisation (unnamed)
  or of the actor (named). ``cases.view`` on top of it makes the case visible; being its owner (directing)
  organisation on top of it lets ``cases.manage`` manage it.
- **items**: in a case it may see, the actor's organisation sees the items it supplied itself, and of the
  others only those without a consent requirement or with the supplier's consent to that organisation —
  and police data (Wpg) only once the proportionality assessment is written.
- **export**: a visible item leaves Weerbaar only without a consent requirement or with export consent.

``prefix`` is the path from another model to the case or item, e.g. ``"case_item__"`` for a subject.

Performance: the member cases are resolved first, through the (organisation, case) and (user, case)
indexes on memberships, and the rule then filters by primary key: a subquery would be hash-joined against
a scan of every case (``bench/cases_scoped.py``).
"""

from django.db.models import Exists, OuterRef, Q

from weerbaar.accounts.constants import Perm
from weerbaar.cases.models import Case, CaseItem, ItemConsent, Meeting, Membership
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import NOTHING, actor_key, holds, lookup, membership_active, membership_of, remembered

__all__ = [
    "case_directed_by",
    "case_item_exportable",
    "case_item_visible",
    "case_managed",
    "case_membership",
    "case_visible",
    "meeting_visible",
    "membership_active",
    "membership_of",
]


def _member_case_ids(actor: Actor) -> list[int]:
    """The cases the actor is an active member of: one query, once per read-only request."""
    q = membership_of(actor)
    if q is NOTHING:
        return []
    return remembered(
        ("cases.member_case_ids", actor_key(actor)),
        lambda: list(Membership.objects.filter(q).values_list("case_id", flat=True).distinct()),
    )


def case_membership(actor: Actor, prefix: str = "") -> Q:
    """Cases the actor is an active member of, without regard to the permission to read them."""
    case_ids = _member_case_ids(actor)
    if not case_ids:
        return NOTHING
    return lookup(prefix, "pk__in", case_ids)


def case_visible(actor: Actor, prefix: str = "") -> Q:
    """Cases the actor may see (``cases.view`` and need-to-know). Nothing for private partners, unscreened."""
    if not can(actor, Perm.CASES_VIEW):
        return NOTHING
    return case_membership(actor, prefix)


def case_directed_by(actor: Actor, prefix: str = "") -> Q:
    """Cases the actor's organisation directs (owner) and is an active member of, without the permission."""
    if actor.organisation_id is None:
        return NOTHING
    member = case_membership(actor, prefix)
    if member is NOTHING:
        return NOTHING
    return member & lookup(prefix, "owner_id", actor.organisation_id)


def case_managed(actor: Actor, prefix: str = "") -> Q:
    """Cases whose membership and status the actor may manage (``cases.manage`` of the directing organisation)."""
    if not can(actor, Perm.CASES_MANAGE):
        return NOTHING
    return case_directed_by(actor, prefix)


def case_item_visible(actor: Actor, prefix: str = "") -> Q:
    """Items the actor's organisation may see, in cases the actor may see."""
    if not can(actor, Perm.CASES_VIEW) or actor.organisation_id is None:
        return NOTHING
    case_ids = _member_case_ids(actor)
    if not case_ids:
        return NOTHING
    consented = Exists(
        ItemConsent.objects.filter(item_id=OuterRef(f"{prefix}pk"), organisation_id=actor.organisation_id)
    )
    own = lookup(prefix, "supplier_id", actor.organisation_id)
    shown = (lookup(prefix, "consent_required", False) | Q(consented)) & (
        ~lookup(prefix, "regime", LegalRegime.WPG) | ~lookup(prefix, "case__assessment", "")
    )
    return lookup(prefix, "case_id__in", case_ids) & (own | shown)


def case_item_exportable(actor: Actor, prefix: str = "") -> Q:
    """Visible items that may also leave Weerbaar: no consent requirement, or the supplier's export consent."""
    visible = case_item_visible(actor, prefix)
    if visible is NOTHING:
        return NOTHING
    export_consent = Exists(ItemConsent.objects.filter(item_id=OuterRef(f"{prefix}pk"), export=True))
    return visible & (lookup(prefix, "consent_required", False) | Q(export_consent))


def meeting_visible(actor: Actor, prefix: str = "") -> Q:
    """Meetings hosted by the actor's organisation or with a case the actor may see on the agenda.

    Filtering by the agenda joins a many-valued relation: take ``distinct()`` on a list.
    """
    if not can(actor, Perm.CASES_VIEW) or actor.organisation_id is None:
        return NOTHING
    q = lookup(prefix, "host_id", actor.organisation_id)
    case_ids = _member_case_ids(actor)
    if case_ids:
        q |= lookup(prefix, "agenda__case_id__in", case_ids)
    return q


def is_member(actor: Actor, case: Case | None) -> bool:
    """The object-level face of :func:`case_membership`."""
    return holds(case_membership(actor), case)


def is_director(actor: Actor, case: Case | None) -> bool:
    """The object-level face of :func:`case_directed_by`."""
    return holds(case_directed_by(actor), case)


def case_item_is_visible(actor: Actor, item: CaseItem | None) -> bool:
    return holds(case_item_visible(actor), item)


def case_item_is_exportable(actor: Actor, item: CaseItem | None) -> bool:
    return holds(case_item_exportable(actor), item)


def meeting_is_visible(actor: Actor, meeting: Meeting | None) -> bool:
    return holds(meeting_visible(actor), meeting)
