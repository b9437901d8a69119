# SPDX-License-Identifier: EUPL-1.2
"""Writes of area C. Every write and every read of an incident is audited in the same transaction.

Audit details never hold content: field names, codes and UUIDs only.
"""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Role
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.notifications.services import outbox_enqueue
from weerbaar.threats import crypto, perpetrators, selectors, worktime
from weerbaar.threats.constants import (
    STEP_TRANSITIONS,
    TRANSITIONS,
    AssessmentOutcome,
    Status,
    StepKind,
    StepStatus,
    VictimRole,
)
from weerbaar.threats.models import (
    AccessGrant,
    FollowUpStep,
    Incident,
    MeasureChange,
    PerpetratorMark,
    ProtectionMeasure,
    StatusChange,
    ThreatAssessment,
    VictimPerson,
    incident_number_new,
)
from weerbaar.threats.permissions import coordinate_incident, may_grant

#: Finishing one of these steps moves the incident on to (at least) this status.
_STEP_ADVANCES: dict[str, str] = {
    StepKind.ACKNOWLEDGE: Status.GEREGISTREERD,
    StepKind.RESPOND_PERPETRATOR: Status.OPVOLGING,
    StepKind.CONTACT_VICTIM: Status.GEREGISTREERD,
}


def _user(actor: Actor) -> User:
    if actor.user is None:
        raise ValidationError(_("Log in first."))
    return actor.user


def _number_free() -> str:
    """A random number not yet taken (the unique constraint stays the last word)."""
    while True:
        number = incident_number_new()
        if not Incident.objects.filter(number=number).exists():
            return number


@transaction.atomic
def incident_report(
    *,
    actor: Actor,
    data: dict[str, Any],
    victim: User | None = None,
    victim_name: str = "",
    perpetrator_identifier: str = "",
    forwarded: bool = False,
) -> Incident:
    """Register a report and open the norm-time steps.

    The person affected is ``victim`` (an account: self-service, or a coordinator on their behalf) or, for
    the many office holders without an account, a name the coordinator registers. ``data["victim_role"]``
    is the office they hold. ``forwarded``: registered on the victim's behalf by someone of the same
    organisation to whom the victim turned in confidence (the integrity coordinator), who has checked their
    own permission to do so; the incident then follows the ordinary route to the security coordinator.
    """
    user = _user(actor)
    organisation = actor.organisation
    if organisation is None:
        raise ValidationError(_("Choose the organisation you act for first."))
    on_behalf = victim is None or victim.pk != user.pk
    if on_behalf and not forwarded and not coordinate_incident(actor, None):
        raise PermissionDenied
    name = victim_name.strip() or (victim.display_name if victim is not None else "")
    if not name:
        raise ValidationError({"victim_name": _("Choose the person affected or fill in their name.")})
    office = str(data.get("victim_role", ""))
    if office not in VictimRole.values:
        raise ValidationError({"victim_role": _("Choose the office or role of the person affected.")})
    fields = {
        k: v for k, v in data.items() if k not in {"perpetrator_identifier", "victim", "victim_name", "victim_role"}
    }
    incident = Incident(organisation=organisation, reported_by=user, number=_number_free(), **fields)
    incident.full_clean()
    incident.save(force_insert=True)
    person = VictimPerson(incident=incident, name=name, office=office, municipality=organisation, user=victim)
    person.full_clean()
    person.save(force_insert=True)
    StatusChange.record(incident=incident, to_status=Status.GEMELD, actor=user)
    received = incident.created_at
    for kind, due in (
        (StepKind.ACKNOWLEDGE, worktime.acknowledge_due(received)),
        (StepKind.CONTACT_VICTIM, worktime.acknowledge_due(received)),
        (StepKind.RESPOND_PERPETRATOR, worktime.response_due(received)),
    ):
        step = FollowUpStep(incident=incident, kind=kind, due_at=due)
        step.full_clean()
        step.save(force_insert=True)
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=incident,
        details={"on_behalf": on_behalf, "victim_account": victim is not None, "forms": list(incident.forms)},
    )
    if perpetrator_identifier:
        _marks_store(incident, perpetrators.marks({"identifier": perpetrator_identifier}))
    return incident


@transaction.atomic
def incident_read_record(*, actor: Actor, incident: Incident, what: str = "incident") -> None:
    """Audit a read of the incident (detail page, API, evidence, address)."""
    audit_event_record(actor=actor, action=AuditAction.READ, obj=incident, details={"part": what})


