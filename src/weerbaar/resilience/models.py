# SPDX-License-Identifier: EUPL-1.2
"""The resilience scan: a versioned questionnaire (model, topics, questions), a scan per organisation with
its respondents' answers, exposure ratings and improvement actions.

An answer belongs to one respondent's assignment; pages outside the assignment show only consolidated
scores (``selectors.scan_scores``), never one answer (docs/resilience.md).
"""

from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.history import StatusHistory
from weerbaar.core.workflow.versioning import VersionedModel
from weerbaar.resilience.constants import (
    EVIDENCE_MAX,
    EXPOSURE_DEFAULT,
    EXPOSURE_MAX,
    EXPOSURE_MIN,
    LEVEL_MAX,
    LEVEL_MIN,
    TEXT_MAX,
    ActionStatus,
    AssignmentStatus,
    ScanStatus,
    TopicKind,
)


class ScanModel(models.Model):
    """One version of the questionnaire. Published versions are never edited: a new wording is a new version."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("scan model")

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Topic(models.Model):
    """A vulnerable process or a cross-cutting theme, with the measures recommended when it scores weakly."""

    scan_model = models.ForeignKey(ScanModel, on_delete=models.CASCADE, related_name="topics")
    kind = models.CharField(_("kind"), max_length=10, choices=TopicKind.choices)
    key = models.SlugField(_("key"), max_length=50)
    name = models.CharField(_("name"), max_length=200)
    description = models.CharField(_("description"), max_length=500, blank=True)
    position = models.PositiveIntegerField()
    measures = models.JSONField(_("recommended measures"), default=list, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["scan_model", "key"], name="resilience_topic_key_unique")]

    def __str__(self) -> str:
        return self.name


class ScanQuestion(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="questions")
    key = models.SlugField(_("key"), max_length=50)
    position = models.PositiveIntegerField()
    text = models.CharField(_("question"), max_length=500)
    guidance = models.CharField(_("guidance"), max_length=1000, blank=True)
    #: Five descriptors, one per maturity level 0 to 4.
    levels = models.JSONField(_("level descriptors"))
    evidence_requested = models.BooleanField(_("evidence requested"), default=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["topic", "key"], name="resilience_question_key_unique")]

    def __str__(self) -> str:
        return self.text


class Scan(VersionedModel):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    scan_model = models.ForeignKey(ScanModel, on_delete=models.PROTECT, related_name="scans")
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=ScanStatus.choices, default=ScanStatus.OPEN)
    #: The scan this one repeats (a re-scan): the trend compares the two.
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rescans",
        verbose_name=_("previous scan"),
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        verbose_name = _("resilience scan")
        indexes = [models.Index(fields=["organisation", "status"], name="resilience_scan_org_status")]

    def __str__(self) -> str:
        return self.title


class Exposure(models.Model):
    """How exposed a process is in this organisation (1 to 3): the weight of its score in the total."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="exposures")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("exposure"),
        default=EXPOSURE_DEFAULT,
        validators=[MinValueValidator(EXPOSURE_MIN), MaxValueValidator(EXPOSURE_MAX)],
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scan", "topic"], name="resilience_exposure_unique")]


class Assignment(models.Model):
    """One respondent answering one topic of a scan."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="assignments")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="+")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.DRAFT
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    #: The mean of the respondent's levels, fixed when he submits: the figures aggregate over assignments,
    #: not over every answer again.
    score = models.FloatField(_("score"), null=True, blank=True)

    class Meta:
        ordering = ["topic__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["scan", "topic", "respondent"], name="resilience_assignment_unique")
        ]
        indexes = [
            models.Index(fields=["respondent", "status"], name="resilience_assignment_resp"),
            models.Index(fields=["scan", "status"], name="resilience_assignment_scan"),
        ]


class Answer(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(ScanQuestion, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("level"), null=True, blank=True, validators=[MinValueValidator(LEVEL_MIN), MaxValueValidator(LEVEL_MAX)]
    )
    evidence = models.TextField(_("evidence"), max_length=EVIDENCE_MAX, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "question"], name="resilience_answer_unique")]


class ImprovementAction(VersionedModel):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="actions")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=TEXT_MAX, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("improvement action")
        indexes = [models.Index(fields=["scan", "status"], name="resilience_action_scan_status")]

    def __str__(self) -> str:
        return self.title


class ActionStatusChange(StatusHistory):
    action = models.ForeignKey(ImprovementAction, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ActionStatus.choices)
