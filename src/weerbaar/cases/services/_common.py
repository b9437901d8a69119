# SPDX-License-Identifier: EUPL-1.2
"""Shared pieces of the case services: policy checks, audited inserts and notification recipients."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm, Role
from weerbaar.accounts.models import RoleAssignment
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases.constants import CaseStatus
from weerbaar.cases.models import Case
from weerbaar.cases.selectors import case_directing_members
from weerbaar.core.policy import Actor, can


def require(actor: Actor, code: str, case: Case | None = None) -> None:
    """Refuse with PermissionDenied unless the policy allows ``code`` (on ``case``); views map it to 404."""
    if not can(actor, code, case):
        raise PermissionDenied


def require_member(actor: Actor, case: Case) -> None:
    require(actor, Perm.CASES_VIEW, case)


def require_owner(actor: Actor, case: Case) -> None:
    require(actor, Perm.CASES_MANAGE, case)


def require_open(case: Case) -> None:
    if case.status == CaseStatus.AFGESLOTEN:
        raise ValidationError(_("This case is closed and can no longer be changed."))


def insert_audited(*, actor: Actor, obj: Model, details: dict[str, Any]) -> None:
    """Validate and insert a new row; its creation enters the audit trail in the caller's transaction."""
    obj.full_clean()
    obj.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=obj, details=details)


def director_emails(case: Case) -> list[str]:
    """Who directs the case: its named regie members, else the owner's case directors."""
    named = case_directing_members(case=case).filter(user__isnull=False, user__is_active=True)
    emails = {m.user.email for m in named.select_related("user") if m.user is not None and m.user.email}
    if not emails:
        assignments = RoleAssignment.objects.current().filter(
            organisation_id=case.owner_id, role=Role.CASUSREGISSEUR, user__is_active=True
        )
        emails = {a.user.email for a in assignments.select_related("user") if a.user.email}
    return sorted(emails)
