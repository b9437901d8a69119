# SPDX-License-Identifier: EUPL-1.2
"""An operation's life: planning it, its partners and members, and its steps through the cycle."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import User
from weerbaar.actions.constants import OPERATION_TRANSITIONS, MemberRole, OperationKind, OperationStatus
from weerbaar.actions.models import Operation, OperationMember, OperationPartner, OperationStatusChange
from weerbaar.actions.services._common import (
    acting_organisation,
    acting_user,
    check_named_user,
    check_public_organisation,
    insert_audited,
    require,
    require_open,
)
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.geo.models import Municipality
from weerbaar.organisations.models import Organisation
from weerbaar.partnerships.models import Partnership


@transaction.atomic
def operation_create(
    *,
    actor: Actor,
    kind: str,
    title: str,
    starts_on: date,
    ends_on: date,
    project_leader: User,
    municipalities: Sequence[Municipality] = (),
    partnership: Partnership | None = None,
    area_description: str = "",
    objectives: str = "",
) -> Operation:
    """Plan a joint action owned by the actor's organisation.

    The owner organisation and the project leader (who must hold a role there) become planners; the
    action stays under embargo for everybody else until its first day. The area is one or more
    municipalities, an area partnership's area, or both.
    """
    require(actor, Perm.ACTIONS_MANAGE)
    user = acting_user(actor)
    owner = acting_organisation(actor)
    if kind not in OperationKind.values:
        raise ValidationError({"kind": _("Choose the kind of joint action.")})
    if not municipalities and partnership is None:
        raise ValidationError({"municipalities": _("Choose the municipalities or the area partnership of the area.")})
    leader = check_named_user(project_leader, owner, field="project_leader")
    operation = Operation(
        kind=kind,
        title=title.strip(),
        owner=owner,
        project_leader=leader,
        starts_on=starts_on,
        ends_on=ends_on,
        partnership=partnership,
        area_description=area_description.strip(),
        objectives=objectives.strip(),
        created_by=user,
    )
    operation.full_clean()
    operation.save(force_insert=True)
    operation.municipalities.set(municipalities)
    OperationMember.objects.create(operation=operation, organisation=owner, role=MemberRole.PLANNER, added_by=user)
    OperationMember.objects.create(
        operation=operation, organisation=owner, user=leader, role=MemberRole.PLANNER, added_by=user
    )
    OperationStatusChange.record(operation=operation, actor=user, to_status=OperationStatus.PLANNING)
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=operation,
        details={"kind": kind, "municipalities": len(municipalities), "partnership": bool(partnership)},
    )
    return operation


@transaction.atomic
def operation_partner_add(
    *,
    actor: Actor,
    operation: Operation,
    organisation: Organisation,
    domain: str,
    legal_basis: str,
    contact: str = "",
) -> OperationPartner:
    """Add a partner checking from one legal domain on its legal basis. A public partner's organisation
    becomes a participant member (seeing the action from its first day); a private one (a grid operator)
    takes part without access: its findings are recorded by a planner."""
    require(actor, Perm.ACTIONS_MANAGE, operation)
    require_open(operation)
    if not organisation.is_active:
        raise ValidationError({"organisation": _("This organisation is no longer active.")})
    if operation.partners.filter(organisation=organisation, domain=domain).exists():
        raise ValidationError({"domain": _("This partner already takes part from this legal domain.")})
    partner = OperationPartner(
        operation=operation,
        organisation=organisation,
        domain=domain,
        legal_basis=legal_basis.strip(),
        contact=contact.strip(),
        added_by=actor.user,
    )
    insert_audited(
        actor=actor,
        obj=partner,
        details={"operation": str(operation.uuid), "organisation": str(organisation.uuid), "domain": domain},
    )
    if (
        not organisation.is_private
        and not operation.memberships.filter(organisation=organisation, user__isnull=True).exists()
    ):
        member = OperationMember(
            operation=operation, organisation=organisation, role=MemberRole.DEELNEMER, added_by=actor.user
        )
        insert_audited(
            actor=actor,
            obj=member,
            details={"operation": str(operation.uuid), "organisation": str(organisation.uuid), "role": member.role},
        )
    return partner


@transaction.atomic
def operation_member_add(
    *,
    actor: Actor,
    operation: Operation,
    organisation: Organisation,
    user: User | None = None,
    role: str = MemberRole.DEELNEMER,
    ends_on: date | None = None,
) -> OperationMember:
    """Let an organisation (``user`` None) or a named person in, as planner or participant. Planners only.

    A former member is let in again on the same row (the membership's end date is cleared or moved).
    """
    require(actor, Perm.ACTIONS_MANAGE, operation)
    require_open(operation)
    check_public_organisation(organisation)
    if user is not None:
        check_named_user(user, organisation)
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Choose planner or participant.")})
    existing = operation.memberships.filter(organisation=organisation, user=user).first()
    if existing is not None:
        existing.role = role
        existing.ends_on = ends_on
        existing.full_clean()
        existing.save(update_fields=["role", "ends_on"])
        audit_event_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=existing,
            details={"operation": str(operation.uuid), "role": role, "ends_on": str(ends_on) if ends_on else None},
        )
        return existing
    member = OperationMember(
        operation=operation, organisation=organisation, user=user, role=role, ends_on=ends_on, added_by=actor.user
    )
    insert_audited(
        actor=actor,
        obj=member,
        details={
            "operation": str(operation.uuid),
            "organisation": str(organisation.uuid),
            "named": user is not None,
            "role": role,
        },
    )
    return member


@transaction.atomic
def operation_transition(
    *,
    actor: Actor,
    operation: Operation,
    to_status: str,
    reason: str = "",
    expected_version: int | None = None,
) -> Operation:
    """Move the operation one step through the cycle (``OPERATION_TRANSITIONS``). Planners only."""
    require(actor, Perm.ACTIONS_MANAGE, operation)
    user = acting_user(actor)
    locked = lock_for_update(Operation, operation, expected_version)
    OPERATION_TRANSITIONS.check(locked.status, to_status)
    if to_status == OperationStatus.SELECTED and not locked.locations.exists():
        raise ValidationError(_("Draw the locations first."))
    if to_status == OperationStatus.BRIEFED and not locked.partners.exists():
        raise ValidationError(_("Add the partners before the briefing."))
    from_status = locked.status
    locked.status = to_status
    bump_version(locked, ["status"])
    OperationStatusChange.record(
        operation=locked, actor=user, from_status=from_status, to_status=to_status, reason=reason
    )
    audit_event_record(
        actor=actor, action=AuditAction.UPDATE, obj=locked, details={"from": from_status, "to": to_status}
    )
    operation.status = locked.status
    operation.version = locked.version
    return locked
