# SPDX-License-Identifier: EUPL-1.2
"""Writes on signals: reporting (all channels), the weighing workflow, privacy checks, the dialogue.

Each write validates with ``full_clean()``, saves with ``update_fields``, records an audit event in the
same transaction and sends mail only ``on_commit`` through the outbox (never with signal content).
"""

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm, Role
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor, can
from weerbaar.core.workflow.versioning import StaleVersionError as StaleVersionError  # raised by lock_for_update
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.correlation.constants import SubjectSource
from weerbaar.correlation.services import SubjectAdded, subject_check, subject_register
from weerbaar.geo.models import Municipality
from weerbaar.notifications.services import outbox_enqueue
from weerbaar.signals.attachments import ProcessedFile, attachment_store
from weerbaar.signals.constants import (
    ACKNOWLEDGE_DAYS,
    FORWARDED_CHANNELS,
    REQUIRED_CHECKS,
    RETENTION_MONTHS,
    TRANSITIONS,
    WEIGH_DAYS,
    Channel,
    LocationKind,
    MessageDirection,
    Status,
)
from weerbaar.signals.models import (
    AnonymousReceipt,
    DrugWasteDetails,
    PrivacyCheck,
    Signal,
    SignalMessage,
    StatusChange,
)
from weerbaar.signals.routing import intake_route_for

#: Letters and digits nobody confuses when reading a code aloud or typing it over: no O/0, I/1/L.
UNAMBIGUOUS_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RECEIPT_LENGTH = 24  # about 119 bits, shown in groups of four
#: Random, so a number says nothing about how many signals came before it (31**6: close to 900 million a year).
NUMBER_RANDOM_LENGTH = 6
NUMBER_ATTEMPTS = 10


@dataclass
class SignalInput:
    channel: str
    phenomenon: str
    description: str
    location_kind: str
    indicators: list[str] = field(default_factory=list)
    occurred_on: date | None = None
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    municipality: Municipality | None = None
    forwarded_reference: str = ""
    subjects: list[dict[str, Any]] = field(default_factory=list)
    attachments: list[ProcessedFile] = field(default_factory=list)
    drug_waste: dict[str, Any] | None = None


def _random_code(length: int) -> str:
    return "".join(secrets.choice(UNAMBIGUOUS_ALPHABET) for _ in range(length))


def receipt_code_new() -> str:
    text = _random_code(RECEIPT_LENGTH)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def receipt_code_hash(code: str) -> str:
    # Case, spaces and dashes are ignored, so codes issued in the earlier base32 form still match.
    normalised = "".join(code.upper().split()).replace("-", "")
    return hashlib.sha256(normalised.encode()).hexdigest()


def _signal_number_new(*, year: int) -> str:
    """``M<year>-`` and six random characters; whether a signal has it already, the insert finds out."""
    return f"M{year}-{_random_code(NUMBER_RANDOM_LENGTH)}"


def _signal_insert_numbered(signal: Signal, *, year: int) -> None:
    """Insert ``signal`` under a new random number, drawing again when the number is taken.

    Signals numbered earlier keep their sequential numbers (``M2026-000042``); the unique constraint covers
    the rare new number that looks like one of those or was drawn twice. The number is not looked up
    first: that would cost every signal a query for a collision that almost never happens.
    """
    for _attempt in range(NUMBER_ATTEMPTS):
        signal.number = _signal_number_new(year=year)
        try:
            with transaction.atomic():
                signal.save(force_insert=True)
        except IntegrityError:
            if not Signal.objects.filter(number=signal.number).exists():
                raise  # another constraint failed: not a taken number
            continue
        return
    raise RuntimeError(f"no free signal number after {NUMBER_ATTEMPTS} attempts")


def intake_recipients(signal: Signal) -> list[str]:
    return intake_team_emails(signal.organisation_id)


def intake_team_emails(organisation_id: int | None) -> list[str]:
    """The addresses of the intake team (meldpunt) of an organisation."""
    if organisation_id is None:
        return []
    assignments = RoleAssignment.objects.current().filter(
        organisation_id=organisation_id, role=Role.MELDPUNT, user__is_active=True
    )
    return sorted({a.user.email for a in assignments.select_related("user") if a.user.email})


