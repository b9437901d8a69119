# SPDX-License-Identifier: EUPL-1.2
"""Managing a joint action after it was planned: its details, ending a membership, removing a partner,
setting a legal hold. Planners only; every change audited in the same transaction."""

from collections.abc import Sequence
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.actions.constants import MemberRole
from weerbaar.actions.models import Operation, OperationMember, OperationPartner
from weerbaar.actions.services._common import require, require_open
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.geo.models import Municipality
from weerbaar.partnerships.models import Partnership

_EDITABLE = ("title", "starts_on", "ends_on", "partnership", "area_description", "objectives")


@transaction.atomic
def operation_update(
    *,
    actor: Actor,
    operation: Operation,
    title: str,
    starts_on: date,
    ends_on: date,
    municipalities: Sequence[Municipality] = (),
    partnership: Partnership | None = None,
    area_description: str = "",
    objectives: str = "",
    expected_version: int | None = None,
) -> Operation:
    """Change the name, period, area and objectives of an open action. The audit event names the fields
    changed, not their contents."""
    require(actor, Perm.ACTIONS_MANAGE, operation)
    require_open(operation)
    if not municipalities and partnership is None:
        raise ValidationError({"municipalities": _("Choose the municipalities or the area partnership of the area.")})
    locked = lock_for_update(Operation, operation, expected_version)
    before = {field: getattr(locked, field) for field in _EDITABLE}
    before_area = set(locked.municipalities.values_list("pk", flat=True))
    locked.title = title.strip()
    locked.starts_on = starts_on
    locked.ends_on = ends_on
    locked.partnership = partnership
    locked.area_description = area_description.strip()
    locked.objectives = objectives.strip()
    locked.full_clean()
    changed = [field for field in _EDITABLE if getattr(locked, field) != before[field]]
    if {m.pk for m in municipalities} != before_area:
        locked.municipalities.set(municipalities)
        changed.append("municipalities")
    bump_version(locked, [field for field in _EDITABLE if field in changed])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=locked, details={"changed": changed})
    return locked


@transaction.atomic
def operation_member_end(*, actor: Actor, operation: Operation, member: OperationMember) -> OperationMember:
    """End a membership today (its last day was yesterday). The owner organisation's and the project
    leader's memberships stay: without them nobody would steer the action."""
    require(actor, Perm.ACTIONS_MANAGE, operation)
    require_open(operation)
    if member.operation_id != operation.pk:
        raise ValidationError(_("This membership belongs to another joint action."))
    if member.role == MemberRole.PLANNER and (
        (member.user_id is None and member.organisation_id == operation.owner_id)
        or member.user_id == operation.project_leader_id
    ):
        raise ValidationError(_("The owner organisation and the project leader stay members of the action."))
    yesterday = timezone.localdate() - timedelta(days=1)
    if member.ends_on is not None and member.ends_on <= yesterday:
        raise ValidationError(_("This membership has already ended."))
    member.ends_on = yesterday
    member.save(update_fields=["ends_on"])
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=member,
        details={"operation": str(operation.uuid), "ends_on": str(yesterday)},
    )
    return member


@transaction.atomic
def operation_partner_remove(*, actor: Actor, operation: Operation, partner: OperationPartner) -> None:
    """Remove a partner added by mistake, as long as it recorded no findings from that legal domain. The
    membership its organisation got with it ends when it has no other legal domain in the action."""
    require(actor, Perm.ACTIONS_MANAGE, operation)
    require_open(operation)
    if partner.operation_id != operation.pk:
        raise ValidationError(_("This partner belongs to another joint action."))
    if operation.findings.filter(organisation_id=partner.organisation_id, domain=partner.domain).exists():
        raise ValidationError(
            _("This partner has already recorded findings from this legal domain and can no longer be removed.")
        )
    details = {
        "operation": str(operation.uuid),
        "organisation": str(partner.organisation.uuid),
        "domain": partner.domain,
    }
    audit_event_record(actor=actor, action=AuditAction.DELETE, obj=partner, details=details)
    partner.delete()
    if not operation.partners.filter(organisation_id=partner.organisation_id).exists():
        member = operation.memberships.filter(
            organisation_id=partner.organisation_id, user__isnull=True, role=MemberRole.DEELNEMER
        ).first()
        if member is not None and (member.ends_on is None or member.ends_on >= timezone.localdate()):
            operation_member_end(actor=actor, operation=operation, member=member)


@transaction.atomic
def operation_legal_hold_set(*, actor: Actor, operation: Operation, hold: bool, reason: str) -> Operation:
    """Set or lift the legal hold that keeps the action past its retention, always with a reason (audited as
    the purpose). Lifting a hold that is not there is refused, so a second submit does nothing."""
    require(actor, Perm.ACTIONS_MANAGE, operation)
    reason = reason.strip()
    if not reason:
        message = _("Give the reason for the legal hold.") if hold else _("Give the reason for lifting the legal hold.")
        raise ValidationError({"reason": message})
    locked = Operation.objects.select_for_update().get(pk=operation.pk)
    if not hold and not locked.legal_hold:
        raise ValidationError(_("This joint action has no legal hold to lift."))
    locked.legal_hold = hold
    locked.legal_hold_reason = reason if hold else ""
    locked.full_clean()
    locked.save(update_fields=["legal_hold", "legal_hold_reason"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=locked, purpose=reason, details={"legal_hold": hold})
    return locked
