# SPDX-License-Identifier: EUPL-1.2
"""Writes about people, roles and second factors. Each audits itself in the same transaction."""

import secrets
from datetime import date
from typing import Any
from uuid import uuid4

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts.constants import REASON_MIN_LENGTH, Role, role_allowed_at
from weerbaar.accounts.models import BackupCode, BackupCodeDevice, RoleAssignment, User, backup_code_hash
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.notifications.services import outbox_enqueue
from weerbaar.organisations.models import Organisation

BACKUP_CODE_COUNT = 10
USER_EDITABLE_FIELDS = ("first_name", "last_name", "email", "screening_status", "screening_valid_until")
# Unambiguous alphabet for passwords and codes people have to type.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _random_string(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def temporary_password() -> str:
    """A one-time password of 4 groups of 5 characters (about 98 bits)."""
    return "-".join(_random_string(5) for _ in range(4))


def _notify(user: User, subject: str, body: str) -> None:
    if user.email:
        outbox_enqueue(recipient=user.email, subject=subject, body=body)


@transaction.atomic
def user_create(
    *,
    actor: Actor | None,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    home_organisation: Organisation,
    role: str,
    screening_status: str = "onbekend",
    screening_valid_until: date | None = None,
    password: str | None = None,
) -> tuple[User, str]:
    """Create an account with one role; returns the user and the temporary password to hand over once."""
    issued = password or temporary_password()
    user = User(
        username=username,
        first_name=first_name,
        last_name=last_name,
        email=email,
        home_organisation=home_organisation,
        screening_status=screening_status,
        screening_valid_until=screening_valid_until,
        password_change_required=password is None,
    )
    user.set_password(issued)
    user.full_clean()
    user.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=user)
    role_assign(actor=actor, user=user, organisation=home_organisation, role=role)
    return user, issued


@transaction.atomic
def user_update(*, actor: Actor, user: User, data: dict[str, Any]) -> User:
    changed = [name for name in USER_EDITABLE_FIELDS if name in data and getattr(user, name) != data[name]]
    for name in changed:
        setattr(user, name, data[name])
    if not changed:
        return user
    user.full_clean()
    user.save(update_fields=changed)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=user, details={"fields": sorted(changed)})
    return user


@transaction.atomic
def role_assign(
    *,
    actor: Actor | None,
    user: User,
    organisation: Organisation,
    role: str,
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> RoleAssignment:
    """Give ``user`` a role at ``organisation``, if that organisation's type may hold it.

    The type check applies to every assignment a person makes. Without an actor (the system's own
    fixtures) it is skipped: the permission layer still strips what a role may not grant at a private
    partner, and the authorization tests rely on building every role everywhere to prove that.
    """
    if actor is not None and not role_allowed_at(role, organisation.type):
        raise ValidationError(
            {
                "role": _("A %(type)s cannot hold the role “%(role)s”.")
                % {"type": organisation.get_type_display().lower(), "role": Role(role).label}
            }
        )
    assignment = RoleAssignment(
        user=user, organisation=organisation, role=role, valid_from=valid_from, valid_until=valid_until
    )
    assignment.full_clean()
    assignment.save(force_insert=True)
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=assignment,
        details={"role": role, "user": str(user.uuid), "organisation": str(organisation.uuid)},
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor: Actor, assignment: RoleAssignment) -> None:
    details = {"role": assignment.role, "user": str(assignment.user.uuid)}
    audit_event_record(actor=actor, action=AuditAction.DELETE, obj=assignment, details=details)
    assignment.delete()


def _rotate_security_stamp(user: User) -> None:
    user.security_stamp = uuid4()


def _require_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if len(reason) < REASON_MIN_LENGTH:
        raise ValidationError({"reason": _("Give a reason of at least %(n)d characters.") % {"n": REASON_MIN_LENGTH}})
    return reason


def _refuse_own_account(actor: Actor, user: User) -> None:
    # Locking oneself out needs a second administrator, who can also undo it.
    if actor.user is not None and actor.user.pk == user.pk:
        raise ValidationError(_("You cannot do this to your own account."))


@transaction.atomic
def user_deactivate(*, actor: Actor, user: User, reason: str) -> User:
    _refuse_own_account(actor, user)
    reason = _require_reason(reason)
    user.is_active = False
    user.deactivated_at = timezone.now()
    _rotate_security_stamp(user)
    user.save(update_fields=["is_active", "deactivated_at", "security_stamp"])
    audit_event_record(
        actor=actor, action=AuditAction.UPDATE, obj=user, details={"fields": ["is_active"], "reason": reason}
    )
    _notify(
        user,
        _("Your Weerbaar account was deactivated"),
        _(
            "An administrator has deactivated your account; you can no longer log in. If you did not expect "
            "this, contact your administrator."
        ),
    )
    return user


