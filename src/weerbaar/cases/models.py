# SPDX-License-Identifier: EUPL-1.2
"""Integrated cases: need-to-know membership, provenance and consent per item, interventions, meetings."""

from decimal import Decimal
from uuid import uuid4

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weerbaar.cases.constants import (
    AccessRequestStatus,
    ActionItemStatus,
    CaseStatus,
    Classification,
    InterventionStatus,
    ItemKind,
    MeetingKind,
    MemberRole,
)
from weerbaar.core.constants import LegalRegime
from weerbaar.core.workflow.history import StatusHistory
from weerbaar.core.workflow.versioning import VersionedModel


class Case(VersionedModel):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True, editable=False)
    #: A working title without personal data (e.g. "Schuur Biezenmortel — drugsafval").
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="owned_cases")
    phenomena = models.JSONField(_("phenomena"), default=list)
    classification = models.CharField(
        _("classification"), max_length=24, choices=Classification.choices, default=Classification.VERTROUWELIJK
    )
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.AANGEMAAKT)
    #: The written proportionality/subsidiarity assessment; police (Wpg) data stays hidden from other members
    #: until it exists.
    assessment = models.TextField(_("proportionality and subsidiarity assessment"), max_length=8000, blank=True)
    assessment_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assessment_at = models.DateTimeField(null=True, blank=True)
    signals = models.ManyToManyField("signals.Signal", blank=True, related_name="cases")
    #: The municipality the case is mainly about (a case started from a signal takes the signal's).
    municipality = models.ForeignKey(
        "geo.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    retention_until = models.DateField(null=True, blank=True)
    police_data_destroyed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "status"]), models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.number or self.title


class CaseStatusChange(StatusHistory):
    """The RIEC work process step by step."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)


class Membership(VersionedModel):
    """A member organisation (``user`` empty: its staff with case access) or a named member (``user`` set).

    Versioned: ending it (or inviting a former member again) raises the version an API client sends back.
    """

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="case_memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=MemberRole.choices, default=MemberRole.DEELNEMER)
    joined_at = models.DateTimeField()
    ends_on = models.DateField(_("member until"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "case"]),
            models.Index(fields=["user", "case"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"], condition=Q(user__isnull=True), name="one_org_membership_per_case"
            ),
            models.UniqueConstraint(
                fields=["case", "user"], condition=Q(user__isnull=False), name="one_named_membership_per_case"
            ),
        ]


class CaseItem(VersionedModel):
    """A note, document, subject or finding with its provenance: who supplied it, under which regime.

    Versioned: every consent the supplier gives raises the version.
    """

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("content"), max_length=20_000, blank=True)
    supplier = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    regime = models.CharField(_("legal regime"), max_length=8, choices=LegalRegime.choices)
    #: The supplier must consent before the item is passed on (shown to a new member, exported).
    consent_required = models.BooleanField(_("onward sharing needs the supplier's consent"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "supplier"])]


class ItemConsent(models.Model):
    """The supplier's consent to show an item to one organisation (or, with ``export``, to export it)."""

    item = models.ForeignKey(CaseItem, on_delete=models.CASCADE, related_name="consents")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    export = models.BooleanField(default=False)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(organisation__isnull=False) | Q(export=True), name="consent_has_scope")
        ]


class AccessRequest(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_requests")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(max_length=10, choices=AccessRequestStatus.choices, default=AccessRequestStatus.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class BibobFile(models.Model):
    """A Bibob file stays its own object (own legal regime); an intervention links it by reference."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    reference = models.CharField(_("Bibob reference"), max_length=40, unique=True)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    subject_description = models.CharField(_("application (permit, subsidy, contract)"), max_length=200)
    advice_requested_on = models.DateField(null=True, blank=True)
    advice_extended = models.BooleanField(default=False)
    conclusion = models.CharField(max_length=20, blank=True)  # ernstig, mindere_mate, geen
    created_at = models.DateTimeField(auto_now_add=True)


class Intervention(VersionedModel):
    """Versioned: a step done, an extended Bibob term or a recorded result raises the version."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interventions")
    type = models.CharField(_("intervention"), max_length=24)  # a key of INTERVENTION_TYPES
    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=InterventionStatus.choices, default=InterventionStatus.GEPLAND
    )
    started_on = models.DateField(_("start"), null=True, blank=True)
    bibob_file = models.ForeignKey(BibobFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # Results (accountability per partner).
    closure_months = models.PositiveSmallIntegerField(_("closure (months)"), null=True, blank=True)
    permit_refused = models.BooleanField(_("permit refused or withdrawn"), default=False)
    amount_levied = models.DecimalField(
        _("amount levied (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    amount_seized = models.DecimalField(
        _("amount seized (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    result_note = models.TextField(_("result"), max_length=4000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class InterventionStep(models.Model):
    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="steps")
    code = models.CharField(max_length=30)
    label = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField()
    due_on = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        indexes = [models.Index(fields=["due_on", "done_on"])]


class Meeting(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    date = models.DateField(_("date"))
    host = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-date"]


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="agenda_items")
    decision = models.TextField(_("decision"), max_length=4000, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="case_once_per_meeting")]


class ActionItem(models.Model):
    """An action agreed in a meeting on one case: owned by a member organisation, optionally by one person."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    #: A local calendar date, compared with ``timezone.localdate()`` (never a datetime at midnight).
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=8, choices=ActionItemStatus.choices, default=ActionItemStatus.OPEN
    )
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["owner", "status"]), models.Index(fields=["assignee", "status"])]


class CaseStatistic(models.Model):
    """What remains after destruction: anonymised figures, no personal or case content."""

    closed_year = models.PositiveSmallIntegerField()
    owner_type = models.CharField(max_length=32)
    phenomena = models.JSONField(default=list)
    interventions = models.JSONField(default=dict)  # type -> count
    member_count = models.PositiveSmallIntegerField()
    destroyed_at = models.DateTimeField()
