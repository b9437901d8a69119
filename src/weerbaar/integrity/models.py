# SPDX-License-Identifier: EUPL-1.2
"""Confidential pressure and integrity reports: a staff member tells the integrity coordinator of his own
organisation that he is under pressure, was offered something or sees a conflict of interest.

Nothing here points into area B or C: a report handed over keeps the number of the incident or signal it
became (one way); the incident or signal keeps nothing of the report.
"""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.history import AppendOnlyModel, StatusHistory
from weerbaar.core.workflow.versioning import VersionedModel
from weerbaar.integrity.constants import ACCOUNT_MAX, NOTE_MAX, Kind, Status, WhenHappened


class PressureReport(VersionedModel):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    #: The organisation the reporter acted for: its integrity coordinator, and nobody else, handles it.
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("what is it about"), max_length=12, choices=Kind.choices)
    when = models.CharField(_("when"), max_length=12, choices=WhenHappened.choices)
    account = models.TextField(_("what happened"), max_length=ACCOUNT_MAX)
    contact = models.CharField(_("how and when to reach you"), max_length=200, blank=True)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.ONTVANGEN)
    received_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    #: One-way notes for the coordinator: the number of the incident or signal the report was handed over as.
    incident_number = models.CharField(max_length=20, blank=True)
    signal_number = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return self.reference


class ReportStatusChange(StatusHistory):
    report = models.ForeignKey(PressureReport, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=14, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=14, choices=Status.choices)


class ReportNote(AppendOnlyModel):
    """The coordinator's own note on a report (a conversation, advice given); append-only, never shown to
    the reporter."""

    report = models.ForeignKey(PressureReport, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("note"), max_length=NOTE_MAX)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]


class DeletionRecord(models.Model):
    """What retention destroyed: the reference, the kind, the final status, the year of receipt, the day of
    closure and the rule. Nothing of the reporter or of what was told. The organisation and the kind keep the
    council's counts per kind and year whole after a report is gone."""

    reference = models.CharField(max_length=20)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    final_status = models.CharField(max_length=14, choices=Status.choices)
    received_year = models.PositiveSmallIntegerField()
    closed_on = models.DateField(null=True, blank=True)
    rule = models.CharField(max_length=60)
    deleted_at = models.DateTimeField()

    class Meta:
        ordering = ["-deleted_at", "-id"]
