# SPDX-License-Identifier: EUPL-1.2
"""Retention of incidents (area C), registered with :mod:`weerbaar.core.retention`, and the legal hold.

A closed incident is kept ``THREATS_RETENTION_YEARS`` years after closure (the employer's duty of care:
long enough to see a pattern, to support a claim and to answer the labour inspectorate). The security
coordinators are warned before; a legal hold set by a coordinator (with a reason, as is lifting it) keeps the
incident; destruction removes the incident with its evidence files, measures and history and leaves a deletion
record without personal data. The coordinators see their incidents in the retention overview and may destroy
an expired one before the daily run.
"""

from collections.abc import Sequence
from datetime import date, datetime
from uuid import UUID

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.selectors import LastChange, audit_last_change
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.core.retention import (
    DestructionRequest,
    RetentionEntry,
    RetentionPolicy,
    RetentionWarning,
    add_years,
    retention_after_closure_at,
    retention_after_closure_end,
    retention_after_closure_expired,
    retention_counted,
    retention_deleted_by,
    retention_destruction_audit,
    retention_files_delete_on_commit,
    retention_legal_hold,
    retention_policy_register,
    retention_readable,
)
from weerbaar.threats.constants import Status
from weerbaar.threats.evidence import evidence_path
from weerbaar.threats.models import DeletionRecord, Incident, StatusChange
from weerbaar.threats.permissions import coordinate_incident
from weerbaar.threats.reminders import _coordinators as coordinators
from weerbaar.threats.scopes import incident_coordinated, incident_visible

WARNING_DAYS = 30


def _closed_at() -> Subquery:
    """When the incident was closed: its last change to "closed" in the status history."""
    return retention_after_closure_at(history=StatusChange, owner="incident", status=Status.AFGESLOTEN)


def _closed_on(incident: Incident) -> date:
    closed_at: datetime = incident.closed_at  # type: ignore[attr-defined]  # annotated by _expired
    return timezone.localdate(closed_at)


def incident_retention_until(incident: Incident) -> date:
    return add_years(_closed_on(incident), int(settings.THREATS_RETENTION_YEARS))


def incident_retention_end(incident: Incident) -> date | None:
    """When the incident's retention ends; None while it is open (retention starts at closure)."""
    if incident.status != Status.AFGESLOTEN:
        return None
    return retention_after_closure_end(
        obj=incident, closed_at=_closed_at(), years=int(settings.THREATS_RETENTION_YEARS)
    )


def _expired(day: date) -> QuerySet[Incident]:
    """Closed incidents whose retention ends on or before ``day``: closed on or before ``day`` minus the period."""
    return retention_after_closure_expired(
        closed=Incident.objects.filter(status=Status.AFGESLOTEN),
        closed_at=_closed_at(),
        years=int(settings.THREATS_RETENTION_YEARS),
        day=day,
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
def _destroy(incident: Incident, today: date, request: DestructionRequest | None = None) -> None:
    """The incident with everything that belongs to it; by the daily run, or by its coordinator (``request``)."""
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
        deleted_by=retention_deleted_by(request=request),
    )
    audit = retention_destruction_audit(
        request=request, details={"rule": "retention:closed", "retention_until": until.isoformat()}
    )
    audit_event_record(action=AuditAction.DELETE, obj=incident, **audit)
    retention_files_delete_on_commit(paths=[evidence_path(evidence) for evidence in incident.evidence.all()])
    incident.delete()


def incident_retention_entry(
    incident: Incident, *, readable: bool, hold_change: dict[UUID, LastChange] | None = None
) -> RetentionEntry:
    """How the overview and the incident's own pages name an incident for retention (the coordinator's view)."""
    return RetentionEntry(
        reference=str(incident),
        status=incident.get_status_display(),
        ends_on=incident_retention_end(incident),
        url=reverse("threats:detail", args=[incident.uuid]) if readable else None,
        hold=retention_legal_hold(
            held=incident.legal_hold, reason=incident.legal_hold_reason, change=(hold_change or {}).get(incident.uuid)
        ),
        hold_url=reverse("threats:legal_hold", args=[incident.uuid]),
        destroy_url=reverse("threats:destroy", args=[incident.uuid]),
    )


