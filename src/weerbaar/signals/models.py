# SPDX-License-Identifier: EUPL-1.2
"""Signals (meldingen) of undermining and their weighing under the national privacy protocol."""

from decimal import Decimal
from uuid import uuid4

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.history import StatusHistory
from weerbaar.core.workflow.versioning import VersionedModel
from weerbaar.signals.constants import (
    Channel,
    DumpingType,
    LandownerType,
    LocationKind,
    MessageDirection,
    Phenomenon,
    PrivacyCheckKind,
    Status,
)


class Signal(VersionedModel):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    number = models.CharField(_("number"), max_length=20, unique=True, null=True, blank=True, editable=False)
    channel = models.CharField(_("channel"), max_length=24, choices=Channel.choices)
    phenomenon = models.CharField(_("phenomenon"), max_length=40, choices=Phenomenon.choices)
    indicators = models.JSONField(_("indicators"), default=list, blank=True)
    description = models.TextField(_("what happened"), max_length=10_000)
    occurred_on = models.DateField(_("when did it happen"), null=True, blank=True)
    # Location: an address, a point, or only the municipality.
    location_kind = models.CharField(_("location"), max_length=8, choices=LocationKind.choices)
    street = models.CharField(_("street"), max_length=120, blank=True)
    house_number = models.CharField(_("house number"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("place"), max_length=80, blank=True)
    latitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("50.7")), MaxValueValidator(Decimal("53.6"))],
    )
    longitude = models.DecimalField(
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("3.3")), MaxValueValidator(Decimal("7.3"))],
    )
    municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("municipality")
    )
    #: The intake team that owns the signal (routing result); null only when no team exists yet.
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="signals"
    )
    # Reporter: known for staff and partners; never for anonymous or forwarded signals.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="reported_signals"
    )
    reporter_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="reported_signals"
    )
    forwarded_reference = models.CharField(_("reference of the forwarding party"), max_length=60, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.ONTVANGEN)
    received_at = models.DateTimeField(_("received"))
    acknowledge_due = models.DateTimeField(_("qualify before"))
    weigh_due = models.DateTimeField(_("weigh before"))
    qualified_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    retention_until = models.DateField(_("keep until"), null=True, blank=True)
    retention_warned_at = models.DateTimeField(null=True, blank=True)
    legal_hold = models.BooleanField(_("legal hold"), default=False)
    legal_hold_reason = models.CharField(_("reason for the legal hold"), max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [
            models.Index(fields=["organisation", "status", "received_at"]),
            models.Index(fields=["reporter", "received_at"]),
            models.Index(fields=["retention_until"]),
            # The area trend of area partnerships narrows the signals to a period and a bounding box and
            # fingerprints them (count, ids, versions) on every start page: read from this index alone.
            models.Index(fields=["received_at", "latitude", "longitude", "id", "version"], name="signal_period_place"),
        ]

    def __str__(self) -> str:
        return self.number or str(self.uuid)


class StatusChange(StatusHistory):
    """Who moved the signal where, when and why."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices)

    class Meta(StatusHistory.Meta):
        # The situational picture's refresh looks for the changes since its last run on every run.
        indexes = [models.Index(fields=["at"], name="signal_statuschange_at")]


class PrivacyCheck(models.Model):
    """A written privacy check (1, 2A, 2B) under the national model privacy protocol."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="privacy_checks")
    kind = models.CharField(_("check"), max_length=2, choices=PrivacyCheckKind.choices)
    purpose = models.TextField(_("purpose"), max_length=2000)
    necessity = models.TextField(_("necessity"), max_length=2000)
    proportionality = models.TextField(_("proportionality"), max_length=2000)
    subsidiarity = models.TextField(_("subsidiarity"), max_length=2000)
    retention = models.TextField(_("retention"), max_length=1000)
    sources = models.TextField(_("sources to consult"), max_length=2000, blank=True)
    conclusion_positive = models.BooleanField(_("the check allows it"), default=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]


class Attachment(models.Model):
    """A photo or PDF, re-encoded without metadata, stored outside the web root."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="attachments")
    path = models.CharField(max_length=200)  # relative to MEDIA_ROOT; never a public URL
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at"]


class AnonymousReceipt(models.Model):
    """The anonymous reporter's receipt code, stored only as a SHA-256 (the code has ≥ 80 bits)."""

    signal = models.OneToOneField(Signal, on_delete=models.CASCADE, related_name="receipt")
    code_hash = models.CharField(max_length=64, unique=True)


class SignalMessage(models.Model):
    """The two-way dialogue with the reporter (anonymous too): questions and answers."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=10, choices=MessageDirection.choices)
    body = models.TextField(max_length=4000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class DrugWasteDetails(models.Model):
    """Drug-waste dumping follow-up: safety, police report, clean-up and the provincial compensation claim."""

    signal = models.OneToOneField(Signal, on_delete=models.CASCADE, related_name="drug_waste")
    dumping_type = models.CharField(_("kind of dumping"), max_length=12, choices=DumpingType.choices)
    volume_litres = models.PositiveIntegerField(_("estimated volume (litres)"), null=True, blank=True)
    landowner_type = models.CharField(_("landowner"), max_length=16, choices=LandownerType.choices, blank=True)
    police_reference = models.CharField(_("police report number"), max_length=40, blank=True)
    cleanup_contractor = models.CharField(_("clean-up contractor"), max_length=120, blank=True)
    cleanup_costs = models.DecimalField(
        _("clean-up costs (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )


class IdempotencyKey(models.Model):
    """``Idempotency-Key`` of an API submission: a retry returns the first signal instead of a second one."""

    client = models.CharField(max_length=64)  # user uuid, or "publiek"
    key = models.CharField(max_length=128)
    request_hash = models.CharField(max_length=64)
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["client", "key"], name="unique_idempotency_key")]


class SchakelteamMeeting(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT)
    date = models.DateField(_("date"))
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date"]


class MeetingItem(models.Model):
    """A signal on the schakelteam's agenda and the decision taken on it, with its reasoning."""

    meeting = models.ForeignKey(SchakelteamMeeting, on_delete=models.CASCADE, related_name="items")
    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="meeting_items")
    decision = models.CharField(_("decision"), max_length=20, choices=Status.choices, blank=True)
    reasoning = models.TextField(_("reasoning"), max_length=4000, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "signal"], name="signal_once_per_meeting")]


class DeletionRecord(models.Model):
    """What was destroyed, when, why and by which rule. Holds no content of the signal."""

    signal_uuid = models.UUIDField()
    signal_number = models.CharField(max_length=20, blank=True)
    phenomenon = models.CharField(max_length=40)
    final_status = models.CharField(max_length=20)
    rule = models.CharField(max_length=60)
    reason = models.CharField(max_length=300)
    deleted_at = models.DateTimeField()
    deleted_by = models.CharField(max_length=150)  # a username, or "retention task"

    class Meta:
        ordering = ["-deleted_at"]