def _notify_intake(signal: Signal) -> None:
    for recipient in intake_recipients(signal):
        outbox_enqueue(
            recipient=recipient,
            subject=_("New signal for your organisation in Weerbaar"),
            body=_("A new signal (%(number)s) has arrived for your intake team. Log in to Weerbaar to read it.")
            % {"number": signal.number},
        )


def signal_create(*, actor: Actor | None, data: SignalInput) -> tuple[Signal, str | None]:
    """Record a signal from any channel; returns it and, for anonymous reports, the receipt code (once).

    Anonymous and forwarded signals store no reporter and nothing about the request (no address, no
    user agent); the audit event carries only the request id.

    The input is checked before anything is written; what is written then runs in the caller's transaction
    when there is one (the API's, which also stores the Idempotency-Key), without a savepoint of its own:
    a failure there fails the whole transaction, as it must.
    """
    anonymous = data.channel == Channel.ANONIEM or data.channel in FORWARDED_CHANNELS
    user = None if anonymous or actor is None else actor.user
    now = timezone.now()
    if data.location_kind == LocationKind.PUNT and (data.latitude is None or data.longitude is None):
        raise ValidationError({"latitude": _("Pick a point on the map or choose another kind of location.")})
    municipality, organisation = intake_route_for(
        latitude=data.latitude, longitude=data.longitude, chosen=data.municipality
    )
    if municipality is None:
        raise ValidationError({"municipality": _("Choose the municipality where it happened.")})
    signal = Signal(
        channel=data.channel,
        phenomenon=data.phenomenon,
        indicators=list(dict.fromkeys(data.indicators)),
        description=data.description.strip(),
        occurred_on=data.occurred_on,
        location_kind=data.location_kind,
        street=data.street,
        house_number=data.house_number,
        postcode=data.postcode,
        city=data.city,
        latitude=data.latitude,
        longitude=data.longitude,
        municipality=municipality,
        organisation=organisation,
        reporter=user,
        reporter_organisation=actor.organisation if actor is not None and user is not None else None,
        forwarded_reference=data.forwarded_reference,
        received_at=now,
        acknowledge_due=now + timedelta(days=ACKNOWLEDGE_DAYS),
        weigh_due=now + timedelta(days=WEIGH_DAYS),
    )
    # The related objects are the ones resolved above (not input), the UUID is new and the number is checked
    # when drawn: validating them again would only add a query each to every signal.
    signal.full_clean(
        exclude=["number", "municipality", "organisation", "reporter", "reporter_organisation"], validate_unique=False
    )
    for subject in data.subjects:
        subject_check(kind=subject["kind"], values={k: v for k, v in subject.items() if k != "kind"})
    details = None
    if data.drug_waste is not None:
        details = DrugWasteDetails(**data.drug_waste)
        details.full_clean(exclude=["signal"], validate_unique=False)  # the signal is the one about to be made
    with transaction.atomic(savepoint=False):
        return _signal_write(signal, actor=actor, user=user, data=data, now=now, details=details)


def _signal_write(
    signal: Signal,
    *,
    actor: Actor | None,
    user: User | None,
    data: SignalInput,
    now: datetime,
    details: DrugWasteDetails | None,
) -> tuple[Signal, str | None]:
    _signal_insert_numbered(signal, year=now.year)
    StatusChange.record(signal=signal, to_status=Status.ONTVANGEN, actor=user, at=now)
    if details is not None:
        details.signal = signal
        details.save(force_insert=True)
    for processed in data.attachments:
        attachment_store(signal=signal, processed=processed, added_by=user)
    receipt = None
    if data.channel == Channel.ANONIEM:
        receipt = receipt_code_new()
        AnonymousReceipt.objects.create(signal=signal, code_hash=receipt_code_hash(receipt))
    # Who registered it is audited (also the intake officer registering a forwarded signal); an
    # anonymous report is audited without any actor.
    audit_event_record(
        actor=None if data.channel == Channel.ANONIEM else actor,
        action=AuditAction.CREATE,
        obj=signal,
        details={"channel": data.channel, "subjects": len(data.subjects), "attachments": len(data.attachments)},
    )
    _notify_intake(signal)
    # The subjects last: registering one takes the advisory locks of its keys, held until the commit, so
    # every other registration of the same plate or person waits for the rest of this transaction. Done
    # last, that wait is the registration and the commit, not the whole signal.
    for subject in data.subjects:
        values = {k: v for k, v in subject.items() if k != "kind"}
        subject_register(
            actor=None if data.channel == Channel.ANONIEM else actor,
            kind=subject["kind"],
            values=values,
            signal=signal,
            supplied_by=signal.reporter_organisation,
            regime=LegalRegime.AVG,
            source=SubjectSource.MELDER,
        )
    return signal, receipt


