# SPDX-License-Identifier: EUPL-1.2
"""Area surveys: a questionnaire as data, single-use response links and the anonymous responses.

What is deliberately absent (docs/surveys.md): free-text answers; any link between a response and the link
it came through; the time, address or browser of a response (only its date). A link knows only whether it
has been used, not when.
"""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weerbaar.core.disclosure import THRESHOLD
from weerbaar.core.workflow.history import StatusHistory
from weerbaar.core.workflow.versioning import VersionedModel
from weerbaar.surveys.constants import (
    OPTION_TEXT_MAX,
    QUESTION_TEXT_MAX,
    STAFF_THRESHOLD,
    Purpose,
    QuestionKind,
    Status,
)


class Survey(VersionedModel):
    """A survey of an area partnership (residents and entrepreneurs, threshold 5) or of an organisation (its
    own staff, threshold 10): exactly one of the two owners."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="surveys", null=True, blank=True
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONCEPT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("survey")
        constraints = [
            models.CheckConstraint(
                condition=Q(partnership__isnull=False, organisation__isnull=True)
                | Q(partnership__isnull=True, organisation__isnull=False),
                name="survey_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_staff_survey(self) -> bool:
        return self.organisation_id is not None

    @property
    def threshold(self) -> int:
        """The smallest group whose figures are shown: 10 for an organisation's staff, 5 for an area."""
        return STAFF_THRESHOLD if self.is_staff_survey else THRESHOLD


class SurveyStatusChange(StatusHistory):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)


class Question(models.Model):
    """One question; ``is_group`` marks the survey's one respondent-group question (the breakdowns' columns)."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=QUESTION_TEXT_MAX)
    is_group = models.BooleanField(_("respondent group"), default=False)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["survey"], condition=Q(is_group=True), name="one_group_question_per_survey")
        ]

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField()
    label = models.CharField(_("option"), max_length=OPTION_TEXT_MAX)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label


class ResponseLink(models.Model):
    """A single-use link. Only a hash of its token is kept; the token itself exists only in the download."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)


class Response(models.Model):
    """One set of answers: the survey and the day, nothing else (no link, time, address or browser)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField()


class Answer(models.Model):
    """One chosen option (a multiple-choice question has a row per chosen option)."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="+")
