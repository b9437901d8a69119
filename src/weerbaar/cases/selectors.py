# SPDX-License-Identifier: EUPL-1.2
"""Reads of cases, always through need-to-know: the rules of ``scopes.py``, never a copy of them.

Performance: membership is matched through the (organisation, case) and (user, case) indexes; the case
list is one query with an ``IN`` over the member cases, so its cost grows with the actor's cases, not with
all cases (see ``bench/cases_scoped.py``).
"""

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent
from weerbaar.cases import scopes
from weerbaar.cases.constants import (
    CLOSURE_BLOCKING_INTERVENTIONS,
    INTERVENTION_TYPES,
    RUNNING_INTERVENTION_STATUSES,
    ActionItemStatus,
    CaseStatus,
    ItemKind,
    MemberRole,
)
from weerbaar.cases.models import (
    ActionItem,
    AgendaItem,
    Case,
    CaseItem,
    CaseStatusChange,
    Intervention,
    Meeting,
    Membership,
)
from weerbaar.core import disclosure
from weerbaar.core.constants import LegalRegime
from weerbaar.core.figures import series_totals
from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING


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


def programme_summary(actor: Actor) -> dict[str, Any]:
    """The programme section of the situational picture: the actor's own cases counted exactly by status,
    all other cases only as counts (1 to 4 shown as "< 5"), the overdue interventions of his cases (each with
    its case) and the results of the interventions in his cases per carrying-out partner."""
    mine = case_list(actor=actor)
    own_counts = dict(mine.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    # The other cases are all cases less the own ones. All cases by status are the materialised totals of the
    # figure series "cases.steps" (as of its last refresh: a few rows, not a count of the table on every view);
    # counted here only before the first refresh.
    all_counts = series_totals("cases.steps")
    if all_counts is None:
        all_counts = dict(Case.objects.order_by().values("status").annotate(n=Count("id")).values_list("status", "n"))
    other_counts = {status: max(n - own_counts.get(status, 0), 0) for status, n in all_counts.items()}
    statuses = [
        {
            "label": label,
            "mine": own_counts.get(value, 0),
            "others": disclosure.suppress(other_counts.get(value, 0)),
        }
        for value, label in CaseStatus.choices
    ]
    results = (
        Intervention.objects.filter(case__in=mine)
        .order_by()
        .values("owner__name")
        .annotate(
            interventions=Count("id"),
            closure_months=Sum("closure_months"),
            permits_refused=Count("id", filter=Q(permit_refused=True)),
            levied=Sum("amount_levied"),
            seized=Sum("amount_seized"),
        )
        .order_by("owner__name")
    )
    return {
        "statuses": statuses,
        "mine_total": sum(own_counts.values()),
        "others_total": disclosure.suppress(sum(other_counts.values())),
        "overdue": [
            {
                "intervention": i,
                "label": INTERVENTION_TYPES[i.type].label if i.type in INTERVENTION_TYPES else i.type,
            }
            for i in interventions_overdue(actor=actor).order_by("case__number")[:200]
        ],
        "results": list(results),
    }


def meeting_list(*, actor: Actor) -> QuerySet[Meeting]:
    """Meetings with at least one agenda item on a case the actor may see (or hosted by their organisation)."""
    return Meeting.objects.filter(scopes.meeting_visible(actor)).distinct()


def meeting_get(*, actor: Actor, uuid: UUID | str) -> Meeting | None:
    return meeting_list(actor=actor).filter(uuid=uuid).first()


def interventions_running(*, case: Case) -> QuerySet[Intervention]:
    """Interventions planned or in progress."""
    return case.interventions.filter(status__in=RUNNING_INTERVENTION_STATUSES).select_related("owner", "bibob_file")


def interventions_blocking_closure(*, case: Case) -> QuerySet[Intervention]:
    """Running Bibob investigations and closure procedures: closing the case needs the director's confirmation."""
    return interventions_running(case=case).filter(type__in=CLOSURE_BLOCKING_INTERVENTIONS)


@dataclass(frozen=True)
class LeftOut:
    """An item the actor sees that a report leaves out, with why (one or more reasons)."""

    item: CaseItem
    police_data: bool
    consent_missing: bool
    #: A person, company, address, vehicle, ...: never named in anything that leaves Weerbaar.
    subject: bool


@dataclass(frozen=True)
class ReportItems:
    """Which of the items the actor sees a report names (titles only), and which it leaves out."""

    listed: list[CaseItem]
    left_out: list[LeftOut]


def case_report_items(*, actor: Actor, case: Case) -> ReportItems:
    """The one rule for items in the accountability report: an item is named (by title, never its content)
    only when it may be exported (``scopes.case_item_exportable``), holds no police data (destroyed at
    closure) and is not a subject. Items the actor does not see are neither named nor counted here."""
    exportable = set(case_items_exportable(actor=actor, case=case).values_list("pk", flat=True))
    listed: list[CaseItem] = []
    left_out: list[LeftOut] = []
    for item in case_items_visible(actor=actor, case=case):
        row = LeftOut(
            item=item,
            police_data=item.regime == LegalRegime.WPG,
            consent_missing=item.pk not in exportable,
            subject=item.kind == ItemKind.BETROKKENE,
        )
        if row.police_data or row.consent_missing or row.subject:
            left_out.append(row)
        else:
            listed.append(item)
    return ReportItems(listed=listed, left_out=left_out)


@dataclass(frozen=True)
class ClosureConsequences:
    running: list[Intervention]
    blocking: list[Intervention]
    #: Items the actor sees that the accountability report will not show, with why.
    left_out: list[LeftOut]
    police_items: int


def case_closure_consequences(*, actor: Actor, case: Case) -> ClosureConsequences:
    """What closing ``case`` would do, as far as the actor may know: running interventions (and which block
    closure), police data destroyed, items the accountability report leaves out."""
    running = list(interventions_running(case=case))
    return ClosureConsequences(
        running=running,
        blocking=[i for i in running if i.type in CLOSURE_BLOCKING_INTERVENTIONS],
        left_out=case_report_items(actor=actor, case=case).left_out,
        police_items=case.items.filter(regime=LegalRegime.WPG).count(),
    )


def case_police_items_destroyed(*, case: Case) -> int:
    """How many police (Wpg) items closing ``case`` destroyed, as its closure recorded in the audit trail
    (the items themselves are gone); 0 for an open case."""
    if case.police_data_destroyed_at is None:
        return 0
    closure = (
        AuditEvent.objects.filter(
            object_type=Case._meta.label_lower,  # noqa: SLF001 - _meta is public Django API
            object_uuid=case.uuid,
            action=AuditAction.UPDATE,
            details__has_key="police_items_destroyed",
        )
        .order_by("-id")
        .only("details")
        .first()
    )
    return int(closure.details["police_items_destroyed"]) if closure is not None else 0


def case_closure_change(*, case: Case) -> CaseStatusChange | None:
    """The status change that closed ``case`` (with the director's reason), if it is closed."""
    return case.status_changes.filter(to_status=CaseStatus.AFGESLOTEN).order_by("-at", "-id").first()


def case_agenda(*, actor: Actor, case: Case) -> QuerySet[AgendaItem]:
    """The meetings that discussed ``case`` (one agenda item each, with its decision and action items), the
    earliest first, for a member of the case."""
    if not is_case_member(actor=actor, case=case):
        return AgendaItem.objects.none()
    return (
        case.agenda_items.select_related("meeting__host")
        .prefetch_related(Prefetch("actions", queryset=ActionItem.objects.select_related("owner")))
        .order_by("meeting__date", "id")
    )


def action_items_of_case(*, actor: Actor, case: Case) -> QuerySet[ActionItem]:
    """The action items agreed on ``case`` in any meeting, for a member of the case."""
    if not is_case_member(actor=actor, case=case):
        return ActionItem.objects.none()
    return (
        ActionItem.objects.filter(agenda_item__case=case)
        .select_related("owner", "assignee", "done_by", "agenda_item__meeting")
        .order_by("status", "due_on", "id")
    )


def action_items_open_for(actor: Actor) -> QuerySet[ActionItem]:
    """Open action items the actor should act on: given to them by name, or to their organisation without a
    name, on open cases they may see; the earliest due first. For the "My work" inbox."""
    if actor.user is None or actor.organisation_id is None:
        return ActionItem.objects.none()
    visible = scopes.case_visible(actor, prefix="agenda_item__case__")
    if visible is NOTHING:
        return ActionItem.objects.none()
    mine = Q(assignee_id=actor.user.pk) | Q(owner_id=actor.organisation_id, assignee__isnull=True)
    return (
        ActionItem.objects.filter(visible, mine, status=ActionItemStatus.OPEN)
        # A closed case takes no more work: its open actions can no longer be completed.
        .exclude(agenda_item__case__status=CaseStatus.AFGESLOTEN)
        .select_related("owner", "assignee", "agenda_item__case", "agenda_item__meeting")
        .order_by("due_on", "id")
    )


OPEN_STATUSES = [s for s in CaseStatus.values if s != CaseStatus.AFGESLOTEN]
