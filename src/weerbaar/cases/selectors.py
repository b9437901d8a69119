# SPDX-License-Identifier: EUPL-1.2
"""Reads of cases, always through need-to-know: the actor's organisation or the actor must be a member.

Performance: membership is matched through the (organisation, case) and (user, case) indexes; the case
list is one query with an ``IN`` over the member cases, so its cost grows with the actor's cases, not with
all cases (see ``bench/cases_scoped.py``).
"""

from dataclasses import dataclass
from uuid import UUID

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from weerbaar.accounts.constants import Perm
from weerbaar.cases.constants import CaseStatus, MemberRole
from weerbaar.cases.models import Case, CaseItem, Intervention, ItemConsent, Meeting, Membership
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor, can


def _active(qs: QuerySet[Membership]) -> QuerySet[Membership]:
    today = timezone.localdate()
    return qs.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))


def memberships_of(*, actor: Actor) -> QuerySet[Membership]:
    """The actor's active memberships: of their organisation (unnamed) or of themselves (named)."""
    if actor.user is None or actor.organisation_id is None:
        return Membership.objects.none()
    return _active(
        Membership.objects.filter(
            Q(organisation_id=actor.organisation_id, user__isnull=True) | Q(user_id=actor.user.pk)
        )
    )


def is_case_member(*, actor: Actor, case: Case) -> bool:
    return memberships_of(actor=actor).filter(case_id=case.pk).exists()


def is_case_owner(*, actor: Actor, case: Case) -> bool:
    return (
        actor.organisation_id is not None
        and case.owner_id == actor.organisation_id
        and is_case_member(actor=actor, case=case)
    )


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    phenomenon: str = ""
    owner_uuid: str = ""


def case_list(*, actor: Actor, filters: CaseFilters | None = None) -> QuerySet[Case]:
    """Cases the actor may see (need-to-know). Empty without ``cases.view`` (private partners, unscreened)."""
    if not can(actor, Perm.CASES_VIEW):
        return Case.objects.none()
    # Resolve the member cases first (index on memberships), then fetch those cases by primary key: the
    # planner would otherwise hash-join the subquery against a scan of every case (bench/cases_scoped.py).
    member_case_ids = list(memberships_of(actor=actor).values_list("case_id", flat=True).distinct())
    qs = Case.objects.filter(pk__in=member_case_ids).select_related("owner")
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
    if actor.organisation_id is None or not is_case_member(actor=actor, case=case):
        return CaseItem.objects.none()
    own = Q(supplier_id=actor.organisation_id)
    consented = Exists(ItemConsent.objects.filter(item=OuterRef("pk"), organisation_id=actor.organisation_id))
    visible = Q(consent_required=False) | Q(consented)
    if not case.assessment:
        visible &= ~Q(regime=LegalRegime.WPG)
    return case.items.filter(own | visible).select_related("supplier").order_by("created_at", "id")


def case_items_exportable(*, actor: Actor, case: Case) -> QuerySet[CaseItem]:
    """Items that may leave Weerbaar in an export: visible, and without a consent requirement or with export consent."""
    export_consent = Exists(ItemConsent.objects.filter(item=OuterRef("pk"), export=True))
    return case_items_visible(actor=actor, case=case).filter(Q(consent_required=False) | Q(export_consent))


def case_members(*, actor: Actor, case: Case) -> QuerySet[Membership]:
    if not is_case_member(actor=actor, case=case):
        return Membership.objects.none()
    return _active(case.memberships.select_related("organisation", "user")).order_by("joined_at")


def case_directing_members(*, case: Case) -> QuerySet[Membership]:
    return _active(case.memberships.filter(role=MemberRole.REGIE))


def interventions_overdue(*, actor: Actor) -> QuerySet[Intervention]:
    today = timezone.localdate()
    return (
        Intervention.objects.filter(
            case__in=case_list(actor=actor), steps__due_on__lt=today, steps__done_on__isnull=True
        )
        .distinct()
        .select_related("case", "owner")
    )


def meeting_list(*, actor: Actor) -> QuerySet[Meeting]:
    """Meetings with at least one agenda item on a case the actor may see (or hosted by their organisation)."""
    if not can(actor, Perm.CASES_VIEW):
        return Meeting.objects.none()
    return Meeting.objects.filter(
        Q(host_id=actor.organisation_id) | Q(agenda__case__in=case_list(actor=actor))
    ).distinct()


def meeting_get(*, actor: Actor, uuid: UUID | str) -> Meeting | None:
    return meeting_list(actor=actor).filter(uuid=uuid).first()


OPEN_STATUSES = [s for s in CaseStatus.values if s != CaseStatus.AFGESLOTEN]