def _advance(*, actor: Actor, incident: Incident, to_status: str, reason: str) -> bool:
    """Move on when ``to_status`` lies ahead; a step finished late never moves the incident back."""
    if not TRANSITIONS.allowed(incident.status, to_status):
        return False
    StatusChange.record(
        incident=incident, from_status=incident.status, to_status=to_status, actor=_user(actor), reason=reason
    )
    incident.status = to_status
    incident.save(update_fields=["status", "updated_at"])
    return True


@transaction.atomic
def incident_status_change(*, actor: Actor, incident: Incident, to_status: str, reason: str) -> Incident:
    """Move forward in the status machine (steps may be skipped; a closed incident stays closed).

    Closing settles the follow-up: steps already done stay done, every open step is cancelled with the
    reason "incident closed", so no closed incident keeps an open (overdue) step.
    """
    TRANSITIONS.check(incident.status, to_status)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the status changes.")})
    from_status = incident.status
    _advance(actor=actor, incident=incident, to_status=to_status, reason=reason)
    details: dict[str, Any] = {"status": [from_status, to_status]}
    if to_status == Status.AFGESLOTEN:
        cancelled = [
            _step_record(actor=actor, step=step, status=StepStatus.CANCELLED, note=_("incident closed")).kind
            for step in incident.steps.filter(status=StepStatus.OPEN).order_by("due_at", "pk")
        ]
        details["steps_cancelled"] = cancelled
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=incident, details=details)
    return incident


@transaction.atomic
def step_add(
    *, actor: Actor, incident: Incident, kind: str, due_at: datetime, owner: User | None = None, note: str = ""
) -> FollowUpStep:
    step = FollowUpStep(incident=incident, kind=kind, due_at=due_at, owner=owner, note=note)
    step.full_clean()
    step.save(force_insert=True)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=incident, details={"step_added": kind})
    return step


def _step_record(*, actor: Actor, step: FollowUpStep, status: str, note: str = "") -> FollowUpStep:
    """Record an open step as done, not needed or cancelled (once: the step transitions say so)."""
    STEP_TRANSITIONS.check(step.status, status)
    step.status = status
    step.done_at = timezone.now()
    step.done_by = _user(actor)
    step.note = note or step.note
    step.full_clean()
    bump_version(step, ["status", "done_at", "done_by", "note"])
    return step


@transaction.atomic
def step_complete(
    *,
    actor: Actor,
    step: FollowUpStep,
    note: str = "",
    status: str = StepStatus.DONE,
    expected_version: int | None = None,
) -> FollowUpStep:
    """Record an open step as done, not needed or cancelled; finishing one of the norm-time steps moves the
    incident on. ``expected_version`` is the step's version the caller read (``StaleVersionError`` when it
    changed). The caller has checked that the actor coordinates the incident."""
    step = lock_for_update(FollowUpStep, step, expected_version)
    if step.incident.status == Status.AFGESLOTEN:
        raise ValidationError(_("This incident is closed."))
    _step_record(actor=actor, step=step, status=status, note=note)
    incident = step.incident
    target = _STEP_ADVANCES.get(step.kind)
    if target and status == StepStatus.DONE:
        _advance(actor=actor, incident=incident, to_status=target, reason=str(step.get_kind_display()))
    audit_event_record(
        actor=actor, action=AuditAction.UPDATE, obj=incident, details={"step_done": step.kind, "status": status}
    )
    return step


@transaction.atomic
def police_report_record(
    *, actor: Actor, incident: Incident, filed_on: date, filed_by: str, vpt_code: str, reference: str
) -> Incident:
    """Record the police report: VPT code for priority, the employer's address instead of the home address."""
    incident.police_report_filed_at = filed_on
    incident.police_report_filed_by = filed_by
    incident.police_report_vpt_code = vpt_code.strip()
    incident.police_report_reference = reference.strip()
    incident.police_report_employer_address = True
    incident.full_clean()
    incident.save(
        update_fields=[
            "police_report_filed_at",
            "police_report_filed_by",
            "police_report_vpt_code",
            "police_report_reference",
            "police_report_employer_address",
            "updated_at",
        ]
    )
    open_step = incident.steps.filter(kind=StepKind.POLICE_REPORT, status=StepStatus.OPEN).first()
    now = timezone.now()
    step = open_step or FollowUpStep(incident=incident, kind=StepKind.POLICE_REPORT, due_at=now)
    step.status, step.done_at, step.done_by = StepStatus.DONE, now, _user(actor)
    step.full_clean()
    step.save()
    _advance(actor=actor, incident=incident, to_status=Status.AANGIFTE, reason=_("Police report recorded"))
    audit_event_record(
        actor=actor, action=AuditAction.UPDATE, obj=incident, details={"police_report": True, "filed_by": filed_by}
    )
    return incident


