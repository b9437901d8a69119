# SPDX-License-Identifier: EUPL-1.2
"""Joint actions (*integrale controle*, *actiedag*, *interventieteam*): the operation, its partners and
members, the locations chosen (for risk or at random, with the draw recorded so it can be repeated), the
findings per partner and location, and the follow-ups they lead to."""

from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weerbaar.actions.addresses import address_line
from weerbaar.actions.constants import (
    IDEMPOTENCY_KEY_LENGTH,
    FollowUpKind,
    FollowUpStatus,
    LegalDomain,
    LocationReason,
    MemberRole,
    OperationKind,
    OperationStatus,
    Sanction,
    Severity,
)
from weerbaar.core.workflow.history import StatusHistory
from weerbaar.core.workflow.versioning import VersionedModel


class Operation(VersionedModel):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=OperationKind.choices)
    #: A working title without personal data (e.g. "Integrale controle bedrijventerrein De Hoek").
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="owned_operations", verbose_name=_("owner")
    )
    project_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("project leader"),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    #: The area: municipalities, or an area partnership's area (its municipalities), or both.
    municipalities = models.ManyToManyField(
        "geo.Municipality", blank=True, related_name="+", verbose_name=_("municipalities")
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("area partnership"),
    )
    area_description = models.CharField(_("area"), max_length=200, blank=True)
    objectives = models.TextField(_("objectives"), max_length=4000, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=OperationStatus.choices, default=OperationStatus.PLANNING
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    #: Keeps a closed action past its retention period (pending proceedings), set by a planner with a reason.
    legal_hold = models.BooleanField(_("legal hold"), default=False)
    legal_hold_reason = models.CharField(_("reason for the legal hold"), max_length=500, blank=True)
    #: When the planners were warned that retention ends (once).
    retention_warned_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-starts_on", "-created_at"]
        indexes = [models.Index(fields=["owner", "status"]), models.Index(fields=["starts_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="operation_period_order")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The last day cannot lie before the first day.")})


class OperationStatusChange(StatusHistory):
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=OperationStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=OperationStatus.choices)


