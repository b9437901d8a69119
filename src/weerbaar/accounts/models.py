# SPDX-License-Identifier: EUPL-1.2
from typing import Any
from uuid import uuid4

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin

from weerbaar.accounts.constants import Role, ScreeningStatus


class User(AbstractUser):  # type: ignore[django-manager-missing]  # django-otp Device.user has no related_name
    """A person with an account. Roles are held per organisation through :class:`RoleAssignment`."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    screening_status = models.CharField(
        _("screening status"), max_length=20, choices=ScreeningStatus.choices, default=ScreeningStatus.UNKNOWN
    )
    screening_valid_until = models.DateField(_("screening valid until"), null=True, blank=True)
    #: Changing this invalidates every session of the user (log out everywhere, deactivation, MFA reset).
    security_stamp = models.UUIDField(default=uuid4, editable=False)
    deactivated_at = models.DateTimeField(null=True, blank=True, editable=False)
    #: The employing organisation; its functional administrators manage this account.
    home_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    #: Set when an administrator issued a temporary password; the user must choose a new one first.
    password_change_required = models.BooleanField(default=False)

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        key_salt = "weerbaar.accounts.User.session_auth_hash"
        return salted_hmac(
            key_salt, f"{self.password}:{self.security_stamp}", secret=secret, algorithm="sha256"
        ).hexdigest()

    @property
    def is_screened(self) -> bool:
        if self.screening_status != ScreeningStatus.PASSED:
            return False
        return self.screening_valid_until is None or self.screening_valid_until >= timezone.localdate()

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    def current(self) -> "RoleAssignmentQuerySet":
        today = timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=today),
            Q(valid_until__isnull=True) | Q(valid_until__gte=today),
            organisation__is_active=True,
        )


class RoleAssignment(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_role_per_organisation"),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="role_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} @ {self.organisation}"


def backup_code_hash(code: str) -> str:
    normalised = code.strip().lower().replace("-", "").replace(" ", "")
    return salted_hmac("weerbaar.accounts.backup-code", normalised, algorithm="sha256").hexdigest()


class BackupCodeDevice(ThrottlingMixin, Device):
    """Single-use backup codes, stored only as keyed hashes (unlike django-otp's static tokens)."""

    def get_throttle_factor(self) -> int:
        return 1

    def verify_token(self, token: Any) -> bool:
        allowed, _info = self.verify_is_allowed()
        if not allowed:
            return False
        code = self.codes.filter(code_hash=backup_code_hash(str(token)), used_at__isnull=True).first()
        if code is None:
            self.throttle_increment()
            return False
        code.used_at = timezone.now()
        code.save(update_fields=["used_at"])
        self.throttle_reset()
        return True

    def remaining(self) -> int:
        return self.codes.filter(used_at__isnull=True).count()


class BackupCode(models.Model):
    device = models.ForeignKey(BackupCodeDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)
