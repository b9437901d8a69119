# SPDX-License-Identifier: EUPL-1.2
"""The KVO certification cycle of an area partnership (area A): rounds, measurements, inspection walks
with findings and photos, the measures matrix, audits, certificates and working-group meetings.

Nothing here points at area B or C. Figures of the platform are stored as the suppressed snapshot the
partnerships' trend gave at the time (never signals). Who may see what is in ``scopes.py``; every page
declares the data class it shows (docs/certification.md).
"""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.certification.constants import (
    TEXT_MAX,
    ActionStatus,
    AuditResult,
    CertificateLevel,
    CertificationBody,
    MeasurementKind,
    MeasureStatus,
    Phase,
    ReminderKind,
    Theme,
    TimeOfDay,
)
from weerbaar.core.workflow.history import AppendOnlyModel, StatusHistory
from weerbaar.core.workflow.versioning import VersionedModel
from weerbaar.partnerships.models import _latitude, _longitude


class StoredFile(models.Model):
    """A file checked and cleaned by ``core.uploads`` and kept under ``MEDIA_ROOT/certification``."""

    stored_name = models.CharField(max_length=80, blank=True, editable=False)
    content_type = models.CharField(max_length=40, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True

    @property
    def has_file(self) -> bool:
        return bool(self.stored_name)


class CertificationCycle(VersionedModel):
    """One round of certification of a partnership (round 1 earns the first star)."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="certification_cycles"
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    phase = models.CharField(_("phase"), max_length=30, choices=Phase.choices, default=Phase.OPZET)
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["partnership", "-round"]
        verbose_name = _("certification cycle")
        constraints = [models.UniqueConstraint(fields=["partnership", "round"], name="one_cycle_per_round")]

    def __str__(self) -> str:
        return f"{self.partnership} ({self.round})"


class PhaseChange(StatusHistory):
    cycle = models.ForeignKey(CertificationCycle, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=30, choices=Phase.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=Phase.choices)


class Measurement(models.Model):
    """A 0-meting or 1-meting: the platform's own suppressed counts of the area at the time, plus the
    figures the participants typed in."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(CertificationCycle, on_delete=models.CASCADE, related_name="measurements")
    kind = models.CharField(_("kind"), max_length=10, choices=MeasurementKind.choices)
    taken_on = models.DateField(_("measured on"), default=timezone.localdate)
    #: ``partnerships.trends.area_trend`` as it was: quarters and per phenomenon the suppressed cells.
    platform_figures = models.JSONField(default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["taken_on", "id"]
        verbose_name = _("measurement")


class Figure(models.Model):
    """An incident figure a participant supplied: theme, period, count and source."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="figures")
    participant = models.ForeignKey("partnerships.Participant", on_delete=models.PROTECT, related_name="+")
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    period = models.CharField(_("period"), max_length=40)
    count = models.PositiveIntegerField(_("count"))
    source = models.CharField(_("source"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["participant__organisation__name", "theme", "id"]
        verbose_name = _("figure")


class InspectionWalk(models.Model):
    """A *schouw*: a walk through the area by day or after dark."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(CertificationCycle, on_delete=models.CASCADE, related_name="walks")
    walked_on = models.DateField(_("date"))
    time_of_day = models.CharField(_("by day or after dark"), max_length=10, choices=TimeOfDay.choices)
    participants_present = models.ManyToManyField(
        "partnerships.Participant", verbose_name=_("participants present"), related_name="+", blank=True
    )
    route = models.TextField(_("route"), max_length=TEXT_MAX)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-walked_on", "-id"]
        verbose_name = _("inspection walk")


class Finding(models.Model):
    """What a walk found, roughly where (about 100 m); may become a measure."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    walk = models.ForeignKey(InspectionWalk, on_delete=models.CASCADE, related_name="findings")
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    description = models.TextField(_("what was found"), max_length=TEXT_MAX)
    latitude = _latitude()
    longitude = _longitude()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("finding")

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class FindingPhoto(StoredFile):
    """A photo of a finding. It may show people or licence plates: personal data (docs/certification.md)."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="photos")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Measure(VersionedModel, StoredFile):
    """One row of the measures matrix: theme, measure, owner, executor, deadline, status, evidence."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(CertificationCycle, on_delete=models.CASCADE, related_name="measures")
    theme = models.CharField(_("theme"), max_length=30, choices=Theme.choices)
    title = models.CharField(_("measure"), max_length=200)
    description = models.TextField(_("explanation"), max_length=TEXT_MAX, blank=True)
    owner = models.ForeignKey(
        "partnerships.Participant", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    executor = models.ForeignKey(
        "partnerships.Participant", verbose_name=_("executor"), on_delete=models.PROTECT, related_name="+"
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.GEPLAND)
    evidence = models.TextField(_("evidence"), max_length=TEXT_MAX, blank=True)
    finding = models.ForeignKey(
        Finding,
        verbose_name=_("from finding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="measures",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["theme", "deadline", "id"]
        verbose_name = _("measure")

    def __str__(self) -> str:
        return self.title

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence.strip()) or self.has_file


class MeasureStatusChange(StatusHistory):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=MeasureStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=MeasureStatus.choices)


class Audit(StoredFile):
    """An audit by the certification body: application, site visit, findings, result and report."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(CertificationCycle, on_delete=models.CASCADE, related_name="audits")
    body = models.CharField(_("certification body"), max_length=20, choices=CertificationBody.choices)
    applied_on = models.DateField(_("applied on"))
    site_visit_on = models.DateField(_("site visit on"), null=True, blank=True)
    auditor = models.CharField(_("auditor"), max_length=200, blank=True)
    findings = models.TextField(_("findings of the audit"), max_length=TEXT_MAX, blank=True)
    result = models.CharField(_("result"), max_length=10, choices=AuditResult.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-applied_on", "-id"]
        verbose_name = _("audit")


class Certificate(models.Model):
    """The certificate of one round: level, star, scheme, validity and who issued it."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    cycle = models.OneToOneField(CertificationCycle, on_delete=models.CASCADE, related_name="certificate")
    level = models.CharField(_("level"), max_length=10, choices=CertificateLevel.choices)
    stars = models.PositiveSmallIntegerField(_("stars"))
    scheme_version = models.CharField(_("scheme version"), max_length=20)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"))
    issued_by = models.CharField(_("issued by"), max_length=20, choices=CertificationBody.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("certificate")


class ReminderSent(AppendOnlyModel):
    """That a reminder of a certificate was mailed, so the periodic job sends each one once."""

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="reminders_sent")
    kind = models.CharField(max_length=30, choices=ReminderKind.choices)
    #: The date the reminder is about (the end of validity, or the evaluation's anniversary).
    due_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["certificate", "kind", "due_on"], name="one_reminder_per_due_date")
        ]


class WorkingGroupMeeting(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(CertificationCycle, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("date"))
    agenda = models.TextField(_("agenda"), max_length=TEXT_MAX)
    decisions = models.TextField(_("decisions"), max_length=TEXT_MAX, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("working-group meeting")


class ActionPoint(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    meeting = models.ForeignKey(WorkingGroupMeeting, on_delete=models.CASCADE, related_name="action_points")
    description = models.CharField(_("action point"), max_length=500)
    owner = models.ForeignKey(
        "partnerships.Participant", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    measures = models.ManyToManyField(Measure, verbose_name=_("measures"), related_name="action_points", blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action point")
