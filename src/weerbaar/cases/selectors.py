# SPDX-License-Identifier: EUPL-1.2
"""Reads of cases, always through need-to-know: the rules of ``scopes.py``, never a copy of them.

Performance: membership is matched through the (organisation, case) and (user, case) indexes; the case
list is one query with an ``IN`` over the member cases, so its cost grows with the actor's cases, not with
all cases (see ``bench/cases_scoped.py``).
"""

from dataclasses import dataclass
from uuid import UUID

from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from weerbaar.cases import scopes
from weerbaar.cases.constants import CaseStatus, MemberRole
from weerbaar.cases.models import Case, CaseItem, Intervention, Meeting, Membership
from weerbaar.core.policy import Actor


def memberships_of(*, actor: Actor) -> QuerySet[Membership]:
    """The actor's active memberships: of their organisation (unnamed) or of themselves (named)."""
    return Membership.objects.filter(scopes.membership_of(actor))


def is_case_member(*, actor: Actor, case: Case) -> bool:
    return scopes.is_member(actor, case)


def is_case_owner(*, actor: Actor, case: Case) -> bool:
    return scopes.is_director(actor, case)


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    phenomenon: str = ""
    owner_uuid: str = ""


def case_list(*, actor: Actor, filters: CaseFilters | None = None) -> QuerySet[Case]:
    """Cases the actor may see (need-to-know). Empty without ``cases.view`` (private partners, unscreened)."""
    qs = Case.objects.filter(scopes.case_visible(actor)).select_related("owner")
    f = filters or CaseFilters()
    if f.status:
        qs = qs.filter(status=f.status)
    if f.phenomenon:
        if connection.vendor == "sqlite":  # SQLite has no JSON containment; match the quoted code in the text
            qs = qs.filter(phenomena__icontains=f'"{f.phenomenon}"')
        else:
            qs = qs.filter(phenomena__contains=[f.phenomenon])
    if f.owner_uuid:
        qs = qs.filter(owner__uuid=f.owner_uuid)
    return qs.order_by("-created_at")


def case_get(*, actor: Actor, uuid: UUID | str) -> Case | None:
    return case_list(actor=actor).filter(uuid=uuid).first()


def case_title_search(*, actor: Actor, text: str) -> QuerySet[Case]:
    """Search by number or title within the actor's cases (titles hold no personal data by convention)."""
    qs = case_list(actor=actor)
    for term in text.split()[:5]:
        qs = qs.filter(Q(number__icontains=term) | Q(title__icontains=term))
    return qs


def case_items_visible(*, actor: Actor, case: Case) -> QuerySet[CaseItem]:
    """Items the actor's organisation may see in a case it is a member of.

    - the supplier always sees its own items;
    - police data (Wpg) is hidden from other members until the proportionality assessment is written;
    - items whose supplier requires consent are shown only to organisations the supplier consented to.
    """
    return case.items.filter(scopes.case_item_visible(actor)).select_related("supplier").order_by("created_at", "id")


def case_items_exportable(*, actor: Actor, case: Case) -> QuerySet[CaseItem]:
    """Items that may leave Weerbaar in an export: visible, and without a consent requirement or with export consent."""
    return case.items.filter(scopes.case_item_exportable(actor)).select_related("supplier").order_by("created_at", "id")


def case_members(*, actor: Actor, case: Case) -> QuerySet[Membership]:
    if not is_case_member(actor=actor, case=case):
        return Membership.objects.none()
    return (
        case.memberships.filter(scopes.membership_active()).select_related("organisation", "user").order_by("joined_at")
    )


def case_directing_members(*, case: Case) -> QuerySet[Membership]:
    return case.memberships.filter(scopes.membership_active(), role=MemberRole.REGIE)


def interventions_overdue(*, actor: Actor) -> QuerySet[Intervention]:
    today = timezone.localdate()
    return (
        Intervention.objects.filter(
            scopes.case_visible(actor, prefix="case__"), steps__due_on__lt=today, steps__done_on__isnull=True
        )
        .distinct()
        .select_related("case", "owner")
    )


def meeting_list(*, actor: Actor) -> QuerySet[Meeting]:
    """Meetings with at least one agenda item on a case the actor may see (or hosted by their organisation)."""
    return Meeting.objects.filter(scopes.meeting_visible(actor)).distinct()


def meeting_get(*, actor: Actor, uuid: UUID | str) -> Meeting | None:
    return meeting_list(actor=actor).filter(uuid=uuid).first()


OPEN_STATUSES = [s for s in CaseStatus.values if s != CaseStatus.AFGESLOTEN]
