# SPDX-License-Identifier: EUPL-1.2
"""Writes of confidential pressure and integrity reports. Keyword-only, atomic, asking the policy themselves
(``PermissionDenied``: the views answer 404), audited in the same transaction. Audit details hold codes and
uuids only, never what was told.
"""

import secrets
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor, can
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.integrity import to_signals, to_threats
from weerbaar.integrity.constants import ACCOUNT_MAX, NOTE_MAX, OPEN, TRANSITIONS, Kind, Status, WhenHappened
from weerbaar.integrity.models import PressureReport, ReportNote, ReportStatusChange

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _reference_new() -> str:
    while True:
        reference = "IM-" + "".join(secrets.choice(_ALPHABET) for _i in range(6))
        if not PressureReport.objects.filter(reference=reference).exists():
            return reference


def _require_handle(actor: Actor, report: PressureReport) -> None:
    if not can(actor, Perm.INTEGRITY_HANDLE, report):
        raise PermissionDenied


def _require_open(report: PressureReport) -> None:
    if report.status not in OPEN:
        raise ValidationError(_("This report is closed."))


def _clean_text(value: str, field: str, maximum: int, missing: str) -> str:
    value = value.strip()
    if not value:
        raise ValidationError({field: missing})
    if len(value) > maximum:
        raise ValidationError({field: _("At most %(n)d characters.") % {"n": maximum}})
    return value


@transaction.atomic
def report_submit(*, actor: Actor, kind: str, when: str, account: str, contact: str = "") -> PressureReport:
    """A staff member's confidential report, for the integrity coordinator of the organisation he acts for."""
    if not can(actor, Perm.INTEGRITY_REPORT) or actor.user is None or actor.organisation is None:
        raise PermissionDenied
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose what it is about.")})
    if when not in WhenHappened.values:
        raise ValidationError({"when": _("Choose when it happened.")})
    report = PressureReport(
        reference=_reference_new(),
        organisation=actor.organisation,
        reporter=actor.user,
        kind=kind,
        when=when,
        account=_clean_text(account, "account", ACCOUNT_MAX, _("Tell what happened.")),
        contact=contact.strip()[:200],
        received_at=timezone.now(),
    )
    report.full_clean()
    report.save(force_insert=True)
    ReportStatusChange.record(actor=actor.user, report=report, to_status=Status.ONTVANGEN)
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=report, details={"kind": kind})
    return report


def _move(*, actor: Actor, report: PressureReport, to_status: str, reason: str) -> None:
    from_status = report.status
    TRANSITIONS.check(from_status, to_status)
    report.status = to_status
    fields = ["status"]
    if to_status == Status.GESLOTEN:
        report.ended_at = timezone.now()
        fields.append("ended_at")
    bump_version(report, fields)
    ReportStatusChange.record(
        actor=actor.user, report=report, from_status=from_status, to_status=to_status, reason=reason
    )


@transaction.atomic
def report_transition(
    *, actor: Actor, report: PressureReport, to_status: str, reason: str = "", expected_version: int | None
) -> PressureReport:
    _require_handle(actor, report)
    report = lock_for_update(PressureReport, report, expected_version)
    _move(actor=actor, report=report, to_status=to_status, reason=reason)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=report, details={"status": to_status})
    return report


@transaction.atomic
def note_add(*, actor: Actor, report: PressureReport, text: str) -> ReportNote:
    _require_handle(actor, report)
    _require_open(report)
    note = ReportNote(
        report=report,
        author=actor.user,
        text=_clean_text(text, "text", NOTE_MAX, _("Write the note.")),
        at=timezone.now(),
    )
    note.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=report, details={"note": True})
    return note


def _handed_over(*, actor: Actor, report: PressureReport, field: str, number: str, reason: str) -> None:
    setattr(report, field, number)
    report.save(update_fields=[field])
    if report.status != Status.DOORVERWEZEN and TRANSITIONS.allowed(report.status, Status.DOORVERWEZEN):
        _move(actor=actor, report=report, to_status=Status.DOORVERWEZEN, reason=reason)
    else:
        bump_version(report)


@transaction.atomic
def report_to_incident(
    *,
    actor: Actor,
    report: PressureReport,
    expected_version: int | None,
    forms: list[str],
    channel: str,
    target: str,
    office: str,
    occurred_at: datetime,
    severity: int,
    description: str,
) -> str:
    """A deliberate act of the coordinator: register a threat incident for the reporter, holding only what
    the coordinator typed here. Returns the incident's number; the report notes it and is referred."""
    _require_handle(actor, report)
    report = lock_for_update(PressureReport, report, expected_version)
    _require_open(report)
    if report.incident_number:
        raise ValidationError(_("This report has already been handed over as a threat incident."))
    if report.organisation_id != actor.organisation_id:
        raise PermissionDenied
    number = to_threats.register_incident(
        actor=actor,
        victim=report.reporter,
        forms=forms,
        channel=channel,
        target=target,
        office=office,
        occurred_at=occurred_at,
        severity=severity,
        description=description.strip(),
    )
    _handed_over(
        actor=actor,
        report=report,
        field="incident_number",
        number=number,
        reason=_("Handed over as threat incident %(number)s.") % {"number": number},
    )
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=report, details={"handed_over": "incident"})
    return number


@transaction.atomic
def report_to_signal(
    *, actor: Actor, report: PressureReport, expected_version: int | None, phenomenon: str, description: str
) -> str:
    """A deliberate act of the coordinator: file a signal forwarded by a confidential adviser (no reporter),
    holding only the text typed here. Returns the signal's number; the report notes it and is referred."""
    _require_handle(actor, report)
    report = lock_for_update(PressureReport, report, expected_version)
    _require_open(report)
    if report.signal_number:
        raise ValidationError(_("This report has already been handed over as a signal."))
    municipality = report.organisation.municipality
    if municipality is None:
        raise ValidationError(_("The organisation has no municipality: a signal cannot be filed from here."))
    number = to_signals.file_signal(
        actor=actor,
        phenomenon=phenomenon,
        description=_clean_text(description, "description", 10_000, _("Write the text of the signal.")),
        municipality=municipality,
    )
    _handed_over(
        actor=actor,
        report=report,
        field="signal_number",
        number=number,
        reason=_("Handed over as signal %(number)s.") % {"number": number},
    )
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=report, details={"handed_over": "signal"})
    return number
