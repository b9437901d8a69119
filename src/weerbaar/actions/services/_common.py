# SPDX-License-Identifier: EUPL-1.2
"""Shared pieces of the joint-action services: the policy check, the acting user, the open-state checks."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.actions.constants import OperationStatus
from weerbaar.actions.models import Operation
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can
from weerbaar.organisations.models import Organisation


def require(actor: Actor, code: str, obj: Any = None) -> None:
    """Refuse with ``PermissionDenied`` unless the policy allows ``code`` (on ``obj``); views answer 404."""
    if not can(actor, code, obj):
        raise PermissionDenied


def acting_user(actor: Actor) -> User:
    if actor.user is None or actor.organisation is None:
        raise PermissionDenied
    return actor.user


def acting_organisation(actor: Actor) -> Organisation:
    if actor.user is None or actor.organisation is None:
        raise PermissionDenied
    return actor.organisation


def require_open(operation: Operation) -> None:
    if operation.status == OperationStatus.CLOSED:
        raise ValidationError(_("This joint action is closed and can no longer be changed."))


def check_public_organisation(organisation: Organisation, field: str = "organisation") -> None:
    """Members are public organisations: a private partner never receives what a joint action holds."""
    if organisation.is_private:
        raise ValidationError(
            {field: _("A private organisation can take part as a partner, but never becomes a member.")}
        )
    if not organisation.is_active:
        raise ValidationError({field: _("This organisation is no longer active.")})


def check_named_user(user: object, organisation: Organisation, field: str = "user") -> User:
    if not isinstance(user, User) or not user.is_active:
        raise ValidationError({field: _("Choose an active account.")})
    if not RoleAssignment.objects.current().filter(user=user, organisation=organisation).exists():
        raise ValidationError({field: _("This person holds no role in the chosen organisation.")})
    if not user.is_screened:
        raise ValidationError({field: _("Only screened people can be members of a joint action.")})
    return user


def insert_audited(*, actor: Actor, obj: Model, details: dict[str, Any]) -> None:
    """Validate and insert a new row; its creation enters the audit trail in the caller's transaction."""
    obj.full_clean()
    obj.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=obj, details=details)
