# SPDX-License-Identifier: EUPL-1.2
"""Append-only, tamper-evident audit trail.

Each event carries ``hash = HMAC(AUDIT_CHAIN_KEY, prev_hash || canonical(event))``. Changing, inserting
or deleting a row breaks the chain at that row; ``verify_audit`` names the first broken link. Updates and
deletes are refused by the model, the queryset and a database trigger.
"""

from typing import Any, NoReturn
from uuid import uuid4

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.audit.constants import AuditAction


class AppendOnlyError(Exception):
    pass


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    occurred_at = models.DateTimeField(_("time"), db_index=True)
    actor_uuid = models.UUIDField(_("actor"), null=True, blank=True, db_index=True)
    actor_display = models.CharField(_("actor name"), max_length=150, blank=True)
    organisation_uuid = models.UUIDField(_("organisation"), null=True, blank=True, db_index=True)
    organisation_display = models.CharField(_("organisation name"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_uuid = models.UUIDField(_("object"), null=True, blank=True, db_index=True)
    purpose = models.CharField(_("purpose"), max_length=500, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    #: Non-personal metadata only (names of changed fields, counts, filters by code) — never values.
    details = models.JSONField(_("details"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit events cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit events cannot be deleted.")