@transaction.atomic
def signal_subject_add(
    *,
    actor: Actor,
    signal: Signal,
    kind: str,
    values: dict[str, Any],
    source: str = SubjectSource.INVOER,
    source_detail: str = "",
) -> SubjectAdded:
    """The intake team adds a subject to a signal (typed, or found in the text and confirmed); it is
    correlated at once. Supplied by the intake organisation, under the GDPR (the signal's regime)."""
    if not can(actor, Perm.SIGNALS_INTAKE, signal):
        raise PermissionDenied
    if source not in (SubjectSource.INVOER, SubjectSource.TEKST, SubjectSource.API):
        source = SubjectSource.INVOER
    return subject_register(
        actor=actor,
        kind=kind,
        values=values,
        signal=signal,
        supplied_by=actor.organisation,
        regime=LegalRegime.AVG,
        source=source,
        source_detail=source_detail,
    )


def _retention_until(outcome: str, at: date) -> date | None:
    months = RETENTION_MONTHS.get(outcome)
    if months is None:
        return None
    year, month = divmod(at.month - 1 + months, 12)
    day = min(at.day, 28)
    return date(at.year + year, month + 1, day)


@transaction.atomic
def signal_transition(
    *, actor: Actor, signal: Signal, to_status: str, reason: str = "", expected_version: int | None = None
) -> Signal:
    """Move a signal through the weighing workflow; refuses illegal moves and missing privacy checks."""
    signal = lock_for_update(Signal, signal, expected_version)
    TRANSITIONS.check(signal.status, to_status)
    missing = [
        kind
        for kind in REQUIRED_CHECKS.get(to_status, frozenset())
        if not signal.privacy_checks.filter(kind=kind, conclusion_positive=True).exists()
    ]
    if missing:
        raise ValidationError(
            _("Record privacy check %(checks)s with a positive conclusion first.")
            % {"checks": ", ".join(sorted(m.upper() for m in missing))}
        )
    if to_status != Status.GEKWALIFICEERD and not reason.strip():
        raise ValidationError({"reason": _("Give the reasoning for this decision.")})
    now = timezone.now()
    previous = signal.status
    signal.status = to_status
    fields = ["status"]
    if to_status in (Status.GEKWALIFICEERD, Status.BUITEN_SCOPE):
        signal.qualified_at = now
        fields.append("qualified_at")
    if previous == Status.GEKWALIFICEERD:
        signal.decided_at = now
        fields.append("decided_at")
    if to_status == Status.AFGEROND:
        signal.closed_at = now
        signal.retention_until = _retention_until(previous, now.date())
        fields += ["closed_at", "retention_until"]
    elif to_status in RETENTION_MONTHS and signal.retention_until is None:
        signal.retention_until = _retention_until(to_status, now.date())
        fields.append("retention_until")
    signal.full_clean()
    bump_version(signal, fields)
    StatusChange.record(
        signal=signal, from_status=previous, to_status=to_status, actor=actor.user, reason=reason, at=now
    )
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=signal, details={"status": [previous, to_status]})
    return signal


@transaction.atomic
def signal_case_started(*, actor: Actor, signal: Signal, case_number: str) -> StatusChange:
    """A case was started from the signal: its history says so; its status stays. The caller (the cases
    app) has checked that the actor may see the signal."""
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    change = StatusChange.record(
        signal=signal,
        from_status=signal.status,
        to_status=signal.status,
        actor=actor.user,
        reason=_("Case %(number)s started from this signal.") % {"number": case_number},
    )
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=signal, details={"case_started": case_number})
    return change


