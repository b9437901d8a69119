# SPDX-License-Identifier: EUPL-1.2
"""A case's life: creation, the RIEC work process, the assessment, closure and destruction."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases.constants import (
    CASE_TRANSITIONS,
    RETENTION_YEARS_AFTER_CLOSURE,
    AccessRequestStatus,
    CaseStatus,
    MemberRole,
)
from weerbaar.cases.models import Case, CaseStatusChange, Membership
from weerbaar.cases.selectors import interventions_blocking_closure
from weerbaar.cases.services._common import require, require_member, require_open, require_owner
from weerbaar.cases.services.items import subject_carry_over
from weerbaar.core.constants import LegalRegime
from weerbaar.core.policy import Actor
from weerbaar.core.retention import add_years
from weerbaar.core.workflow.versioning import bump_version, lock_for_update
from weerbaar.correlation.selectors import subjects_of_signal
from weerbaar.geo.models import Municipality
from weerbaar.signals.models import Signal
from weerbaar.signals.selectors import signal_list
from weerbaar.signals.services import signal_case_started


@transaction.atomic
def case_create(
    *,
    actor: Actor,
    title: str,
    phenomena: list[str],
    classification: str,
    signals: list[Signal] | None = None,
    municipality: Municipality | None = None,
) -> Case:
    """New case directed by the actor's organisation (member with role regie) with the actor as named member;
    linked signals must be visible to the actor (signals.selectors.signal_list). Number "C<year>-<pk:06d>"."""
    require(actor, Perm.CASES_MANAGE)
    if actor.user is None or actor.organisation is None:
        raise PermissionDenied
    linked = list(signals or [])
    if linked:
        visible = set(signal_list(actor=actor).filter(pk__in=[s.pk for s in linked]).values_list("pk", flat=True))
        if any(s.pk not in visible for s in linked):
            raise PermissionDenied
    now = timezone.now()
    case = Case(
        title=title.strip(),
        owner=actor.organisation,
        phenomena=list(dict.fromkeys(phenomena)),
        classification=classification,
        municipality=municipality,
        created_by=actor.user,
    )
    case.full_clean(exclude=["number"])
    case.save(force_insert=True)
    case.number = f"C{timezone.localdate().year}-{case.pk:06d}"
    case.save(update_fields=["number"])
    if linked:
        case.signals.set(linked)
    CaseStatusChange.record(case=case, to_status=CaseStatus.AANGEMAAKT, actor=actor.user, at=now)
    for user in (None, actor.user):
        Membership.objects.create(
            case=case,
            organisation=actor.organisation,
            user=user,
            role=MemberRole.REGIE,
            joined_at=now,
            added_by=actor.user,
        )
    audit_event_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=case,
        details={"signals": [str(s.uuid) for s in linked], "classification": classification},
    )
    return case


@transaction.atomic
def case_start_from_signal(
    *,
    actor: Actor,
    signal: Signal,
    title: str,
    phenomena: list[str],
    classification: str,
    municipality: Municipality | None = None,
    signals: list[Signal] | None = None,
) -> Case:
    """A case started from ``signal`` (which the actor must see): the signal is linked, its subjects the actor
    may see come over as subject items with their provenance (supplier, legal regime, "melding <number>") and
    are registered with correlation, and the signal's history records the start. One transaction."""
    require(actor, Perm.CASES_MANAGE)
    if not signal_list(actor=actor).filter(pk=signal.pk).exists():
        raise PermissionDenied
    linked = [signal, *(s for s in signals or [] if s.pk != signal.pk)]
    case = case_create(
        actor=actor,
        title=title,
        phenomena=phenomena,
        classification=classification,
        signals=linked,
        municipality=municipality,
    )
    carried = 0
    for subject in subjects_of_signal(actor=actor, signal=signal).select_related("supplied_by"):
        subject_carry_over(actor=actor, case=case, subject=subject, source_detail=f"melding {signal.number}")
        carried += 1
    signal_case_started(actor=actor, signal=signal, case_number=case.number or "")
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=case,
        details={"started_from": str(signal.uuid), "subjects_carried_over": carried},
    )
    return case


@transaction.atomic
def case_transition(
    *, actor: Actor, case: Case, to_status: str, reason: str = "", expected_version: int | None = None
) -> Case:
    """Move through CASE_TRANSITIONS (owner only); closing goes through case_close."""
    require_owner(actor, case)
    if to_status == CaseStatus.AFGESLOTEN:
        return case_close(actor=actor, case=case, reason=reason, expected_version=expected_version)
    case = lock_for_update(Case, case, expected_version)
    require_open(case)
    CASE_TRANSITIONS.check(case.status, to_status)
    previous = case.status
    case.status = to_status
    case.full_clean()
    bump_version(case, ["status"])
    CaseStatusChange.record(case=case, from_status=previous, to_status=to_status, actor=actor.user, reason=reason)
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=case, details={"status": [previous, to_status]})
    return case