class OperationPartner(models.Model):
    """An organisation taking part, checking from its own legal domain on its own legal basis."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="partners")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    domain = models.CharField(_("legal domain"), max_length=20, choices=LegalDomain.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=300)
    #: A functional contact (desk, duty phone); not a private address.
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["operation", "organisation", "domain"], name="one_partner_per_domain")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_domain_display()})"


class OperationMember(models.Model):
    """Need-to-know: an organisation (``user`` empty) or a named person, as planner or participant.

    The same shape as a case's membership, so the platform's one membership rule
    (``core.scopes.membership_of``) decides for both.
    """

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="operation_memberships",
    )
    role = models.CharField(_("role"), max_length=12, choices=MemberRole.choices, default=MemberRole.DEELNEMER)
    joined_at = models.DateTimeField(auto_now_add=True)
    ends_on = models.DateField(_("member until"), null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["organisation", "operation"]), models.Index(fields=["user", "operation"])]
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "organisation"],
                condition=Q(user__isnull=True),
                name="one_org_membership_per_operation",
            ),
            models.UniqueConstraint(
                fields=["operation", "user"],
                condition=Q(user__isnull=False),
                name="one_named_membership_per_operation",
            ),
        ]


class Selection(models.Model):
    """One draw: the risk locations taken and the random share of the premises register, reproducible from
    the recorded register, share and seed (``random.Random(seed)``)."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="selections")
    random_share = models.PositiveSmallIntegerField(
        _("random share (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    seed = models.BigIntegerField(_("seed"))
    #: The premises register drawn from, in its canonical order (sorted, without duplicates).
    pool = models.JSONField(default=list, blank=True)
    risk_count = models.PositiveIntegerField(default=0)
    random_count = models.PositiveIntegerField(default=0)
    drawn_at = models.DateTimeField()
    drawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-drawn_at", "-id"]


class Location(models.Model):
    """A premises to check, chosen for a risk (with the source kept as a reference only) or at random."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="locations")
    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="locations")
    street = models.CharField(_("street"), max_length=120)
    house_number = models.CharField(_("house number"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("place"), max_length=80, blank=True)
    #: The comparison form ("5431AB|12" or the lower-cased line): one location per premises per operation.
    address_key = models.CharField(max_length=200, editable=False)
    municipality = models.ForeignKey(
        "geo.Municipality", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    reason = models.CharField(_("reason chosen"), max_length=12, choices=LocationReason.choices)
    #: Where a risk came from: the kind ("signal", "case") and the object's UUID, never its content. Who may
    #: not see the source learns only that there is one ("there is a hit, request access").
    source_kind = models.CharField(max_length=12, blank=True)
    source_uuid = models.UUIDField(null=True, blank=True)
    source_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: Correlation hits in contexts the selecting user could not see: kind and organisation only.
    hits = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["operation", "address_key"], name="one_location_per_premises")]

    def __str__(self) -> str:
        return self.address

    @property
    def address(self) -> str:
        """One line as the BAG writes it: "Industrieweg 12, 5431 AB Cuijk"."""
        return address_line(self.street, self.house_number, self.postcode, self.city)


class Finding(models.Model):
    """What one partner found at one location, from its own legal domain.

    ``idempotency_key`` is generated by the client (the form renders one; an API client sends its own):
    a retry with the same key returns the first finding instead of recording a second.
    """

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    operation = models.ForeignKey(Operation, on_delete=models.CASCADE, related_name="findings")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="findings")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    domain = models.CharField(_("legal domain"), max_length=20, choices=LegalDomain.choices)
    checked = models.CharField(_("what was checked"), max_length=300)
    compliant = models.BooleanField(_("compliant"))
    legal_ground = models.CharField(_("legal ground"), max_length=300, blank=True)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices, default=Severity.GEEN)
    sanction = models.CharField(
        _("sanction on the spot"), max_length=16, choices=Sanction.choices, default=Sanction.GEEN
    )
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    idempotency_key = models.CharField(max_length=IDEMPOTENCY_KEY_LENGTH)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    #: Set when the author corrected the finding; what changed is in the audit trail.
    corrected_at = models.DateTimeField(_("corrected"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["operation", "organisation"])]
        constraints = [
            models.UniqueConstraint(fields=["operation", "idempotency_key"], name="finding_idempotency_key_unique")
        ]

    def clean(self) -> None:
        if self.compliant and self.severity not in ("", Severity.GEEN):
            raise ValidationError({"severity": _("A compliant finding has no severity.")})


class FindingPhoto(models.Model):
    """A photo of a finding, stored only after the upload sanitiser re-encoded it without metadata; served
    through a permission-checked view, never from the media URL."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="photos")
    #: Relative to ``MEDIA_ROOT``: ``actions/<operation uuid>/<photo uuid>.<extension>``.
    path = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    added_at = models.DateTimeField(auto_now_add=True)


class FollowUp(models.Model):
    """What a finding leads to, with an owner and a due date. Most follow-ups live on as a signal or as an
    intervention of a case, created through those apps' services; their status is read from there."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="follow_ups")
    kind = models.CharField(_("kind"), max_length=24, choices=FollowUpKind.choices)
    owner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("owner")
    )
    due_on = models.DateField(_("due date"))
    #: The follow-up's own status; for a linked one the linked object's status is what counts.
    status = models.CharField(_("status"), max_length=8, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN)
    signal = models.ForeignKey("signals.Signal", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    intervention = models.ForeignKey(
        "cases.Intervention", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(signal__isnull=True) | Q(intervention__isnull=True), name="follow_up_one_link"
            )
        ]


class DeletionRecord(models.Model):
    """What remains of a joint action destroyed at the end of its retention: what it was, counted, never an
    address, a title or a finding."""

    operation_uuid = models.UUIDField()
    reference = models.CharField(max_length=8)
    kind = models.CharField(max_length=20, choices=OperationKind.choices)
    owner = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    final_status = models.CharField(max_length=20, choices=OperationStatus.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    closed_on = models.DateField()
    retention_until = models.DateField()
    locations = models.PositiveIntegerField(default=0)
    findings = models.PositiveIntegerField(default=0)
    photos = models.PositiveIntegerField(default=0)
    follow_ups = models.PositiveIntegerField(default=0)
    rule = models.CharField(max_length=40)
    deleted_at = models.DateTimeField()
    deleted_by = models.CharField(max_length=40)

    class Meta:
        ordering = ["-deleted_at", "-id"]