@transaction.atomic
def assessment_record(
    *,
    actor: Actor,
    incident: Incident,
    outcome: str,
    assessed_by: str,
    assessed_on: date,
    recommended_measures: str = "",
) -> ThreatAssessment:
    """Record the outcome of the threat assessment; it finishes the assessment step and shows in the history."""
    if not coordinate_incident(actor, incident):
        raise PermissionDenied
    if incident.status == Status.AFGESLOTEN:
        raise ValidationError(_("This incident is closed."))
    user = _user(actor)
    assessment = ThreatAssessment(
        incident=incident,
        outcome=outcome,
        assessed_by=assessed_by.strip(),
        assessed_on=assessed_on,
        recommended_measures=recommended_measures.strip(),
        recorded_by=user,
    )
    assessment.full_clean()
    assessment.save(force_insert=True)
    label = str(dict(AssessmentOutcome.choices)[outcome])
    summary = _("Threat assessment: %(outcome)s (%(by)s, %(on)s)") % {
        "outcome": label,
        "by": assessment.assessed_by,
        "on": assessed_on.isoformat(),
    }
    open_step = incident.steps.filter(kind=StepKind.THREAT_ASSESSMENT, status=StepStatus.OPEN).first()
    if open_step is None:
        open_step = FollowUpStep(incident=incident, kind=StepKind.THREAT_ASSESSMENT, due_at=timezone.now())
        open_step.full_clean()
        open_step.save(force_insert=True)
    _step_record(actor=actor, step=open_step, status=StepStatus.DONE, note=label)
    if not _advance(actor=actor, incident=incident, to_status=Status.DREIGINGSBEOORDELING, reason=summary):
        # Already further along: the outcome still belongs in the history, as a change within the status.
        StatusChange.record(
            incident=incident, from_status=incident.status, to_status=incident.status, actor=user, reason=summary
        )
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=incident,
        details={"assessment": str(assessment.uuid), "outcome": outcome},
    )
    return assessment


def _marks_store(incident: Incident, sealed: dict[str, str]) -> list[PerpetratorMark]:
    rows = [PerpetratorMark(incident=incident, feature=f, mark=m) for f, m in sealed.items()]
    PerpetratorMark.objects.bulk_create(rows, ignore_conflicts=True)
    others = list(
        Incident.objects.filter(perpetrator_marks__mark__in=sealed.values())
        .exclude(pk=incident.pk)
        .exclude(organisation_id=incident.organisation_id)
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    if others:
        transaction.on_commit(lambda: _tell_coordinators(others))
    return rows


def _tell_coordinators(organisation_ids: list[int]) -> None:
    """Another organisation's coordinators learn that a perpetrator of theirs appears elsewhere (no content)."""
    assignments = RoleAssignment.objects.current().filter(
        organisation_id__in=organisation_ids, role=Role.VEILIGHEIDSCOORDINATOR, user__is_active=True
    )
    for recipient in sorted({a.user.email for a in assignments.select_related("user") if a.user.email}):
        outbox_enqueue(
            recipient=recipient,
            subject=_("A perpetrator known to your organisation appears elsewhere"),
            body=_(
                "A perpetrator recorded in an incident of your organisation has also been recorded by another "
                "organisation. Log in to Weerbaar to see which organisation, and get in touch if that helps."
            ),
        )


@transaction.atomic
def perpetrator_links_show(*, actor: Actor, incident: Incident) -> selectors.PerpetratorLinks:
    """The coordinator's view of perpetrator matches; hits at other organisations are audited as disclosed."""
    links = selectors.perpetrator_links(actor=actor, incident=incident)
    if links.elsewhere:
        audit_event_record(
            actor=actor,
            action=AuditAction.DISCLOSE,
            obj=incident,
            details={"perpetrator_hits": len(links.elsewhere)},
        )
    return links


@transaction.atomic
def perpetrator_record(*, actor: Actor, incident: Incident, values: dict[str, Any]) -> int:
    """The coordinator records what is known of the perpetrator; only sealed marks are stored (area C).

    Returns the number of features recorded. Matches with other incidents are found at once; the
    coordinators of other organisations with a match are told there is one (never which incident).
    """
    if not coordinate_incident(actor, incident):
        raise PermissionDenied
    sealed = perpetrators.marks(values)
    if not sealed:
        raise ValidationError(_("Fill in at least one thing you know of the perpetrator."))
    _marks_store(incident, sealed)
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=incident,
        details={"fields": ["perpetrator"], "features": sorted(sealed)},
    )
    return len(sealed)


