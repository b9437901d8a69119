# SPDX-License-Identifier: EUPL-1.2
"""Retention of incidents (area C), registered with :mod:`weerbaar.core.retention`, and the legal hold.

A closed incident is kept ``THREATS_RETENTION_YEARS`` years after closure (the employer's duty of care:
long enough to see a pattern, to support a claim and to answer the labour inspectorate). The security
coordinators are warned before; a legal hold set by a coordinator keeps the incident; destruction removes
the incident with its evidence files, measures and history and leaves a deletion record without personal
data.
"""

from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.core.retention import RetentionPolicy, RetentionWarning, retention_policy_register
from weerbaar.threats.constants import Status
from weerbaar.threats.evidence import evidence_path
from weerbaar.threats.models import DeletionRecord, Incident, StatusChange
from weerbaar.threats.permissions import coordinate_incident
from weerbaar.threats.reminders import _coordinators as coordinators

WARNING_DAYS = 30


def _years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _closed_at() -> Subquery:
    """When the incident was closed: its last change to "closed" in the status history."""
    closures = StatusChange.objects.filter(incident=OuterRef("pk"), to_status=Status.AFGESLOTEN).order_by("-at")
    return Subquery(closures.values("at")[:1])


def _closed_on(incident: Incident) -> date:
    closed_at: datetime = incident.closed_at  # type: ignore[attr-defined]  # annotated by _expired
    return timezone.localdate(closed_at)


def incident_retention_until(incident: Incident) -> date:
    return _years(_closed_on(incident), int(settings.THREATS_RETENTION_YEARS))


def _expired(day: date) -> QuerySet[Incident]:
    """Closed incidents whose retention ends on or before ``day``: closed on or before ``day`` minus the period."""
    last_closing_day = _years(day, -int(settings.THREATS_RETENTION_YEARS))
    bound = timezone.make_aware(datetime.combine(last_closing_day + timedelta(days=1), time.min))
    return (
        Incident.objects.filter(status=Status.AFGESLOTEN)
        .annotate(closed_at=_closed_at())
        .filter(closed_at__lt=bound)
        .order_by("closed_at", "pk")
    )


def _recipients(incident: Incident) -> list[str]:
    return [user.email for user in coordinators(incident.organisation_id)]


def _warning(incident: Incident) -> RetentionWarning:
    return RetentionWarning(
        subject=_("Weerbaar: an incident reaches the end of its retention period"),
        body=_(
            "%(reference)s of your organisation reaches the end of its retention period on %(date)s and will "
            "then be destroyed. If it must be kept longer, for instance for legal proceedings, a coordinator "
            "can set a legal hold before then.\nOpen Weerbaar: %(link)s"
        )
        % {
            "reference": str(incident),
            "date": incident_retention_until(incident).isoformat(),
            "link": reverse("threats:list"),
        },
    )


@transaction.atomic
def _destroy(incident: Incident, today: date) -> None:
    until = incident_retention_until(incident)
    DeletionRecord.objects.create(
        incident_uuid=incident.uuid,
        reference=incident.reference,
        organisation_id=incident.organisation_id,
        forms=list(incident.forms),
        final_status=incident.status,
        reported_on=timezone.localdate(incident.created_at),
        closed_on=_closed_on(incident),
        retention_until=until,
        rule="retention:closed",
        deleted_at=timezone.now(),
        deleted_by="retention task",
    )
    audit_event_record(
        actor=None,
        action=AuditAction.DELETE,
        obj=incident,
        details={"rule": "retention:closed", "retention_until": until.isoformat()},
    )
    files = [evidence_path(evidence) for evidence in incident.evidence.all()]
    # Files go only once the rows are gone for good: a rolled-back destruction keeps its evidence.
    transaction.on_commit(lambda: _files_delete(files))
    incident.delete()


def _files_delete(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


POLICY = retention_policy_register(
    RetentionPolicy(
        name="threats",
        category="Closed incidents with their evidence files, follow-up steps, measures, grants and history",
        period="5 years after closure (THREATS_RETENTION_YEARS)",
        legal_basis="The employer's duty of care (Working Conditions Act art. 3, Civil Code art. 7:658)",
        expired=_expired,
        destroy=_destroy,
        warning_days=WARNING_DAYS,
        recipients=_recipients,
        warning=_warning,
        warned_field="retention_warned_at",
        on_legal_hold=lambda incident: bool(incident.legal_hold),
    )
)


@transaction.atomic
def incident_legal_hold_set(*, actor: Actor, incident: Incident, hold: bool, reason: str) -> Incident:
    """Set or lift the legal hold (the incident's own coordinator only); a hold needs a reason."""
    if not coordinate_incident(actor, incident):
        raise PermissionDenied
    if hold and not reason.strip():
        raise ValidationError({"legal_hold_reason": _("Give the reason for the legal hold.")})
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    incident.legal_hold = hold
    incident.legal_hold_reason = reason.strip() if hold else ""
    incident.full_clean()
    incident.save(update_fields=["legal_hold", "legal_hold_reason", "updated_at"])
    audit_event_record(actor=actor, action=AuditAction.UPDATE, obj=incident, details={"legal_hold": hold})
    return incident
