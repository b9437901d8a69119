# SPDX-License-Identifier: EUPL-1.2
"""Writes of the trusted contact's desk: the public report, its handling, filing it as a signal, referrals.

Keyword-only and atomic; each validates with ``full_clean()``, saves with ``update_fields``, writes its audit
event in the same transaction (details hold statuses and flags, never a name or text) and mails only through
the outbox, saying no more than that something is waiting. A signal is filed only through ``filing.py``.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import User
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.geo.models import Municipality
from weerbaar.notifications.services import outbox_enqueue
from weerbaar.organisations.models import Organisation
from weerbaar.support import filing
from weerbaar.support.constants import (
    REFERRAL_TRANSITIONS,
    REPORT_MANUAL_TARGETS,
    REPORT_TRANSITIONS,
    AskedFor,
    ReferralStatus,
    ReportRoute,
    ReportStatus,
    WhenApproached,
)
from weerbaar.support.models import (
    ApproachedReport,
    Referral,
    ReferralStatusChange,
    ReportStatusChange,
    SupportProvider,
    TrustedContact,
)

_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{7,18}[0-9]$")


def _require(actor: Actor, code: str, obj: Any = None) -> None:
    """Refuse with ``PermissionDenied`` unless the policy allows it; the views answer 404."""
    if not can(actor, code, obj):
        raise PermissionDenied


def _reference(prefix: str, model: type[ApproachedReport] | type[Referral]) -> str:
    year = timezone.localdate().year
    for _attempt in range(10):
        reference = f"{prefix}{year}-{''.join(secrets.choice(_ALPHABET) for _ in range(6))}"
        if not model.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("no free reference after 10 attempts")


def _clean_phone(value: str, field_name: str) -> str:
    value = value.strip()
    if value and not _PHONE.match(value):
        raise ValidationError({field_name: _("Enter a phone number of digits, such as 06 12345678.")})
    return value


def _notify(contact: TrustedContact, subject: str, body: str) -> None:
    if contact.user.email:
        outbox_enqueue(recipient=contact.user.email, subject=subject, body=body)


# --- Set-up: who covers which area, who supports -------------------------------------------------------


@transaction.atomic
def trusted_contact_register(
    *,
    actor: Actor | None,
    user: User,
    organisation: Organisation,
    municipalities: list[Municipality],
    partnership: Any = None,
) -> TrustedContact:
    """Register (or update) ``user`` as the trusted contact of ``organisation`` for ``municipalities``."""
    contact, _created = TrustedContact.objects.get_or_create(
        user=user, organisation=organisation, defaults={"partnership": partnership}
    )
    if partnership is not None and contact.partnership_id != partnership.pk:
        contact.partnership = partnership
        contact.save(update_fields=["partnership"])
    contact.municipalities.set(municipalities)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=contact, details={"covers": len(municipalities)})
    return contact


@transaction.atomic
def support_provider_add(
    *, actor: Actor | None, organisation: Organisation, kind: str, name: str, contact: str
) -> SupportProvider:
    provider = SupportProvider(organisation=organisation, kind=kind, name=name.strip(), contact=contact.strip())
    provider.full_clean()
    provider.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=provider, details={"kind": kind})
    return provider


def trusted_contact_for(*, municipality: Municipality) -> TrustedContact | None:
    """The active trusted contact who covers ``municipality`` (the longest registered, if several)."""
    return (
        TrustedContact.objects.filter(active=True, municipalities=municipality, user__is_active=True)
        .select_related("user", "organisation")
        .order_by("pk")
        .first()
    )


# --- "I have been approached" ------------------------------------------------------------------------


@dataclass
class ApproachedInput:
    route: str
    asked_for: list[str]
    when: str
    municipality: Municipality
    account: str
    asked_other: str = ""
    location_hint: str = ""
    answer: str = ""
    described: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    contact_when: str = ""
    share_identity: bool = False
    wants_support: bool = False


@dataclass(frozen=True)
class Submitted:
    route: str
    #: The anonymous reporter's receipt code (shown once); None for the confidential route.
    receipt: str | None = None
    #: The desk's reference, which the entrepreneur may quote when he calls; None for the anonymous route.
    reference: str | None = None


def signal_description(
    *,
    asked_for: list[str],
    asked_other: str,
    when: str,
    location_hint: str,
    account: str,
    answer: str,
    described: str,
) -> str:
    """The text of the signal: what the entrepreneur told, never who he is."""
    asked = [str(AskedFor(value).label) for value in asked_for if value in AskedFor.values]
    if asked_other.strip():
        asked.append(asked_other.strip())
    parts = [
        _("An entrepreneur was approached by someone with a request."),
        _("What was asked: %(asked)s") % {"asked": "; ".join(asked) or "-"},
        _("When: %(when)s") % {"when": WhenApproached(when).label if when in WhenApproached.values else "-"},
    ]
    if location_hint.strip():
        parts.append(_("Approximate location: %(place)s") % {"place": location_hint.strip()})
    parts.append(_("What happened: %(text)s") % {"text": account.strip()})
    if answer.strip():
        parts.append(_("What the entrepreneur answered: %(text)s") % {"text": answer.strip()})
    if described.strip():
        parts.append(_("Vehicles and persons described: %(text)s") % {"text": described.strip()})
    return "\n\n".join(parts)


def _description_of(data: ApproachedInput | ApproachedReport) -> str:
    return signal_description(
        asked_for=list(data.asked_for),
        asked_other=data.asked_other,
        when=data.when,
        location_hint=data.location_hint,
        account=data.account,
        answer=data.answer,
        described=data.described,
    )


def report_signal_draft(report: ApproachedReport) -> str:
    """The description the trusted contact starts from when filing: the report without the contact details."""
    return _description_of(report)


def _check_common(data: ApproachedInput) -> None:
    errors: dict[str, str] = {}
    if not data.asked_for:
        errors["asked_for"] = _("Choose what you were asked, or “Something else”.")
    elif AskedFor.OVERIG in data.asked_for and not data.asked_other.strip():
        errors["asked_other"] = _("Say briefly what else you were asked.")
    if not data.account.strip():
        errors["account"] = _("Describe what happened.")
    if data.route not in ReportRoute.values:
        errors["route"] = _("Choose how you want to report this.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def approached_submit(*, data: ApproachedInput) -> Submitted:
    """The entrepreneur's report. Anonymous: straight to the signals services, nothing kept here.
    Confidential: kept for the trusted contact who covers the municipality, who is told by mail."""
    _check_common(data)
    if data.route == ReportRoute.ANONIEM:
        if data.wants_support:
            raise ValidationError(
                {
                    "wants_support": _(
                        "Support needs a way to reach you, so it goes through the trusted contact: choose "
                        "“In confidence, through the trusted contact”, or leave support unticked."
                    )
                }
            )
        filed = filing.file_anonymous(
            description=_description_of(data),
            municipality=data.municipality,
            rental=AskedFor.SCHUUR_HUREN in data.asked_for,
        )
        return Submitted(route=data.route, receipt=filed.receipt)

    contact = trusted_contact_for(municipality=data.municipality)
    if contact is None:
        raise ValidationError(
            {
                "municipality": _(
                    "There is no trusted contact on Weerbaar for this municipality yet. Report anonymously, or "
                    "call your farmers' organisation or Meld Misdaad Anoniem (0800-7000)."
                )
            }
        )
    phone = _clean_phone(data.contact_phone, "contact_phone")
    if not phone and not data.contact_email.strip():
        raise ValidationError(
            {"contact_phone": _("Give a phone number or an e-mail address, so the trusted contact can reach you.")}
        )
    if not data.contact_name.strip():
        raise ValidationError({"contact_name": _("Give the name the trusted contact may ask for.")})
    now = timezone.now()
    report = ApproachedReport(
        route=ReportRoute.VERTROUWENSPERSOON,
        trusted_contact=contact,
        asked_for=list(dict.fromkeys(data.asked_for)),
        asked_other=data.asked_other.strip(),
        when=data.when,
        municipality=data.municipality,
        location_hint=data.location_hint.strip(),
        account=data.account.strip(),
        answer=data.answer.strip(),
        described=data.described.strip(),
        contact_name=data.contact_name.strip(),
        contact_phone=phone,
        contact_email=data.contact_email.strip(),
        contact_when=data.contact_when.strip(),
        share_identity=data.share_identity,
        wants_support=data.wants_support,
        received_at=now,
    )
    report.full_clean(exclude=["reference"])
    report.reference = _reference("B", ApproachedReport)
    try:
        with transaction.atomic():
            report.save(force_insert=True)
    except IntegrityError:
        report.reference = _reference("B", ApproachedReport)
        report.save(force_insert=True)
    ReportStatusChange.record(report=report, to_status=ReportStatus.NIEUW, actor=None, at=now)
    # The entrepreneur has no account: the event has no actor, and its details no content.
    audit_event_record(
        actor=None,
        action=AuditAction.CREATE,
        obj=report,
        details={"route": report.route, "wants_support": report.wants_support},
    )
    _notify(
        contact,
        _("Weerbaar: an entrepreneur has contacted you in confidence"),
        _(
            "A new report (%(reference)s) is waiting for you at your trusted-contact desk. "
            "Log in to Weerbaar to read it."
        )
        % {"reference": report.reference},
    )
    return Submitted(route=report.route, reference=report.reference)


@transaction.atomic
def approached_report_transition(
    *, actor: Actor, report: ApproachedReport, to_status: str, reason: str = "", expected_version: int | None
) -> ApproachedReport:
    """In contact, or closed without a signal (the entrepreneur decided against it); "filed" is
    :func:`approached_report_file`'s."""
    _require(actor, Perm.SUPPORT_REFER, report)
    if to_status not in REPORT_MANUAL_TARGETS:
        raise ValidationError({"to_status": _("Choose one of the statuses offered.")})
    report = lock_for_update(ApproachedReport, report, expected_version)
    REPORT_TRANSITIONS.check(report.status, to_status)
    from_status = report.status
    report.status = to_status
    fields = ["status"]
    if to_status == ReportStatus.GESLOTEN:
        report.ended_at = timezone.now()
        fields.append("ended_at")
    bump_version(report, fields)
    ReportStatusChange.record(
        report=report, from_status=from_status, to_status=to_status, actor=actor.user, reason=reason
    )
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=report, details={"status": to_status})
    return report


