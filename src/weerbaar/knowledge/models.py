# SPDX-License-Identifier: EUPL-1.2
"""Barrier models (versioned) and anonymised practice cases.

A barrier model is a stable identity (``BarrierModel``: owner organisation, sharing) with a chain of
immutable versions (``BarrierModelVersion``); each version holds its own steps, each step its barriers,
each barrier its instrument references. Editing never changes a version: it writes the next one, so every
earlier version stays readable with who made it and why. A barrier keeps its ``key`` across versions.
"""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.versioning import VersionedModel
from weerbaar.knowledge.constants import (
    LABEL_MAX,
    TEXT_MAX,
    TITLE_MAX,
    FacilitatorKind,
    InstrumentKind,
    Phenomenon,
    ScanTopic,
)
from weerbaar.organisations.constants import OrganisationType


class BarrierModel(VersionedModel):
    """``version`` (optimistic locking) is also the number of the current content version."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="barrier_models"
    )
    phenomenon = models.CharField(_("phenomenon"), max_length=40, choices=Phenomenon.choices)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    shared = models.BooleanField(_("shared with all organisations"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("barrier model")

    def __str__(self) -> str:
        return self.title

    @property
    def current(self) -> "BarrierModelVersion":
        return self.versions.get(number=self.version)


class BarrierModelVersion(models.Model):
    barrier_model = models.ForeignKey(BarrierModel, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    phenomenon = models.CharField(_("phenomenon"), max_length=40, choices=Phenomenon.choices)
    summary = models.TextField(_("summary"), max_length=TEXT_MAX, blank=True)
    change_note = models.CharField(_("what changed"), max_length=LABEL_MAX, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["barrier_model", "number"], name="one_version_number")]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


class Step(models.Model):
    """One step of the criminal business process, with what criminals need and who facilitates it."""

    model_version = models.ForeignKey(BarrierModelVersion, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField()
    name = models.CharField(_("step"), max_length=LABEL_MAX)
    needs = models.TextField(_("what criminals need"), max_length=TEXT_MAX, blank=True)
    facilitators = models.TextField(_("facilitators"), max_length=TEXT_MAX, blank=True)
    facilitator_kind = models.CharField(
        _("facilitators are"), max_length=10, choices=FacilitatorKind.choices, default=FacilitatorKind.BOTH
    )

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Barrier(models.Model):
    key = models.UUIDField(default=uuid4, editable=False, db_index=True)
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="barriers")
    position = models.PositiveIntegerField()
    description = models.TextField(_("barrier"), max_length=TEXT_MAX)
    owner_type = models.CharField(_("owned by"), max_length=30, choices=OrganisationType.choices)
    instruments = models.TextField(_("instruments"), max_length=TEXT_MAX, blank=True)
    #: The keys of the resilience scan's processes and themes this barrier protects (``ScanTopic``): where one
    #: of them scores weakly, the scan recommends the barrier.
    topics = models.JSONField(_("protects in the resilience scan"), default=list, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.description[:80]

    def topic_labels(self) -> list[str]:
        """The names of the scan topics it protects, in the scan's order."""
        labels = dict(ScanTopic.choices)
        return [str(labels[key]) for key in self.topics if key in labels]


class InstrumentRef(models.Model):
    barrier = models.ForeignKey(Barrier, on_delete=models.CASCADE, related_name="references")
    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices)
    label = models.CharField(_("label"), max_length=LABEL_MAX)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.label


class PracticeCase(VersionedModel):
    """An anonymised account of what happened and what was learned (the content check refuses identifiers)."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="practice_cases"
    )
    phenomenon = models.CharField(_("phenomenon"), max_length=40, choices=Phenomenon.choices)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    what_happened = models.TextField(_("what happened"), max_length=TEXT_MAX)
    lessons = models.TextField(_("lessons learned"), max_length=TEXT_MAX)
    barrier_keys = models.JSONField(_("linked barriers"), default=list, blank=True)
    shared = models.BooleanField(_("shared with all organisations"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("practice case")

    def __str__(self) -> str:
        return self.title
