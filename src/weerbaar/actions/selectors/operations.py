# SPDX-License-Identifier: EUPL-1.2
"""Reads of operations, their partners, members and locations, and the choices of the planners' forms."""

from dataclasses import dataclass
from uuid import UUID

from django.db.models import Prefetch, Q, QuerySet

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.actions import scopes
from weerbaar.actions.constants import (
    LocationReason,
)
from weerbaar.actions.models import (
    Finding,
    Location,
    Operation,
    OperationMember,
    OperationPartner,
    Selection,
)
from weerbaar.cases.selectors import case_get
from weerbaar.core.policy import Actor, can
from weerbaar.core.scopes import membership_active
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import PRIVATE_TYPES
from weerbaar.organisations.models import Organisation
from weerbaar.partnerships.models import Partnership
from weerbaar.signals.selectors import signal_get

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