def identity_block(report: ApproachedReport) -> str:
    """The entrepreneur's name and contact details, for a signal only when he chose to share them."""
    lines = [_("The entrepreneur agreed that his name goes with this signal:"), report.contact_name]
    lines += [value for value in (report.contact_phone, report.contact_email) if value]
    return "\n".join(line for line in lines if line)


@transaction.atomic
def approached_report_file(
    *,
    actor: Actor,
    report: ApproachedReport,
    phenomenon: str,
    description: str,
    include_identity: bool,
    expected_version: int | None,
) -> str:
    """File the report as a signal forwarded by a confidential adviser; returns the signal's number.

    Without the entrepreneur's identity, unless he chose to share it and the trusted contact includes it.
    """
    _require(actor, Perm.SUPPORT_REFER, report)
    report = lock_for_update(ApproachedReport, report, expected_version)
    REPORT_TRANSITIONS.check(report.status, ReportStatus.GEMELD)
    if include_identity and not report.share_identity:
        raise ValidationError(
            {
                "include_identity": _(
                    "The entrepreneur did not choose to share his identity: the signal goes without it."
                )
            }
        )
    if phenomenon not in dict(filing.PHENOMENON_CHOICES):
        raise ValidationError({"phenomenon": _("Choose what it is about.")})
    text = description.strip()
    if not text:
        raise ValidationError({"description": _("Describe what the entrepreneur told.")})
    if include_identity:
        text = f"{text}\n\n{identity_block(report)}"
    filed = filing.file_forwarded(
        actor=actor,
        phenomenon=phenomenon,
        description=text,
        municipality=report.municipality,
        rental=AskedFor.SCHUUR_HUREN in report.asked_for,
    )
    from_status = report.status
    report.status = ReportStatus.GEMELD
    report.ended_at = timezone.now()
    report.signal_number = filed.number
    bump_version(report, ["status", "ended_at", "signal_number"])
    ReportStatusChange.record(report=report, from_status=from_status, to_status=ReportStatus.GEMELD, actor=actor.user)
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=report,
        details={"status": ReportStatus.GEMELD, "identity_shared": include_identity},
    )
    return filed.number