@transaction.atomic
def privacy_check_record(
    *, actor: Actor, signal: Signal, kind: str, expected_version: int | None = None, **fields: Any
) -> PrivacyCheck:
    """Record a privacy check on an open signal. It adds a record and leaves the signal's version as it is;
    ``expected_version`` only refuses a check made against a signal that changed since it was read."""
    if actor.user is None:
        raise ValidationError(_("A privacy check needs an author."))
    signal = lock_for_update(Signal, signal, expected_version)
    if signal.status == Status.AFGEROND:
        raise ValidationError(_("This signal is closed: no privacy check can be added."))
    check = PrivacyCheck(signal=signal, kind=kind, author=actor.user, **fields)
    check.full_clean()
    check.save(force_insert=True)
    audit_event_record(
        actor=actor, action=AuditAction.CREATE, obj=check, details={"signal": str(signal.uuid), "kind": kind}
    )
    return check


@transaction.atomic
def message_to_reporter(*, actor: Actor, signal: Signal, body: str) -> SignalMessage:
    message = SignalMessage(signal=signal, direction=MessageDirection.TO_REPORTER, body=body.strip(), author=actor.user)
    message.full_clean()
    message.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=message, details={"signal": str(signal.uuid)})
    if signal.reporter is not None and signal.reporter.email:
        outbox_enqueue(
            recipient=signal.reporter.email,
            subject=_("A question about your signal in Weerbaar"),
            body=_("The intake team has a question about your signal %(number)s. Log in to Weerbaar to read it.")
            % {"number": signal.number},
        )
    return message


def signal_for_receipt(*, code: str) -> Signal | None:
    """The anonymous reporter's signal for a receipt code (the code itself is never stored)."""
    if not code or len(code) > 64:
        return None
    receipt = AnonymousReceipt.objects.select_related("signal").filter(code_hash=receipt_code_hash(code)).first()
    return receipt.signal if receipt is not None else None


@transaction.atomic
def message_from_reporter(
    *, signal: Signal, body: str, attachments: list[ProcessedFile] | None = None
) -> SignalMessage:
    """An answer or extra information from the reporter (anonymous: no author, no request metadata)."""
    message = SignalMessage(
        signal=signal, direction=MessageDirection.FROM_REPORTER, body=body.strip(), author=signal.reporter
    )
    message.full_clean()
    message.save(force_insert=True)
    for processed in attachments or []:
        attachment_store(signal=signal, processed=processed, added_by=None)
    audit_event_record(actor=None, action=AuditAction.CREATE, obj=message, details={"signal": str(signal.uuid)})
    return message


@transaction.atomic
def legal_hold_set(*, actor: Actor, signal: Signal, hold: bool, reason: str) -> Signal:
    """Set or lift the legal hold, always with a reason: it is audited as the purpose of the change (as for an
    incident). Lifting a hold that is not there is refused, so a second submit does nothing."""
    reason = reason.strip()
    if not reason:
        message = _("Give the reason for the legal hold.") if hold else _("Give the reason for lifting the legal hold.")
        raise ValidationError({"legal_hold_reason": message})
    if not hold and not signal.legal_hold:
        raise ValidationError(_("This signal has no legal hold to lift."))
    signal.legal_hold = hold
    signal.legal_hold_reason = reason if hold else ""
    bump_version(signal, ["legal_hold", "legal_hold_reason"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=signal, purpose=reason, details={"legal_hold": hold})
    return signal


DRUG_WASTE_FIELDS = (
    "dumping_type",
    "volume_litres",
    "landowner_type",
    "police_reference",
    "cleanup_contractor",
    "cleanup_costs",
)


@transaction.atomic
def drug_waste_details_set(
    *, actor: Actor, signal: Signal, data: dict[str, Any], expected_version: int | None = None
) -> DrugWasteDetails:
    """Complete the drug-waste follow-up (police report, clean-up, costs) for the compensation claim."""
    signal = lock_for_update(Signal, signal, expected_version)
    details = DrugWasteDetails.objects.filter(signal=signal).first() or DrugWasteDetails(signal=signal)
    changed = [name for name in DRUG_WASTE_FIELDS if name in data and getattr(details, name) != data[name]]
    for name in changed:
        setattr(details, name, data[name])
    details.full_clean()
    if details.pk is None:
        details.save(force_insert=True)
    elif changed:
        details.save(update_fields=changed)
    bump_version(signal)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=signal, details={"drug_waste": sorted(changed)})
    return details
