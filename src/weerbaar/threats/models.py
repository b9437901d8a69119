# SPDX-License-Identifier: EUPL-1.2
"""Area C data. Kept apart from signals and cases: no foreign key to or from area B.

The home address is stored only as a Fernet token (see ``crypto.py``); the perpetrator only as sealed
marks (keyed hashes, see ``perpetrators.py``). Neither has a form field, serializer field or ``__str__``
that could show it.
"""

import secrets
from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.history import AppendOnlyModel, StatusHistory
from weerbaar.core.workflow.versioning import VersionedModel
from weerbaar.threats.constants import (
    AssessmentOutcome,
    Channel,
    CostBearer,
    FiledBy,
    IncidentForm,
    LinkedProcess,
    MeasureDomain,
    Status,
    StepKind,
    StepStatus,
    Target,
    TriState,
    VictimRole,
)

#: No 0/O, 1/I/L, 5/S or 8/B: a number read out over the phone is not misheard.
NUMBER_ALPHABET = "234679ACDEFGHJKMNPQRTUVWXYZ"
NUMBER_LENGTH = 6


def incident_number_new(year: int | None = None) -> str:
    """``D2026-K7XQ4F``: the year and six random characters, so numbers do not reveal how many there are."""
    year = year or timezone.localdate().year
    return f"D{year}-" + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(NUMBER_LENGTH))


vpt_code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$", _("Enter the VPT code as the police gave it (letters, digits, - . /).")
)