_MEASURE_FIELDS = ("domain", "description", "provider", "starts_on", "ends_on", "cost_bearer", "review_on")


def _snapshot(measure: ProtectionMeasure) -> dict[str, Any]:
    return {
        name: (value.isoformat() if isinstance(value, date) else value)
        for name in _MEASURE_FIELDS
        for value in [getattr(measure, name)]
    }


@transaction.atomic
def measure_create(*, actor: Actor, incident: Incident, data: dict[str, Any]) -> ProtectionMeasure:
    measure = ProtectionMeasure(incident=incident, **{k: v for k, v in data.items() if k in _MEASURE_FIELDS})
    measure.full_clean()
    measure.save(force_insert=True)
    MeasureChange.objects.create(measure=measure, snapshot=_snapshot(measure), changed_by=_user(actor))
    _advance(actor=actor, incident=incident, to_status=Status.MAATREGELEN, reason=_("Protection measure added"))
    audit_event_record(
        actor=actor, action=AuditAction.UPDATE, obj=incident, details={"measure_added": str(measure.uuid)}
    )
    return measure


@transaction.atomic
def measure_update(*, actor: Actor, measure: ProtectionMeasure, data: dict[str, Any], reason: str) -> ProtectionMeasure:
    """Adapt a measure (e.g. when the threat level changes); the previous state stays in the history."""
    changed = [n for n in _MEASURE_FIELDS if n in data and getattr(measure, n) != data[n]]
    if not changed:
        return measure
    for name in changed:
        setattr(measure, name, data[name])
    if "review_on" in changed:
        measure.review_reminded_for = None
    measure.full_clean()
    measure.save(update_fields=[*changed, "review_reminded_for", "updated_at"])
    MeasureChange.objects.create(measure=measure, snapshot=_snapshot(measure), reason=reason, changed_by=_user(actor))
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=measure.incident,
        details={"measure_changed": str(measure.uuid), "fields": sorted(changed)},
    )
    return measure


@transaction.atomic
def grant_create(*, actor: Actor, incident: Incident, grantee: User, reason: str) -> AccessGrant:
    """Let one named person see the incident: someone of the own organisation or of the police.

    The grant names the organisation the person acts for; they see the incident only while acting for it.
    """
    if not may_grant(actor, incident):
        raise PermissionDenied
    if grantee.pk == incident.victim_person.user_id:
        raise ValidationError({"grantee": _("The victim already has access.")})
    organisation = selectors.grantee_organisations(incident=incident).get(grantee.pk)
    if organisation is None:
        raise ValidationError({"grantee": _("Access can only be granted to the own organisation or the police.")})
    if incident.grants.filter(grantee=grantee, revoked_at__isnull=True).exists():
        raise ValidationError({"grantee": _("This person already has access.")})
    grant = AccessGrant(
        incident=incident, grantee=grantee, organisation=organisation, granted_by=_user(actor), reason=reason
    )
    grant.full_clean()
    grant.save(force_insert=True)
    audit_event_record(
        actor=actor,
        action=AuditAction.DISCLOSE,
        obj=incident,
        purpose=reason,
        details={
            "grantee": str(grantee.uuid),
            "grant": str(grant.uuid),
            "organisation": str(organisation.uuid),
            "other_organisation": organisation.pk != incident.organisation_id,
        },
    )
    return grant


@transaction.atomic
def grant_revoke(*, actor: Actor, grant: AccessGrant) -> AccessGrant:
    if grant.revoked_at is not None:
        return grant
    grant.revoked_at = timezone.now()
    grant.revoked_by = _user(actor)
    grant.save(update_fields=["revoked_at", "revoked_by"])
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=grant.incident,
        details={"grant_revoked": str(grant.uuid), "grantee": str(grant.grantee.uuid)},
    )
    return grant


@transaction.atomic
def home_address_set(*, actor: Actor, incident: Incident, address: str) -> Incident:
    incident.home_address_encrypted = crypto.address_encrypt(address.strip())
    incident.save(update_fields=["home_address_encrypted", "updated_at"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=incident, details={"fields": ["home_address"]})
    return incident


@transaction.atomic
def home_address_rotate_all() -> int:
    """Re-encrypt every stored address with the first key (after adding a new key in front)."""
    count = 0
    for incident in Incident.objects.exclude(home_address_encrypted="").select_for_update():
        incident.home_address_encrypted = crypto.address_rotate(incident.home_address_encrypted)
        incident.save(update_fields=["home_address_encrypted"])
        count += 1
    audit_event_record(
        actor=None, action=AuditAction.UPDATE, object_type="threats.incident", details={"rotated": count}
    )
    return count
