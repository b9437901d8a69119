# SPDX-License-Identifier: EUPL-1.2
"""Awareness training: modules authored in the product, their assignment to roles or departments, and the
attempts of staff members with their scores.

A module is edited while it is a draft and frozen once published; a changed module is published as a new
version (a new row with ``previous`` pointing back), so an attempt always refers to the text its taker saw.
"""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Role
from weerbaar.training.constants import DEFAULT_PASS_MARK, TEXT_MAX, ModuleStatus


class Department(models.Model):
    """A department of an organisation: the group over which completion is counted."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="training_departments"
    )
    name = models.CharField(_("name"), max_length=120)
    managers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="managed_departments", blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="department_name_unique")]

    def __str__(self) -> str:
        return self.name


class DepartmentMember(models.Model):
    """A staff member's department; one department per person per organisation."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="departments")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["department", "user"], name="department_member_unique")]


class Module(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.CASCADE,
        related_name="training_modules",
        null=True,
        blank=True,
        help_text="Empty for a module shipped with the product, available to every municipality.",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    status = models.CharField(_("status"), max_length=20, choices=ModuleStatus.choices, default=ModuleStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=DEFAULT_PASS_MARK)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "-version", "id"]
        verbose_name = _("training module")

    def __str__(self) -> str:
        return self.title


class Page(models.Model):
    """One page of text: paragraphs separated by a blank line, shown as plain text (never as HTML)."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="pages")
    position = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), max_length=TEXT_MAX)
    image = models.BinaryField(null=True, blank=True, editable=False)
    image_type = models.CharField(max_length=40, blank=True)
    image_alt = models.CharField(_("text alternative of the image"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(image__isnull=True) | ~Q(image_alt=""), name="page_image_needs_alt")
        ]

    def __str__(self) -> str:
        return self.title

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.split("\n\n") if p.strip()]


class Scenario(models.Model):
    """A scenario question: a situation, a question and options, each with its own feedback."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="scenarios")
    position = models.PositiveIntegerField()
    situation = models.TextField(_("situation"), max_length=TEXT_MAX)
    question = models.CharField(_("question"), max_length=300)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.question


class ScenarioOption(models.Model):
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveIntegerField()
    text = models.CharField(_("option"), max_length=300)
    correct = models.BooleanField(_("right answer"), default=False)
    feedback = models.TextField(_("feedback"), max_length=1000)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class DilemmaCard(models.Model):
    """A dilemma for an integrity session: no right answer, only considerations to talk through."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="dilemmas")
    position = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=200)
    dilemma = models.TextField(_("dilemma"), max_length=TEXT_MAX)
    considerations = models.TextField(_("considerations"), max_length=TEXT_MAX)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    def consideration_list(self) -> list[str]:
        return [line.strip() for line in self.considerations.splitlines() if line.strip()]


class Assignment(models.Model):
    """A module assigned to everyone holding a role, or to everyone in a department, of one organisation."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="training_assignments"
    )
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices, blank=True)
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments"
    )
    due_date = models.DateField(_("due date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(role="") & Q(department__isnull=False)) | (~Q(role="") & Q(department__isnull=True)),
                name="assignment_role_or_department",
            )
        ]


class Attempt(models.Model):
    """One completed attempt at a module: its score (share of scenario questions answered well)."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="attempts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_attempts")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField()
    passed = models.BooleanField()
    #: The option chosen per scenario (scenario id → option id, as text): the taker's feedback page.
    answers = models.JSONField(default=dict)
    completed_at = models.DateTimeField()

    class Meta:
        ordering = ["-completed_at", "-id"]
        indexes = [models.Index(fields=["organisation", "module", "passed"], name="attempt_org_module_passed")]


class Reminder(models.Model):
    """That a reminder for an overdue assignment went to a person, so the command sends it once."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assignment", "user"], name="reminder_once")]
