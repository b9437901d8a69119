# SPDX-License-Identifier: EUPL-1.2
"""Reads of joint actions, always through the rules of ``scopes.py``.

The risk candidates of a selection come from the other apps' own selectors, within the *selecting user's*
access: the signals he may read, the address subjects of the cases he is a member of, and the correlation
of those addresses — where that correlation reaches a context he may not see, the candidate carries a
hit (kind and organisation, "request access"), never its content.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.actions import scopes
from weerbaar.actions.addresses import Address, address_key
from weerbaar.actions.constants import (
    FollowUpStatus,
    LegalDomain,
    LocationReason,
    Sanction,
)
from weerbaar.actions.models import (
    Finding,
    FollowUp,
    Location,
    Operation,
    OperationMember,
    OperationPartner,
    Selection,
)
from weerbaar.cases.constants import InterventionStatus
from weerbaar.cases.selectors import case_get, case_list
from weerbaar.core import disclosure
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import membership_active
from weerbaar.correlation.constants import SubjectKind
from weerbaar.correlation.models import Subject
from weerbaar.correlation.selectors import subjects_visible
from weerbaar.correlation.services.access import correlations_show
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import PRIVATE_TYPES
from weerbaar.organisations.models import Organisation
from weerbaar.partnerships.models import Partnership
from weerbaar.signals.constants import LocationKind, Status
from weerbaar.signals.selectors import signal_get, signal_get_reported_by, signal_list

# --------------------------------------------------------------------------------------------------
# Operations
# --------------------------------------------------------------------------------------------------


def operation_list(*, actor: Actor) -> QuerySet[Operation]:
    """Operations the actor may see (need-to-know, embargo). Empty without ``actions.view``."""
    return Operation.objects.filter(scopes.operation_visible(actor)).select_related("owner").order_by("-starts_on")


def operation_get(*, actor: Actor, uuid: UUID | str) -> Operation | None:
    return operation_list(actor=actor).select_related("project_leader", "partnership").filter(uuid=uuid).first()


def is_planner(*, actor: Actor, operation: Operation) -> bool:
    return can(actor, Perm.ACTIONS_MANAGE, operation)


def operation_partners(*, actor: Actor, operation: Operation) -> QuerySet[OperationPartner]:
    if not scopes.is_visible(actor, operation) or not can(actor, Perm.ACTIONS_VIEW):
        return OperationPartner.objects.none()
    return operation.partners.select_related("organisation").order_by("organisation__name", "domain")


def operation_members(*, actor: Actor, operation: Operation) -> QuerySet[OperationMember]:
    if not scopes.is_visible(actor, operation) or not can(actor, Perm.ACTIONS_VIEW):
        return OperationMember.objects.none()
    return (
        operation.memberships.filter(membership_active())
        .select_related("organisation", "user")
        .order_by("role", "organisation__name", "user__username")
    )


def operation_area(operation: Operation) -> list[Municipality]:
    """The municipalities of the operation's area: its own and those of its area partnership."""
    ids = set(operation.municipalities.values_list("pk", flat=True))
    if operation.partnership is not None:
        ids |= set(operation.partnership.municipalities.values_list("pk", flat=True))
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


def own_domains(*, actor: Actor, operation: Operation) -> list[str]:
    """The legal domains the actor's organisation checks from in this operation."""
    if actor.organisation_id is None:
        return []
    return list(
        operation.partners.filter(organisation_id=actor.organisation_id).values_list("domain", flat=True).distinct()
    )


def current_selection(*, operation: Operation) -> Selection | None:
    return operation.selections.select_related("drawn_by").first()


def location_list(*, actor: Actor, operation: Operation) -> QuerySet[Location]:
    """The checklist: the operation's locations, with the findings the actor may read."""
    return (
        Location.objects.filter(scopes.location_visible(actor), operation=operation)
        .select_related("municipality", "source_organisation")
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.filter(scopes.finding_visible(actor)).select_related("organisation"),
                to_attr="visible_findings",
            )
        )
    )


def location_get(*, actor: Actor, operation: Operation, uuid: UUID | str) -> Location | None:
    return location_list(actor=actor, operation=operation).filter(uuid=uuid).first()


@dataclass(frozen=True)
class SourceView:
    """What the actor may learn of a location's risk source: a link, or only that there is one."""

    kind: str
    visible: bool
    label: str = ""
    organisation: str = ""