@transaction.atomic
def user_reactivate(*, actor: Actor, user: User) -> User:
    user.is_active = True
    user.deactivated_at = None
    user.save(update_fields=["is_active", "deactivated_at"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=user, details={"fields": ["is_active"]})
    return user


@transaction.atomic
def user_logout_everywhere(*, actor: Actor, user: User, reason: str | None = None) -> None:
    """End every session of the user, on every device (the stamp is part of the session hash).

    A reason is required when an administrator does this to someone else, not when people log out
    everywhere themselves."""
    if actor.user is None or actor.user.pk != user.pk:
        reason = _require_reason(reason)
    _rotate_security_stamp(user)
    user.save(update_fields=["security_stamp"])
    audit_event_record(
        actor=actor, action=AuditAction.LOGOUT_EVERYWHERE, obj=user, details={"reason": reason} if reason else None
    )


@transaction.atomic
def user_reset_mfa(*, actor: Actor, user: User, reason: str) -> None:
    """Remove all second factors; the user enrols again at the next log-in. Sessions end."""
    _refuse_own_account(actor, user)
    reason = _require_reason(reason)
    TOTPDevice.objects.filter(user=user).delete()
    BackupCodeDevice.objects.filter(user=user).delete()
    _rotate_security_stamp(user)
    user.save(update_fields=["security_stamp"])
    audit_event_record(actor=actor, action=AuditAction.MFA_RESET, obj=user, details={"reason": reason})
    _notify(
        user,
        _("Your second factor for Weerbaar was reset"),
        _(
            "An administrator has reset your second factor. At your next log-in you will set up your "
            "authenticator app again. If you did not ask for this, contact your administrator at once."
        ),
    )


@transaction.atomic
def user_reset_password(*, actor: Actor, user: User, reason: str) -> str:
    """Issue a temporary password to hand over in person; it must be changed at the next log-in."""
    reason = _require_reason(reason)
    issued = temporary_password()
    user.set_password(issued)
    user.password_change_required = True
    _rotate_security_stamp(user)
    user.save(update_fields=["password", "password_change_required", "security_stamp"])
    audit_event_record(
        actor=actor, action=AuditAction.UPDATE, obj=user, details={"fields": ["password"], "reason": reason}
    )
    _notify(
        user,
        _("A temporary password was issued for your Weerbaar account"),
        _(
            "An administrator has issued you a temporary password; they give it to you in person or by phone, "
            "never by e-mail. If you did not ask for this, contact your administrator at once."
        ),
    )
    return issued


@transaction.atomic
def user_set_password(*, actor: Actor | None, user: User, password: str) -> None:
    validate_password(password, user)
    user.set_password(password)
    user.password_change_required = False
    user.save(update_fields=["password", "password_change_required"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=user, details={"fields": ["password"]})


# --- Second factor ---------------------------------------------------------------------------------


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """The unconfirmed authenticator being set up (created on first call, reused after)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


@transaction.atomic
def totp_device_confirm(*, actor: Actor | None, user: User, token: str) -> tuple[TOTPDevice, list[str]] | None:
    """Confirm the device with a first code; returns it and fresh backup codes, or None if the code is wrong."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = backup_codes_regenerate(actor=None, user=user)
    audit_event_record(actor=actor, action=AuditAction.MFA_ENROLLED, obj=user)
    return device, codes


@transaction.atomic
def backup_codes_regenerate(*, actor: Actor | None, user: User) -> list[str]:
    """Replace all backup codes; each works once. Returned only now; stored only as keyed hashes."""
    device, _created = BackupCodeDevice.objects.get_or_create(user=user, name="backup", defaults={"confirmed": True})
    device.codes.all().delete()
    codes = [f"{_random_string(5)}-{_random_string(5)}" for _ in range(BACKUP_CODE_COUNT)]
    BackupCode.objects.bulk_create([BackupCode(device=device, code_hash=backup_code_hash(code)) for code in codes])
    if actor is not None:
        audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=user, details={"fields": ["backup_codes"]})
    return codes


def demo_totp_device_set(*, user: User, secret_hex: str) -> TOTPDevice:
    """Demo data only: a confirmed authenticator with a known secret."""
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True, key=secret_hex)
