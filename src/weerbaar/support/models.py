# SPDX-License-Identifier: EUPL-1.2
"""The trusted contact's desk: who covers which area, "I have been approached" reports and support referrals.

None of these is visible to enforcement (``permissions.py``) and nothing here points into area B: a filed
report keeps the number of the signal it became (one way); the signal keeps nothing of the report.
"""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.workflow.history import StatusHistory
from weerbaar.core.workflow.versioning import VersionedModel
from weerbaar.support.constants import (
    ConsentMethod,
    ProviderKind,
    ReferralStatus,
    ReferredVia,
    ReportRoute,
    ReportStatus,
    WhenApproached,
)


class TrustedContact(models.Model):
    """A person at an organisation (a farmers' organisation, usually) to whom entrepreneurs of an area can
    turn in confidence. Which municipalities they cover decides who receives a confidential report."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    municipalities = models.ManyToManyField("geo.Municipality", related_name="+", verbose_name=_("municipalities"))
    #: The area partnership whose area they cover, if any (for the partners' information only).
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="support_contact_once")]

    def __str__(self) -> str:
        return f"{self.user.get_full_name()} ({self.organisation})"


class SupportProvider(models.Model):
    """An organisation that supports entrepreneurs at their own request (farm-support volunteers, debt help,
    an agricultural coach), as the trusted contact's organisation knows it."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    #: The organisation whose trusted contacts refer to this provider.
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of support"), max_length=20, choices=ProviderKind.choices)
    name = models.CharField(_("name"), max_length=120)
    contact = models.CharField(_("how to reach them"), max_length=300)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ApproachedReport(VersionedModel):
    """An entrepreneur's confidential "I have been approached" report, with the trusted contact only.

    An anonymous report is not stored here: it goes straight to the signals services. The contact details
    are the entrepreneur's own and never leave the desk unless he chose to share his identity.
    """

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    route = models.CharField(max_length=20, choices=ReportRoute.choices, default=ReportRoute.VERTROUWENSPERSOON)
    trusted_contact = models.ForeignKey(TrustedContact, on_delete=models.PROTECT, related_name="reports")
    asked_for = models.JSONField(_("what was asked"), default=list)
    asked_other = models.CharField(_("something else, namely"), max_length=200, blank=True)
    when = models.CharField(_("when"), max_length=12, choices=WhenApproached.choices)
    municipality = models.ForeignKey("geo.Municipality", on_delete=models.PROTECT, verbose_name=_("municipality"))
    location_hint = models.CharField(_("approximate location"), max_length=200, blank=True)
    account = models.TextField(_("what happened"), max_length=4000)
    answer = models.TextField(_("what you answered"), max_length=2000, blank=True)
    described = models.TextField(_("vehicles and persons"), max_length=2000, blank=True)
    # The entrepreneur's own contact details, for the trusted contact.
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    contact_email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    contact_when = models.CharField(_("when to reach you"), max_length=120, blank=True)
    #: The entrepreneur's explicit choice: the signal may carry his name and contact details.
    share_identity = models.BooleanField(_("my name may go with the signal"), default=False)
    wants_support = models.BooleanField(_("I would like support"), default=False)
    status = models.CharField(max_length=12, choices=ReportStatus.choices, default=ReportStatus.NIEUW)
    received_at = models.DateTimeField()
    #: When it was filed as a signal or closed; retention counts from here.
    ended_at = models.DateTimeField(null=True, blank=True)
    #: The number of the signal it became: a one-way note for the trusted contact, never stored on the signal.
    signal_number = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["trusted_contact", "status"]), models.Index(fields=["ended_at"])]

    def __str__(self) -> str:
        return self.reference

    def erase_contact(self) -> list[str]:
        """Empty the entrepreneur's contact details; returns the fields changed."""
        self.contact_name = self.contact_phone = self.contact_email = self.contact_when = ""
        return ["contact_name", "contact_phone", "contact_email", "contact_when"]


class ReportStatusChange(StatusHistory):
    report = models.ForeignKey(ApproachedReport, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ReportStatus.choices)


class Referral(VersionedModel):
    """A referral of an entrepreneur to support, made with his consent and kept by the trusted contact."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    trusted_contact = models.ForeignKey(TrustedContact, on_delete=models.PROTECT, related_name="referrals")
    #: The report it started from, if any (the referral outlives the report's shorter retention).
    report = models.ForeignKey(
        ApproachedReport, on_delete=models.SET_NULL, null=True, blank=True, related_name="referrals"
    )
    referred_via = models.CharField(_("who referred"), max_length=20, choices=ReferredVia.choices)
    referrer_detail = models.CharField(_("about the referrer"), max_length=120, blank=True)
    provider = models.ForeignKey(
        SupportProvider, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("referred to")
    )
    need = models.CharField(_("what support is asked for"), max_length=300)
    # Minimal contact details; erased when consent is withdrawn.
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    contact_email = models.EmailField(_("e-mail address"), max_length=254, blank=True)
    # Consent: by whom, when, how and for what.
    consent_given_by = models.CharField(_("consent given by"), max_length=120, blank=True)
    consent_at = models.DateField(_("consent given on"))
    consent_method = models.CharField(_("how consent was given"), max_length=12, choices=ConsentMethod.choices)
    consent_scope = models.CharField(_("consent for"), max_length=300)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.VERWEZEN)
    outcome = models.TextField(_("outcome"), max_length=2000, blank=True)
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["trusted_contact", "status"]), models.Index(fields=["closed_at"])]

    def __str__(self) -> str:
        return self.reference

    @property
    def consent_withdrawn(self) -> bool:
        return self.consent_withdrawn_at is not None

    def erase_contact(self) -> list[str]:
        self.contact_name = self.contact_phone = self.contact_email = ""
        self.consent_given_by = ""
        return ["contact_name", "contact_phone", "contact_email", "consent_given_by"]


class ReferralStatusChange(StatusHistory):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=ReferralStatus.choices)


class DeletionRecord(models.Model):
    """What retention destroyed: kind, reference, final status, dates and rule. No personal data."""

    kind = models.CharField(max_length=20)  # "report" | "referral"
    reference = models.CharField(max_length=20)
    final_status = models.CharField(max_length=12)
    ended_on = models.DateField(null=True, blank=True)
    rule = models.CharField(max_length=60)
    deleted_at = models.DateTimeField()

    class Meta:
        ordering = ["-deleted_at"]