@transaction.atomic
def case_assessment_record(*, actor: Actor, case: Case, text: str, expected_version: int | None = None) -> Case:
    """The written proportionality/subsidiarity assessment (owner only); unlocks police data for members."""
    require_owner(actor, case)
    case = lock_for_update(Case, case, expected_version)
    require_open(case)
    if not text.strip():
        raise ValidationError({"assessment": _("Write the proportionality and subsidiarity assessment.")})
    case.assessment = text.strip()
    case.assessment_by = actor.user
    case.assessment_at = timezone.now()
    case.full_clean()
    bump_version(case, ["assessment", "assessment_by", "assessment_at"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=case, details={"fields": ["assessment"]})
    return case


@transaction.atomic
def case_close(
    *, actor: Actor, case: Case, reason: str, expected_version: int | None = None, confirm_blocking: bool = False
) -> Case:
    """Close (owner only): police (Wpg) items are destroyed now with an audit DELETE per item; the rest is
    kept until retention_until (RETENTION_YEARS_AFTER_CLOSURE).

    A running Bibob investigation or closure procedure may still rest on those police data: it blocks
    closing unless the director confirms it explicitly (``confirm_blocking``). Open access requests are
    refused, since nobody can be admitted to a closed case. The reason is audited."""
    require_owner(actor, case)
    case = lock_for_update(Case, case, expected_version)
    require_open(case)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for closing the case.")})
    blocking = list(interventions_blocking_closure(case=case))
    if blocking and not confirm_blocking:
        raise ValidationError(
            {
                "confirm_blocking": _(
                    "A Bibob investigation or closure procedure is still running. Confirm that the case is "
                    "closed anyway, or wait until it has ended."
                )
            }
        )
    now = timezone.now()
    police_items = list(case.items.filter(regime=LegalRegime.WPG).select_related("supplier"))
    for item in police_items:
        # The audit event is the deletion record: what (uuid, supplier, regime), when, by whom, by which rule.
        audit_event_record(
            actor=actor,
            action=AuditAction.DELETE,
            obj=item,
            details={
                "case": str(case.uuid),
                "regime": item.regime,
                "supplier": str(item.supplier.uuid),
                "rule": "closure:wpg",
            },
        )
        item.delete()
    refused = 0
    for access_request in case.access_requests.select_for_update().filter(status=AccessRequestStatus.OPEN):
        access_request.status = AccessRequestStatus.AFGEWEZEN
        access_request.decided_by = actor.user
        access_request.decided_at = now
        access_request.decision_reason = str(_("The case has been closed."))
        access_request.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
        refused += 1
    previous = case.status
    case.status = CaseStatus.AFGESLOTEN
    case.closed_at = now
    case.police_data_destroyed_at = now
    case.retention_until = add_years(timezone.localdate(), RETENTION_YEARS_AFTER_CLOSURE)
    case.full_clean()
    bump_version(case, ["status", "closed_at", "police_data_destroyed_at", "retention_until"])
    CaseStatusChange.record(
        case=case, from_status=previous, to_status=CaseStatus.AFGESLOTEN, actor=actor.user, reason=reason, at=now
    )
    audit_event_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=case,
        # The reason is the director's own words on why the case ends: the purpose of this change.
        purpose=reason.strip()[:500],
        details={
            "status": [previous, CaseStatus.AFGESLOTEN],
            "police_items_destroyed": len(police_items),
            "access_requests_refused": refused,
            "blocking_interventions": [str(i.uuid) for i in blocking],
            "blocking_confirmed": bool(blocking),
        },
    )
    return case


def cases_retention_run(*, today: date | None = None) -> int:
    """Destroy closed cases past retention (the registry's "cases" policy); returns the count."""
    from weerbaar.cases.retention import POLICY
    from weerbaar.core.retention import retention_policy_run

    return retention_policy_run(POLICY, today=today).deleted


def closure_report_pdf(*, actor: Actor, case: Case) -> bytes:
    """The accountability report (a tagged PDF, ``cases/report.py``): results per partner organisation,
    interventions and steps, meetings, the assessment, members, exportable items' titles and what was left
    out. Audited as EXPORT."""
    from weerbaar.cases.report import closure_report_build

    require_member(actor, case)
    with transaction.atomic():
        pdf, item_count = closure_report_build(actor=actor, case=case)
        audit_event_record(
            actor=actor,
            action=AuditAction.EXPORT,
            obj=case,
            purpose="closure report",
            details={"format": "pdf", "items": item_count},
        )
    return pdf
