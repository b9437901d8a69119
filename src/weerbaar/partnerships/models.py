# SPDX-License-Identifier: EUPL-1.2
"""Area A data: partnerships, their participants with a data-class ceiling, documents, the directory and
area alerts. Nothing here points at area B or C: no signal, case, subject or incident is stored or linked.

Who may see what is written once in ``scopes.py``; the ceiling of a participant in ``ceiling.py``.
"""

import secrets
from decimal import Decimal
from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.versioning import VersionedModel
from weerbaar.partnerships.constants import (
    ALERT_TEXT_MAX,
    ENTRY_TEXT_MAX,
    AlertTheme,
    AreaType,
    DataClass,
    DocumentKind,
    LegalBasis,
)

#: No 0/O, 1/I/L, 5/S or 8/B: a number read out over the phone is not misheard.
NUMBER_ALPHABET = "234679ACDEFGHJKMNPQRTUVWXYZ"
NUMBER_LENGTH = 6


def number_new(prefix: str, year: int | None = None) -> str:
    """``G2026-K7XQ4F`` (a partnership) or ``B2026-…`` (an alert): the year and six random characters."""
    year = year or timezone.localdate().year
    return f"{prefix}{year}-" + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(NUMBER_LENGTH))


def _latitude() -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        _("latitude"),
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("50.7")), MaxValueValidator(Decimal("53.6"))],
    )


def _longitude() -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        _("longitude"),
        max_digits=6,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("3.3")), MaxValueValidator(Decimal("7.3"))],
    )


class Partnership(VersionedModel):
    """One area partnership: its area, agreements and the people who run it."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    area_type = models.CharField(_("kind of area"), max_length=20, choices=AreaType.choices)
    municipalities = models.ManyToManyField(
        "geo.Municipality", verbose_name=_("municipalities"), related_name="+", blank=True
    )
    #: The area as a GeoJSON geometry (Polygon or MultiPolygon, WGS84), composed from the municipalities'
    #: boundaries or drawn; validated by ``geometry.area_validate``.
    area = models.JSONField(_("area"), default=dict, blank=True)
    area_drawn = models.BooleanField(_("area drawn or uploaded"), default=False)
    objectives = models.TextField(_("objectives"), max_length=4000)
    decision_agreements = models.TextField(_("agreements on decisions"), max_length=4000, blank=True)
    communication_agreements = models.TextField(_("agreements on communication"), max_length=4000, blank=True)
    lead_organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("lead organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chair"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    project_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("project leader"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("area partnership")
        verbose_name_plural = _("area partnerships")

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class Participant(models.Model):
    """An organisation taking part, with the most sensitive class of data it may receive (its ceiling).

    The stored ``ceiling`` is what the partnership agreed; what the participant receives is the effective
    ceiling (``ceiling.effective_ceiling``), which the organisation's type and the legal basis may lower.
    Leaving keeps the row (``left_at``): the history of who took part stays.
    """

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="participants")
    organisation = models.ForeignKey(
        "organisations.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    ceiling = models.CharField(
        _("data-class ceiling"), max_length=20, choices=DataClass.choices, default=DataClass.OPERATIONEEL
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis.choices, default=LegalBasis.CONVENANT
    )
    joined_at = models.DateField(_("joined on"), default=timezone.localdate)
    left_at = models.DateField(_("left on"), null=True, blank=True)

    class Meta:
        ordering = ["organisation__name"]
        verbose_name = _("participant")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"],
                condition=Q(left_at__isnull=True),
                name="one_active_participation_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def is_active(self) -> bool:
        return self.left_at is None


class Representative(models.Model):
    """A named person representing a participant, with their function in the partnership."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="representatives")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    function = models.CharField(_("function in the partnership"), max_length=100)
    added_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("representative")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "user"], condition=Q(ended_at__isnull=True), name="one_active_representation"
            )
        ]


class PartnershipDocument(models.Model):
    """A declaration of intent or a covenant: the signed file (optional), its date and who signed it."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    signed_on = models.DateField(_("signed on"))
    signatories = models.ManyToManyField(Participant, verbose_name=_("signed by"), related_name="signed_documents")
    #: Stored under ``MEDIA_ROOT/partnerships`` after ``core.uploads`` checked and cleaned it; empty: no file.
    stored_name = models.CharField(max_length=80, blank=True, editable=False)
    content_type = models.CharField(max_length=40, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-signed_on", "-created_at"]
        verbose_name = _("partnership document")


class DirectoryEntry(VersionedModel):
    """A participant's own card in the partnership's directory, written by its representatives.

    The contact fields are personal data: they are shown only while ``contact_consent`` is given (see
    docs/partnerships.md); without consent they are not even stored (the service empties them).
    """

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="directory_entry")
    description = models.TextField(_("who we are"), max_length=ENTRY_TEXT_MAX, blank=True)
    expertise = models.JSONField(_("expertise"), default=list, blank=True)
    offers = models.TextField(_("what we can offer"), max_length=ENTRY_TEXT_MAX, blank=True)
    reachability = models.TextField(_("how and when to reach us"), max_length=ENTRY_TEXT_MAX, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("work phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("work e-mail address"), blank=True)
    contact_consent = models.BooleanField(_("consent to share the contact details"), default=False)
    consent_at = models.DateTimeField(null=True, blank=True, editable=False)
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    latitude = _latitude()
    longitude = _longitude()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None


class AreaAlert(models.Model):
    """A non-personal alert to the partners of one area: what happened roughly where, and what to do."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    number = models.CharField(_("number"), max_length=20, unique=True, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="alerts")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    sender_organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    theme = models.CharField(_("theme"), max_length=30, choices=AlertTheme.choices)
    text = models.TextField(_("what partners should know"), max_length=ALERT_TEXT_MAX)
    location_text = models.CharField(_("approximate location"), max_length=200, blank=True)
    latitude = _latitude()
    longitude = _longitude()
    guidance = models.TextField(_("what to do"), max_length=ALERT_TEXT_MAX, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("area alert")
        verbose_name_plural = _("area alerts")
        indexes = [models.Index(fields=["partnership", "sent_at"])]

    def __str__(self) -> str:
        return self.number


class AlertReceipt(models.Model):
    """That a person read an alert. Shown only as totals, never as a list of names."""

    alert = models.ForeignKey(AreaAlert, on_delete=models.CASCADE, related_name="receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["alert", "user"], name="one_receipt_per_reader")]
