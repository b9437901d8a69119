# SPDX-License-Identifier: EUPL-1.2
"""Subjects with provenance, their comparison keys, links, clusters (entities) and human judgements.

A :class:`Subject` is one mention: a person, company, address, vehicle, phone number, e-mail address or
bank account *as one source named it* in one signal or one case item, with who supplied it and under
which legal regime. Mentions of the same real-world subject are linked (:class:`Link`, with the score
explained per feature) and grouped in an :class:`Entity` whose UUID is the stable canonical id.
People's :class:`Judgement` always win over the model.

Subjects are immutable once stored: a correction is a new subject (and the old one removed), so every
cache of comparison keys (the screening index) stays valid by adding and removing only.
"""

from typing import Any, NoReturn
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from weerbaar.core.constants import LegalRegime
from weerbaar.correlation.constants import LegalForm, LinkMethod, SubjectKind, SubjectSource, Verdict


class Entity(models.Model):
    """A cluster of subjects that are the same. Merged entities point to the survivor (stable ids)."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    kind = models.CharField(max_length=10, choices=SubjectKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")


class Subject(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=SubjectKind.choices)
    # Where it was named: exactly one context. Deleting the context (retention) deletes its subjects.
    signal = models.ForeignKey(
        "signals.Signal", on_delete=models.CASCADE, null=True, blank=True, related_name="subjects"
    )
    case_item = models.ForeignKey(
        "cases.CaseItem", on_delete=models.CASCADE, null=True, blank=True, related_name="subjects"
    )
    # Provenance.
    supplied_by = models.ForeignKey(
        "organisations.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    regime = models.CharField(_("legal regime"), max_length=8, choices=LegalRegime.choices, default=LegalRegime.AVG)
    source = models.CharField(_("source"), max_length=10, choices=SubjectSource.choices, default=SubjectSource.INVOER)
    #: What the source was, in words (e.g. "KvK-uittreksel van 1 maart 2026").
    source_detail = models.CharField(_("source details"), max_length=200, blank=True)
    # Values as supplied (validated, formatted, not yet normalised for comparison).
    given_names = models.CharField(_("given names"), max_length=120, blank=True)
    surname_prefix = models.CharField(_("surname prefix"), max_length=20, blank=True)
    surname = models.CharField(_("surname"), max_length=120, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=12, choices=LegalForm.choices, blank=True)
    kvk_number = models.CharField(_("KvK number"), max_length=8, blank=True)
    street = models.CharField(_("street"), max_length=120, blank=True)
    house_number = models.CharField(_("house number"), max_length=10, blank=True)
    house_number_addition = models.CharField(_("addition"), max_length=8, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("place"), max_length=80, blank=True)
    bag_id = models.CharField(_("BAG identifier"), max_length=16, blank=True)
    plate = models.CharField(_("licence plate"), max_length=10, blank=True)
    phone = models.CharField(_("phone number"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    # Comparison form (see ``keys.py``); never shown. Persons: the engine's ``Normalised`` fields.
    n_given = models.CharField(max_length=60, blank=True, editable=False)
    n_initials = models.CharField(max_length=12, blank=True, editable=False)
    n_surname = models.CharField(max_length=120, blank=True, editable=False)
    n_surname_key = models.CharField(max_length=120, blank=True, editable=False)
    n_birth_date = models.CharField(max_length=10, blank=True, editable=False)
    n_postcode = models.CharField(max_length=6, blank=True, editable=False)
    n_house_number = models.CharField(max_length=20, blank=True, editable=False)
    n_street = models.CharField(max_length=120, blank=True, editable=False)
    n_city = models.CharField(max_length=80, blank=True, editable=False)
    #: The identifying value of other kinds: plate, E.164 phone, e-mail, IBAN, KvK, company-name key, address.
    n_value = models.CharField(max_length=200, blank=True, editable=False)
    entity = models.ForeignKey(Entity, on_delete=models.SET_NULL, null=True, blank=True, related_name="subjects")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["entity"])]

        constraints = [
            models.CheckConstraint(
                condition=(Q(signal__isnull=False) & Q(case_item__isnull=True))
                | (Q(signal__isnull=True) & Q(case_item__isnull=False)),
                name="subject_has_one_context",
            )
        ]

    @property
    def label(self) -> str:
        """One line with the identifying values (personal data: only in views scoped by the policy)."""
        from weerbaar.correlation.constants import VALUE_FIELDS
        from weerbaar.correlation.display import subject_label

        return subject_label(self.kind, {name: getattr(self, name) for name in VALUE_FIELDS})

    @property
    def address(self) -> str:
        from weerbaar.correlation.display import address_line

        return address_line(
            {
                name: getattr(self, name)
                for name in ("street", "house_number", "house_number_addition", "postcode", "city")
            }
        )


class SubjectKey(models.Model):
    """A comparison key of a subject (64-bit hash, see ``keys.key_hash``): subjects sharing one are candidates."""

    key = models.BigIntegerField()
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="keys")

    class Meta:
        indexes = [models.Index(fields=["key", "subject"], name="correlation_key_subject")]


class Link(models.Model):
    """Two subjects that may be the same, with the score (log2 odds) explained per feature.

    Stored from ``CORRELATION['review_threshold']`` up; from ``match_threshold`` up the model counts the
    pair as the same (unless a person judged otherwise). ``subject_a`` has the lower primary key.
    """

    subject_a = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+")
    subject_b = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    #: Feature -> contribution in bits; the values add up to ``score``.
    explanation = models.JSONField(default=dict)
    method = models.CharField(max_length=14, choices=LinkMethod.choices, default=LinkMethod.MODEL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["subject_b"])]
        constraints = [
            models.UniqueConstraint(fields=["subject_a", "subject_b"], name="one_link_per_pair"),
            models.CheckConstraint(condition=Q(subject_a__lt=models.F("subject_b")), name="link_pair_ordered"),
        ]


class Judgement(models.Model):
    """A person's verdict on a pair of subjects, with author and reason. Append-only; the newest counts."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    subject_a = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+")
    subject_b = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(_("judgement"), max_length=12, choices=Verdict.choices)
    reason = models.TextField(_("reason"), max_length=2000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["subject_a", "subject_b"]), models.Index(fields=["subject_b"])]
        constraints = [
            models.CheckConstraint(condition=Q(subject_a__lt=models.F("subject_b")), name="judgement_pair_ordered")
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Judgements are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ValueError("Judgements are append-only.")


class Exclusion(models.Model):
    """A value that must not link subjects: a town hall, police station, business centre, a switchboard number.

    ``value`` is the normalised comparison value (see ``keys.exclusion_value``). Configuration, not code:
    RIEC analysts maintain the list in the UI.
    """

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=10, choices=SubjectKind.choices)
    value = models.CharField(max_length=200, editable=False)
    label = models.CharField(_("description"), max_length=200)
    reason = models.CharField(_("reason"), max_length=500)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "label"]
        constraints = [models.UniqueConstraint(fields=["kind", "value"], name="one_exclusion_per_value")]


class ResolutionRun(models.Model):
    """A batch (re)resolution: when, by whom, what came out, and the model it estimated.

    The newest run's model is what the online resolver scores new subjects with, so a subject added
    after a run gets the same scores as the run would have given it.
    """

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    model = models.JSONField(default=dict)
    stats = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at"]


class InquiryStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GRANTED = "toegekend", _("Granted")
    REFUSED = "afgewezen", _("Refused")


class AccessInquiry(models.Model):
    """A request, made from a hit, to the organisation responsible for a context the requester cannot see.

    Used for contexts without an access procedure of their own (signals); a case's provider files a case
    access request instead. The requester learns only the decision.
    """

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="inquiries")
    requester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(max_length=10, choices=InquiryStatus.choices, default=InquiryStatus.OPEN)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