# --- Support referrals ---------------------------------------------------------------------------------


@dataclass
class ReferralInput:
    provider: SupportProvider
    referred_via: str
    need: str
    contact_name: str
    consent_given_by: str
    consent_at: date
    consent_method: str
    consent_scope: str
    referrer_detail: str = ""
    contact_phone: str = ""
    contact_email: str = ""


def _desk_of(actor: Actor) -> TrustedContact:
    if actor.organisation_id is None:
        raise PermissionDenied
    contact = TrustedContact.objects.filter(user=actor.user, organisation_id=actor.organisation_id, active=True).first()
    if contact is None:
        raise ValidationError(_("You are not registered as a trusted contact of this organisation."))
    return contact


def _check_referral(actor: Actor, data: ReferralInput) -> str:
    if data.provider.organisation_id != actor.organisation_id or not data.provider.active:
        raise ValidationError({"provider": _("Choose one of your organisation's support providers.")})
    phone = _clean_phone(data.contact_phone, "contact_phone")
    if not phone and not data.contact_email.strip():
        raise ValidationError({"contact_phone": _("Give a phone number or an e-mail address.")})
    if data.consent_at > timezone.localdate():
        raise ValidationError({"consent_at": _("This date is in the future.")})
    return phone


@transaction.atomic
def referral_create(*, actor: Actor, data: ReferralInput, report: ApproachedReport | None = None) -> Referral:
    """Record a referral to support, made with the entrepreneur's consent (who gave it, when, how, for what)."""
    _require(actor, Perm.SUPPORT_REFER)
    if report is not None:
        _require(actor, Perm.SUPPORT_REFER, report)
    contact = report.trusted_contact if report is not None else _desk_of(actor)
    phone = _check_referral(actor, data)
    now = timezone.now()
    referral = Referral(
        trusted_contact=contact,
        report=report,
        referred_via=data.referred_via,
        referrer_detail=data.referrer_detail.strip(),
        provider=data.provider,
        need=data.need.strip(),
        contact_name=data.contact_name.strip(),
        contact_phone=phone,
        contact_email=data.contact_email.strip(),
        consent_given_by=data.consent_given_by.strip(),
        consent_at=data.consent_at,
        consent_method=data.consent_method,
        consent_scope=data.consent_scope.strip(),
        created_at=now,
    )
    if not referral.consent_given_by:
        raise ValidationError({"consent_given_by": _("Say who gave consent.")})
    referral.full_clean(exclude=["reference"])
    referral.reference = _reference("V", Referral)
    referral.save(force_insert=True)
    ReferralStatusChange.record(referral=referral, to_status=ReferralStatus.VERWEZEN, actor=actor.user, at=now)
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=referral,
        details={"provider_kind": data.provider.kind, "consent_method": data.consent_method},
    )
    return referral