def location_source(*, actor: Actor, location: Location) -> SourceView | None:
    """The source of a risk location as the actor may see it. Hidden sources are a hit, never content."""
    if not location.source_kind or location.source_uuid is None:
        return None
    organisation = str(location.source_organisation) if location.source_organisation_id else ""
    if location.source_kind == LocationReason.SIGNAL:
        signal = signal_get(actor=actor, uuid=location.source_uuid)
        if signal is not None:
            return SourceView("signal", True, signal.number or "", organisation)
    elif location.source_kind == LocationReason.CASE:
        case = case_get(actor=actor, uuid=location.source_uuid)
        if case is not None:
            return SourceView("case", True, case.number or case.title, organisation)
    return SourceView(location.source_kind, False, "", organisation)


# --------------------------------------------------------------------------------------------------
# Findings and follow-ups
# --------------------------------------------------------------------------------------------------


def finding_list(*, actor: Actor, operation: Operation) -> QuerySet[Finding]:
    """Findings the actor may read: all for planners, the own organisation's for participants."""
    return (
        Finding.objects.filter(scopes.finding_visible(actor), operation=operation)
        .select_related("location", "organisation", "created_by")
        .prefetch_related("photos", "follow_ups")
    )


def finding_get(*, actor: Actor, operation: Operation, uuid: UUID | str) -> Finding | None:
    return finding_list(actor=actor, operation=operation).filter(uuid=uuid).first()


def follow_up_list(*, actor: Actor, operation: Operation) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.filter(scopes.follow_up_visible(actor), finding__operation=operation)
        .select_related("finding__location", "finding__organisation", "owner", "signal", "intervention__case")
        .order_by("due_on", "id")
    )


#: Signal statuses after which nothing more is done with it.
_SIGNAL_DONE = frozenset(
    {Status.AFGEROND.value, Status.GEEN_ACTIE.value, Status.BUITEN_SCOPE.value, Status.EXTERN_DOORGEZET.value}
)
_INTERVENTION_DONE = frozenset({InterventionStatus.AFGEROND.value, InterventionStatus.GESTOPT.value})


def follow_up_done(follow_up: FollowUp) -> bool:
    """Whether a follow-up is finished: the linked signal's or intervention's status, else its own.

    This is the one place the status flows back; only the status code is read, never content.
    """
    if follow_up.signal_id is not None and follow_up.signal is not None:
        return follow_up.signal.status in _SIGNAL_DONE
    if follow_up.intervention_id is not None and follow_up.intervention is not None:
        return follow_up.intervention.status in _INTERVENTION_DONE
    return follow_up.status == FollowUpStatus.DONE


@dataclass(frozen=True)
class FollowUpState:
    done: bool
    #: The linked object's status as its own app words it, for those who may see it; else empty.
    label: str
    #: The linked object's number, for those who may see it.
    reference: str = ""
    linked: str = ""  # "signal", "intervention" or ""


def follow_up_state(*, actor: Actor, follow_up: FollowUp) -> FollowUpState:
    """The follow-up's status as it flows back from the signal or intervention it created."""
    done = follow_up_done(follow_up)
    if follow_up.signal_id is not None:
        uuid = follow_up.signal.uuid if follow_up.signal is not None else None
        signal = None
        if uuid is not None:
            signal = signal_get_reported_by(actor=actor, uuid=uuid) or signal_get(actor=actor, uuid=uuid)
        if signal is not None:
            return FollowUpState(done, str(signal.get_status_display()), signal.number or "", "signal")
        return FollowUpState(done, "", "", "signal")
    if follow_up.intervention_id is not None and follow_up.intervention is not None:
        case = case_get(actor=actor, uuid=follow_up.intervention.case.uuid)
        if case is not None:
            return FollowUpState(
                done, str(follow_up.intervention.get_status_display()), case.number or "", "intervention"
            )
        return FollowUpState(done, "", "", "intervention")
    return FollowUpState(done, str(follow_up.get_status_display()))


# --------------------------------------------------------------------------------------------------
# Risk candidates for the selection
# --------------------------------------------------------------------------------------------------


@dataclass
class Candidate:
    """A premises proposed for a risk. ``key`` names it for the form without naming the source's content."""

    key: str
    address: Address
    reason: str
    source_kind: str
    source_uuid: UUID | None
    source_organisation_id: int | None
    source_label: str
    municipality_id: int | None
    latitude: Any = None
    longitude: Any = None
    #: Hits in contexts the actor may not see: {"kind", "organisation", "via", "token"}.
    hits: list[dict[str, str]] = field(default_factory=list)


def _signal_address(signal: Any) -> Address | None:
    if signal.location_kind != LocationKind.ADRES or not signal.street:
        return None
    return Address(signal.street, signal.house_number, signal.postcode, signal.city)


def _subject_address(subject: Subject) -> Address:
    number = f"{subject.house_number}{subject.house_number_addition}"
    return Address(subject.street, number, subject.postcode, subject.city)