class Incident(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    forms = models.JSONField(_("form"), default=list)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    target = models.CharField(_("aimed at"), max_length=20, choices=Target.choices)
    place = models.CharField(_("place"), max_length=200, blank=True)
    occurred_at = models.DateTimeField(_("when did it happen"))
    severity = models.PositiveSmallIntegerField(
        _("severity as experienced"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    description = models.TextField(_("what happened"), max_length=5000)
    perpetrator_description = models.TextField(_("what is known of the perpetrator"), max_length=2000, blank=True)
    linked_process = models.CharField(
        _("linked municipal process"), max_length=30, choices=LinkedProcess.choices, default=LinkedProcess.GEEN
    )
    undermining_related = models.CharField(
        _("related to undermining"), max_length=10, choices=TriState.choices, default=TriState.ONBEKEND
    )
    influenced_decision = models.CharField(
        _("did it influence a decision"), max_length=10, choices=TriState.choices, default=TriState.ONBEKEND
    )
    influence_explanation = models.TextField(_("explanation"), max_length=2000, blank=True)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.GEMELD)
    #: Fernet token (MultiFernet); never decrypted outside ``selectors.incident_home_address``.
    home_address_encrypted = models.TextField(blank=True, editable=False)
    police_report_filed_at = models.DateField(_("police report filed on"), null=True, blank=True)
    police_report_filed_by = models.CharField(_("filed by"), max_length=20, choices=FiledBy.choices, blank=True)
    police_report_vpt_code = models.CharField(_("VPT code"), max_length=40, blank=True, validators=[vpt_code_validator])
    police_report_reference = models.CharField(_("police reference"), max_length=60, blank=True)
    police_report_employer_address = models.BooleanField(_("employer's address used"), default=False)
    #: A legal hold stops destruction at the end of retention (see ``retention.py``).
    legal_hold = models.BooleanField(_("legal hold"), default=False)
    legal_hold_reason = models.CharField(_("reason for the legal hold"), max_length=500, blank=True)
    retention_warned_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")

    def __str__(self) -> str:
        return f"{_('Incident')} {self.reference}"

    @property
    def reference(self) -> str:
        return self.number or str(self.uuid)[:8]

    @property
    def victim_role(self) -> str:
        """The office the person affected held (kept on the person, see :class:`VictimPerson`)."""
        person = getattr(self, "victim_person", None)
        return person.office if person is not None else ""

    def get_victim_role_display(self) -> str:
        return str(dict(VictimRole.choices).get(self.victim_role, self.victim_role))

    def clean(self) -> None:
        forms = self.forms if isinstance(self.forms, list) else []
        if not forms or any(code not in IncidentForm.values for code in forms) or len(set(forms)) != len(forms):
            raise ValidationError({"forms": _("Choose at least one form.")})
        if self.police_report_filed_at and not self.police_report_employer_address:
            raise ValidationError({"police_report_employer_address": _("A police report uses the employer's address.")})

    def get_forms_display(self) -> list[str]:
        labels = dict(IncidentForm.choices)
        return [str(labels.get(code, code)) for code in self.forms]


class VictimPerson(models.Model):
    """The person an incident is aimed at, as they were then: most office holders have no account.

    One per incident, deleted with it (retention); visible exactly where its incident is (``scopes.py``).
    With ``user`` set, the person sees the incident as its victim (self-service).
    """

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    incident = models.OneToOneField(Incident, on_delete=models.CASCADE, related_name="victim_person")
    name = models.CharField(_("name"), max_length=200)
    office = models.CharField(_("office or role"), max_length=20, choices=VictimRole.choices)
    municipality = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("person affected")
        verbose_name_plural = _("persons affected")

    def __str__(self) -> str:
        return self.name


class ThreatAssessment(models.Model):
    """The outcome of the threat-assessment step: what, by whom, when and what is recommended."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="assessments")
    outcome = models.CharField(_("outcome"), max_length=20, choices=AssessmentOutcome.choices)
    assessed_by = models.CharField(_("assessed by (organisation)"), max_length=200)
    assessed_on = models.DateField(_("assessed on"))
    recommended_measures = models.TextField(_("recommended measures"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-created_at"]

    def clean(self) -> None:
        if self.assessed_on and self.assessed_on > timezone.localdate():
            raise ValidationError({"assessed_on": _("This date is in the future.")})


class StatusChange(StatusHistory):
    """The status machine step by step: who, when, why."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=Status.choices)


class Evidence(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="evidence")
    #: Path relative to ``MEDIA_ROOT / "threats"``; a random name, never the uploaded one.
    stored_name = models.CharField(max_length=100, editable=False)
    content_type = models.CharField(max_length=40, editable=False)
    size = models.PositiveIntegerField(editable=False)
    label = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class FollowUpStep(VersionedModel):
    """Versioned: recording it (done, not needed, cancelled) raises the version."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=30, choices=StepKind.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(max_length=20, choices=StepStatus.choices, default=StepStatus.OPEN)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("note"), max_length=1000, blank=True)
    #: When the overdue reminder went out; one reminder per overdue step.
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "pk"]


class ProtectionMeasure(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="measures")
    domain = models.CharField(_("domain"), max_length=20, choices=MeasureDomain.choices)
    description = models.CharField(_("measure"), max_length=300)
    provider = models.CharField(_("provider"), max_length=200)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    cost_bearer = models.CharField(_("cost bearer"), max_length=20, choices=CostBearer.choices)
    review_on = models.DateField(_("review date"))
    #: The review date for which a reminder went out (a new review date gets a new reminder).
    review_reminded_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review_on", "pk"]

    def clean(self) -> None:
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end cannot be before the start.")})


class MeasureChange(AppendOnlyModel):
    """A measure's history: a snapshot after every change, with who, when and why. Not a status history
    (a measure has no status machine), so it keeps its own shape; it shares only the append-only guard."""

    measure = models.ForeignKey(ProtectionMeasure, on_delete=models.CASCADE, related_name="changes")
    snapshot = models.JSONField()
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]


class AccessGrant(models.Model):
    """The victim or the coordinator lets one more named person see it: the mayor, town clerk or HR of the
    own organisation, or someone of the police. The grant holds while that person acts for ``organisation``."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="grants")
    grantee = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]


class PerpetratorMark(models.Model):
    """One sealed feature of what is known of an incident's perpetrator (see ``perpetrators.py``)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="perpetrator_marks")
    feature = models.CharField(max_length=24)
    mark = models.CharField(max_length=64, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["incident", "feature", "mark"], name="one_mark_per_feature")]


class DeletionRecord(models.Model):
    """What retention destroyed, when and by which rule. No personal data and no content of the incident."""

    incident_uuid = models.UUIDField()
    #: The number the pages showed (``D2026-K7XQ4F``).
    reference = models.CharField(max_length=20)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    forms = models.JSONField(default=list)
    final_status = models.CharField(max_length=30, choices=Status.choices)
    reported_on = models.DateField()
    closed_on = models.DateField()
    retention_until = models.DateField()
    rule = models.CharField(max_length=60)
    deleted_at = models.DateTimeField()
    deleted_by = models.CharField(max_length=150)  # "retention task"

    class Meta:
        ordering = ["-deleted_at"]