def _open_for_change(referral: Referral) -> None:
    if referral.consent_withdrawn:
        raise ValidationError(_("Consent was withdrawn: this referral can no longer be changed."))


@transaction.atomic
def referral_update(*, actor: Actor, referral: Referral, data: ReferralInput, expected_version: int | None) -> Referral:
    """Correct a referral: provider, need, contact details and consent."""
    _require(actor, Perm.SUPPORT_REFER, referral)
    referral = lock_for_update(Referral, referral, expected_version)
    _open_for_change(referral)
    phone = _check_referral(actor, data)
    referral.provider = data.provider
    referral.referred_via = data.referred_via
    referral.referrer_detail = data.referrer_detail.strip()
    referral.need = data.need.strip()
    referral.contact_name = data.contact_name.strip()
    referral.contact_phone = phone
    referral.contact_email = data.contact_email.strip()
    referral.consent_given_by = data.consent_given_by.strip()
    referral.consent_at = data.consent_at
    referral.consent_method = data.consent_method
    referral.consent_scope = data.consent_scope.strip()
    if not referral.consent_given_by:
        raise ValidationError({"consent_given_by": _("Say who gave consent.")})
    referral.full_clean()
    fields = [
        "provider",
        "referred_via",
        "referrer_detail",
        "need",
        "contact_name",
        "contact_phone",
        "contact_email",
        "consent_given_by",
        "consent_at",
        "consent_method",
        "consent_scope",
    ]
    bump_version(referral, fields)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=referral, details={"fields": sorted(fields)})
    return referral


@transaction.atomic
def referral_transition(
    *, actor: Actor, referral: Referral, to_status: str, outcome: str = "", expected_version: int | None
) -> Referral:
    """Move the referral on (in contact → supported / declined / closed), with the outcome in words."""
    _require(actor, Perm.SUPPORT_REFER, referral)
    referral = lock_for_update(Referral, referral, expected_version)
    _open_for_change(referral)
    REFERRAL_TRANSITIONS.check(referral.status, to_status)
    from_status = referral.status
    referral.status = to_status
    fields = ["status"]
    if outcome.strip():
        referral.outcome = outcome.strip()
        fields.append("outcome")
    if to_status == ReferralStatus.GESLOTEN:
        referral.closed_at = timezone.now()
        fields.append("closed_at")
    bump_version(referral, fields)
    ReferralStatusChange.record(
        referral=referral, from_status=from_status, to_status=to_status, actor=actor.user, reason=outcome
    )
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=referral, details={"status": to_status})
    return referral


@transaction.atomic
def referral_consent_withdraw(*, actor: Actor, referral: Referral, expected_version: int | None) -> Referral:
    """The entrepreneur withdraws consent: his contact details are erased at once and the referral is closed;
    an anonymous record (provider kind, need, dates, statuses) remains until retention ends."""
    _require(actor, Perm.SUPPORT_REFER, referral)
    referral = lock_for_update(Referral, referral, expected_version)
    _open_for_change(referral)
    now = timezone.now()
    fields = referral.erase_contact()
    referral.consent_withdrawn_at = now
    fields.append("consent_withdrawn_at")
    from_status = referral.status
    if from_status != ReferralStatus.GESLOTEN:
        referral.status = ReferralStatus.GESLOTEN
        referral.closed_at = now
        fields += ["status", "closed_at"]
    bump_version(referral, fields)
    if from_status != ReferralStatus.GESLOTEN:
        ReferralStatusChange.record(
            referral=referral,
            from_status=from_status,
            to_status=ReferralStatus.GESLOTEN,
            actor=actor.user,
            reason=_("Consent withdrawn."),
            at=now,
        )
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=referral, details={"consent": "withdrawn"})
    return referral