def selection_candidates(*, actor: Actor, operation: Operation) -> list[Candidate]:
    """Risk candidates in the operation's area, within the actor's own access (empty for non-planners).

    Showing them discloses correlation hits, so the read is audited as the correlation panel's is
    (``correlations_show``), and braked by its hourly limit.
    """
    if not can(actor, Perm.ACTIONS_MANAGE, operation):
        return []
    area = [m.pk for m in operation_area(operation)]
    if not area:
        return []
    by_key: dict[str, Candidate] = {}
    for signal in signal_list(actor=actor).filter(municipality_id__in=area)[:500]:
        address = _signal_address(signal)
        if address is None:
            continue
        by_key.setdefault(
            address.key,
            Candidate(
                key=f"signal:{signal.uuid}",
                address=address,
                reason=LocationReason.SIGNAL,
                source_kind=LocationReason.SIGNAL,
                source_uuid=signal.uuid,
                source_organisation_id=signal.organisation_id,
                source_label=signal.number or "",
                municipality_id=signal.municipality_id,
                latitude=signal.latitude,
                longitude=signal.longitude,
            ),
        )
    case_ids = list(case_list(actor=actor).filter(municipality_id__in=area).values_list("pk", flat=True)[:500])
    subjects = list(
        subjects_visible(actor=actor)
        .filter(kind=SubjectKind.ADRES)
        .filter(Q(case_item__case_id__in=case_ids) | Q(signal__municipality_id__in=area))
        .select_related("case_item__case", "signal")[:500]
    )
    subject_candidate: dict[int, Candidate] = {}
    for subject in subjects:
        address = _subject_address(subject)
        if not address.street:
            continue
        if subject.case_item is not None:
            case = subject.case_item.case
            candidate = by_key.setdefault(
                address.key,
                Candidate(
                    key=f"case:{case.uuid}:{subject.uuid}",
                    address=address,
                    reason=LocationReason.CASE,
                    source_kind=LocationReason.CASE,
                    source_uuid=case.uuid,
                    source_organisation_id=case.owner_id,
                    source_label=case.number or "",
                    municipality_id=case.municipality_id,
                ),
            )
        elif subject.signal is not None:
            signal = subject.signal
            candidate = by_key.setdefault(
                address.key,
                Candidate(
                    key=f"signal:{signal.uuid}:{subject.uuid}",
                    address=address,
                    reason=LocationReason.SIGNAL,
                    source_kind=LocationReason.SIGNAL,
                    source_uuid=signal.uuid,
                    source_organisation_id=signal.organisation_id,
                    source_label=signal.number or "",
                    municipality_id=signal.municipality_id,
                ),
            )
        else:
            continue
        subject_candidate[subject.pk] = candidate
    if subjects:
        shown = correlations_show(actor=actor, subjects=subjects, where="actions.selection")
        for row in shown.report.rows:
            found = subject_candidate.get(row.subject.pk)
            if found is None:
                continue
            if row.same or row.hits:
                found.reason = LocationReason.CORRELATION
            seen = {(h["kind"], h["organisation"]) for h in found.hits}
            for hit in row.hits:
                ident = (hit.context.kind, hit.context.organisation_name)
                if ident in seen:
                    continue
                seen.add(ident)
                found.hits.append(
                    {
                        "kind": hit.context.kind,
                        "organisation": hit.context.organisation_name,
                        "via": str(hit.via.uuid),
                        "token": hit.token,
                    }
                )
    return sorted(by_key.values(), key=lambda c: (c.reason != LocationReason.CORRELATION, c.address.line))


# --------------------------------------------------------------------------------------------------
# Debrief
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    values: list[str]


@dataclass(frozen=True)
class Debrief:
    """The figures of one operation as the actor may see them.

    Planners read exact counts, with the non-compliant findings per row. Every other member reads the
    totals per row through ``core.disclosure`` (1 to 4 as "< 5", complementary suppression against the
    total, no share over a small group): the figures cover other partners' findings. A table that cannot
    be protected is left out (``None``).
    """

    exact: bool
    locations: str
    locations_checked: str
    findings: str
    compliant_share: str
    by_domain: list[Row] | None
    by_partner: list[Row] | None
    sanctions: list[Row] | None
    follow_ups_open: str
    follow_ups_done: str


def _table(counts: dict[str, list[int]], labels: dict[str, str], exact: bool) -> list[Row] | None:
    keys = sorted(counts, key=lambda k: str(labels.get(k, k)))
    if exact:
        return [Row(str(labels.get(k, k)), [str(v) for v in counts[k]]) for k in keys]
    totals = [counts[k][0] for k in keys]
    status = disclosure.protect_counts(totals)
    if status is None:
        return None
    return [
        Row(str(labels.get(k, k)), [disclosure.cell_display(n, st)])
        for k, n, st in zip(keys, totals, status, strict=True)
    ]