def _describe(actor: Actor, incidents: Sequence[Incident]) -> list[RetentionEntry]:
    """References, statuses and dates; a link to each incident the actor may see, and to its retention actions."""
    readable = retention_readable(model=Incident, objects=incidents, rule=incident_visible(actor))
    holds = audit_last_change(object_uuids=[i.uuid for i in incidents if i.legal_hold], detail="legal_hold")
    return [incident_retention_entry(i, readable=i.pk in readable, hold_change=holds) for i in incidents]


def _contents(incident: Incident) -> list[str]:
    """What goes with the incident, counted (never named)."""
    return retention_counted(
        counted=(
            (1 if hasattr(incident, "victim_person") else 0, lambda n: _("the record of the person affected")),
            (incident.evidence.count(), lambda n: ngettext("%(n)d evidence file", "%(n)d evidence files", n)),
            (incident.steps.count(), lambda n: ngettext("%(n)d follow-up step", "%(n)d follow-up steps", n)),
            (
                incident.measures.count(),
                lambda n: ngettext(
                    "%(n)d protection measure with its history", "%(n)d protection measures with their history", n
                ),
            ),
            (
                incident.assessments.count(),
                lambda n: ngettext("%(n)d threat assessment", "%(n)d threat assessments", n),
            ),
            (incident.grants.count(), lambda n: ngettext("%(n)d access grant", "%(n)d access grants", n)),
            (
                incident.perpetrator_marks.count(),
                lambda n: ngettext("%(n)d sealed perpetrator mark", "%(n)d sealed perpetrator marks", n),
            ),
            (incident.status_changes.count(), lambda n: ngettext("%(n)d status change", "%(n)d status changes", n)),
        )
    )


POLICY = retention_policy_register(
    RetentionPolicy(
        name="threats",
        title=gettext_lazy("Incidents (aggression and threats)"),
        category=gettext_lazy(
            "Closed incidents with their evidence files, follow-up steps, measures, grants and history"
        ),
        period=gettext_lazy("5 years after closure"),
        legal_basis=gettext_lazy("The employer's duty of care (Working Conditions Act art. 3, Civil Code art. 7:658)"),
        expired=_expired,
        destroy=_destroy,
        warning_days=WARNING_DAYS,
        recipients=_recipients,
        warning=_warning,
        warned_field="retention_warned_at",
        legal_hold=Q(legal_hold=True),
        scope=incident_coordinated,
        describe=_describe,
        contents=_contents,
        remains=gettext_lazy(
            "a deletion record with the incident's number, organisation, forms, final status and its reporting, "
            "closing and retention dates — no personal data, no content"
        ),
    )
)


@transaction.atomic
def incident_legal_hold_set(*, actor: Actor, incident: Incident, hold: bool, reason: str) -> Incident:
    """Set or lift the legal hold (the incident's own coordinator only), always with a reason: it is audited
    as the purpose of the change. Lifting a hold that is not there is refused, so a second submit does nothing."""
    if not coordinate_incident(actor, incident):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        message = _("Give the reason for the legal hold.") if hold else _("Give the reason for lifting the legal hold.")
        raise ValidationError({"legal_hold_reason": message})
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    if not hold and not incident.legal_hold:
        raise ValidationError(_("This incident has no legal hold to lift."))
    incident.legal_hold = hold
    incident.legal_hold_reason = reason if hold else ""
    incident.full_clean()
    incident.save(update_fields=["legal_hold", "legal_hold_reason", "updated_at"])
    audit_event_record(
        actor=actor, action=AuditAction.UPDATE, obj=incident, purpose=reason, details={"legal_hold": hold}
    )
    return incident
