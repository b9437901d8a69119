# SPDX-License-Identifier: EUPL-1.2
"""Append-only, tamper-evident audit trail.

Each event carries its own keyed hash, ``hash = HMAC(AUDIT_CHAIN_KEY, prev_hash || canonical(event))``,
written in the business transaction without any lock. ``prev_hash`` is empty for events written since
sealing was introduced; older events keep the chain link they were written with, which their hash covers.

The sealer (``weerbaar.audit.sealing``) later seals committed events in id order, in batches: each
:class:`AuditSeal` holds the Merkle root of its batch and is chained, keyed, to the seal before it.
Changing, inserting, removing or reordering an event breaks its batch; ``verify_audit`` names the first
broken link. Updates and deletes are refused by the models, the querysets and database triggers.
"""

from typing import Any, NoReturn
from uuid import uuid4

from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.audit.constants import AuditAction


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet[M: models.Model](models.QuerySet[M]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit rows cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit rows cannot be deleted.")


class AuditEventQuerySet(AppendOnlyQuerySet["AuditEvent"]):
    pass


class AuditSealQuerySet(AppendOnlyQuerySet["AuditSeal"]):
    pass


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
    #: The chain link of events written before sealing; empty for newer events.
    prev_hash = models.CharField(max_length=64, blank=True)
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


class AuditSeal(models.Model):
    """One sealed batch: the events with ids after the previous seal's ``last_event_id`` up to this one's.

    ``root = HMAC(AUDIT_CHAIN_KEY, seq | prev_root | merkle_root | first | last | count | sealed_at)``:
    the seals form one keyed chain; ``prev_root`` and ``seq`` are unique, so the chain cannot fork.
    """

    seq = models.PositiveBigIntegerField(unique=True)
    sealed_at = models.DateTimeField()
    first_event_id = models.BigIntegerField()
    last_event_id = models.BigIntegerField(unique=True)
    #: The ids in the batch, in order: names an event that went missing or was added (sequence gaps are normal).
    event_ids = models.JSONField(default=list)
    count = models.PositiveIntegerField()
    merkle_root = models.CharField(max_length=64)
    prev_root = models.CharField(max_length=64, unique=True)
    root = models.CharField(max_length=64, unique=True)

    objects = AuditSealQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit seal")
        verbose_name_plural = _("audit seals")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit seals cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit seals cannot be deleted.")