def operation_debrief(*, actor: Actor, operation: Operation) -> Debrief | None:
    """Figures of the operation: locations checked, share compliant, findings per domain and partner,
    sanctions on the spot, follow-ups open and done. None for anyone who may not see the operation."""
    if not can(actor, Perm.ACTIONS_VIEW, operation):
        return None
    exact = can(actor, Perm.ACTIONS_MANAGE, operation)
    rules = disclosure.rules_for(disclosure.Audience.PARTNERS)

    def show(n: int) -> str:
        return str(n) if exact else disclosure.show(n, rules)

    findings = list(
        operation.findings.values_list("location_id", "organisation__name", "domain", "compliant", "sanction")
    )
    checked = len({f[0] for f in findings})
    compliant = sum(1 for f in findings if f[3])
    by_domain: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_partner: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    sanctions: dict[str, list[int]] = defaultdict(lambda: [0])
    for _location, organisation, domain, is_compliant, sanction in findings:
        for table, key in ((by_domain, domain), (by_partner, organisation)):
            table[key][0] += 1
            table[key][1] += 0 if is_compliant else 1
        if sanction != Sanction.GEEN:
            sanctions[sanction][0] += 1
    if exact:
        share = f"{round(100 * compliant / len(findings))} %" if findings else disclosure.NOT_SHOWN
    else:
        share = disclosure.audience_share(compliant, len(findings), rules)
    follow_ups = list(FollowUp.objects.filter(finding__operation=operation).select_related("signal", "intervention"))
    done = sum(1 for f in follow_ups if follow_up_done(f))
    return Debrief(
        exact=exact,
        locations=show(operation.locations.count()),
        locations_checked=show(checked),
        findings=show(len(findings)),
        compliant_share=share,
        by_domain=_table(by_domain, {str(k): str(v) for k, v in LegalDomain.choices}, exact),
        by_partner=_table(by_partner, {}, exact),
        sanctions=_table(sanctions, {str(k): str(v) for k, v in Sanction.choices}, exact),
        follow_ups_open=show(len(follow_ups) - done),
        follow_ups_done=show(done),
    )


# --------------------------------------------------------------------------------------------------
# Choices for the planners' forms
# --------------------------------------------------------------------------------------------------


def people_of(organisation_id: int | None) -> list[User]:
    """Active, screened people holding a current role at the organisation (project leaders)."""
    if organisation_id is None:
        return []
    users = {
        a.user
        for a in RoleAssignment.objects.current()
        .filter(organisation_id=organisation_id, user__is_active=True)
        .select_related("user")
    }
    return sorted((u for u in users if u.is_screened), key=lambda u: (u.display_name, u.username))


def person_in(organisation: Organisation, username: str) -> User | None:
    """The active person with this user name holding a role at ``organisation``; None otherwise."""
    assignment = (
        RoleAssignment.objects.current()
        .filter(organisation=organisation, user__username=username, user__is_active=True)
        .select_related("user")
        .first()
    )
    return assignment.user if assignment is not None else None


def partnerships_for(*, actor: Actor) -> QuerySet[Partnership]:
    """Area partnerships whose area a planner may take as the action's area: those his organisation leads or
    takes part in (only the area is used, never anything the partnership holds)."""
    if actor.organisation_id is None:
        return Partnership.objects.none()
    return (
        Partnership.objects.filter(
            Q(lead_organisation_id=actor.organisation_id)
            | Q(participants__organisation_id=actor.organisation_id, participants__left_at__isnull=True)
        )
        .distinct()
        .order_by("name")
    )


def partner_organisations() -> QuerySet[Organisation]:
    """Every active organisation may be a partner (a private grid operator too; it never becomes a member)."""
    return Organisation.objects.filter(is_active=True).order_by("name")


def member_organisations() -> QuerySet[Organisation]:
    """Public, active organisations that may be let in."""
    return Organisation.objects.filter(is_active=True).exclude(type__in=PRIVATE_TYPES).order_by("name")


__all__ = [
    "Candidate",
    "Debrief",
    "FollowUpState",
    "SourceView",
    "address_key",
    "current_selection",
    "finding_get",
    "finding_list",
    "follow_up_done",
    "follow_up_list",
    "follow_up_state",
    "is_planner",
    "location_get",
    "location_list",
    "location_source",
    "operation_area",
    "operation_debrief",
    "operation_get",
    "operation_list",
    "operation_members",
    "operation_partners",
    "own_domains",
    "selection_candidates",
]
