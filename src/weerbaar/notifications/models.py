# SPDX-License-Identifier: EUPL-1.2
"""Outbox: mail is written in the same transaction as the change and sent afterwards by the worker."""

from uuid import uuid4

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "wachtend", _("Pending")
    SENT = "verzonden", _("Sent")
    FAILED = "mislukt", _("Failed")


class OutboxMessage(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    status = models.CharField(max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]
