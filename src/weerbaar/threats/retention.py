# SPDX-License-Identifier: EUPL-1.2
"""Retention of incidents (area C), registered with :mod:`weerbaar.core.retention`, and the legal hold.

A closed incident is kept ``THREATS_RETENTION_YEARS`` years after closure (the employer's duty of care:
long enough to see a pattern, to support a claim and to answer the labour inspectorate). The security
coordinators are warned before; a legal hold set by a coordinator (with a reason, as is lifting it) keeps the
incident; destruction removes the incident with its evidence files, measures and history and leaves a deletion
record without personal data. The coordinators see their incidents in the retention overview and may destroy
an expired one before the daily run.
"""

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path
from uuid import UUID

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
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
    LegalHold,
    RetentionEntry,
    RetentionPolicy,
    RetentionWarning,
    add_years,
    retention_policy_register,
)
from weerbaar.threats.constants import Status
from weerbaar.threats.evidence import evidence_path
from weerbaar.threats.models import DeletionRecord, Incident, StatusChange
from weerbaar.threats.permissions import coordinate_incident
from weerbaar.threats.reminders import _coordinators as coordinators
from weerbaar.threats.scopes import incident_coordinated, incident_visible

WARNING_DAYS = 30
#: ``DeletionRecord.deleted_by`` of an incident destroyed by its coordinator before the daily run; the audit
#: event names the person.
DELETED_ON_REQUEST = "on request (retention ended)"


def _closed_at() -> Subquery:
    """When the incident was closed: its last change to "closed" in the status history."""
    closures = StatusChange.objects.filter(incident=OuterRef("pk"), to_status=Status.AFGESLOTEN).order_by("-at")
    return Subquery(closures.values("at")[:1])


def _closed_on(incident: Incident) -> date:
    closed_at: datetime = incident.closed_at  # type: ignore[attr-defined]  # annotated by _expired
    return timezone.localdate(closed_at)


def incident_retention_until(incident: Incident) -> date:
    return add_years(_closed_on(incident), int(settings.THREATS_RETENTION_YEARS))


def incident_retention_end(incident: Incident) -> date | None:
    """When the incident's retention ends; None while it is open (retention starts at closure)."""
    if incident.status != Status.AFGESLOTEN:
        return None
    closed_at = getattr(incident, "closed_at", None)
    if closed_at is None:
        closed_at = (
            Incident.objects.filter(pk=incident.pk)
            .annotate(closed_at=_closed_at())
            .values("closed_at")
            .get()["closed_at"]
        )
    if closed_at is None:  # closed without a history row: cannot happen through the services
        return None
    return add_years(timezone.localdate(closed_at), int(settings.THREATS_RETENTION_YEARS))


def _expired(day: date) -> QuerySet[Incident]:
    """Closed incidents whose retention ends on or before ``day``: closed on or before ``day`` minus the period."""
    last_closing_day = add_years(day, -int(settings.THREATS_RETENTION_YEARS))
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
        deleted_by="retention task" if request is None else DELETED_ON_REQUEST,
    )
    details: dict[str, object] = {"rule": "retention:closed", "retention_until": until.isoformat()}
    if request is None:
        audit_event_record(actor=None, action=AuditAction.DELETE, obj=incident, details=details)
    else:
        audit_event_record(
            actor=request.actor,
            action=AuditAction.DELETE,
            obj=incident,
            purpose=request.reason,
            details={**details, "on_request": True},
        )
    files = [evidence_path(evidence) for evidence in incident.evidence.all()]
    # Files go only once the rows are gone for good: a rolled-back destruction keeps its evidence.
    transaction.on_commit(lambda: _files_delete(files))
    incident.delete()


def _files_delete(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def incident_retention_entry(
    incident: Incident, *, readable: bool, hold_change: dict[UUID, LastChange] | None = None
) -> RetentionEntry:
    """How the overview and the incident's own pages name an incident for retention (the coordinator's view)."""
    hold = None
    if incident.legal_hold:
        change = (hold_change or {}).get(incident.uuid)
        hold = LegalHold(
            reason=incident.legal_hold_reason,
            set_by=change.by if change is not None else "",
            set_at=change.at if change is not None else None,
        )
    return RetentionEntry(
        reference=str(incident),
        status=incident.get_status_display(),
        ends_on=incident_retention_end(incident),
        url=reverse("threats:detail", args=[incident.uuid]) if readable else None,
        hold=hold,
        hold_url=reverse("threats:legal_hold", args=[incident.uuid]),
        destroy_url=reverse("threats:destroy", args=[incident.uuid]),
    )


def _describe(actor: Actor, incidents: Sequence[Incident]) -> list[RetentionEntry]:
    """References, statuses and dates; a link to each incident the actor may see, and to its retention actions."""
    pks = [incident.pk for incident in incidents]
    readable = set(Incident.objects.filter(pk__in=pks).filter(incident_visible(actor)).values_list("pk", flat=True))
    holds = audit_last_change(object_uuids=[i.uuid for i in incidents if i.legal_hold], detail="legal_hold")
    return [incident_retention_entry(i, readable=i.pk in readable, hold_change=holds) for i in incidents]


def _contents(incident: Incident) -> list[str]:
    """What goes with the incident, counted (never named)."""
    counted: tuple[tuple[int, Callable[[int], str]], ...] = (
        (1 if hasattr(incident, "victim_person") else 0, lambda n: _("the record of the person affected")),
        (
            incident.evidence.count(),
            lambda n: ngettext("%(n)d evidence file", "%(n)d evidence files", n),
        ),
        (incident.steps.count(), lambda n: ngettext("%(n)d follow-up step", "%(n)d follow-up steps", n)),
        (
            incident.measures.count(),
            lambda n: ngettext(
                "%(n)d protection measure with its history", "%(n)d protection measures with their history", n
            ),
        ),
        (incident.assessments.count(), lambda n: ngettext("%(n)d threat assessment", "%(n)d threat assessments", n)),
        (incident.grants.count(), lambda n: ngettext("%(n)d access grant", "%(n)d access grants", n)),
        (
            incident.perpetrator_marks.count(),
            lambda n: ngettext("%(n)d sealed perpetrator mark", "%(n)d sealed perpetrator marks", n),
        ),
        (incident.status_changes.count(), lambda n: ngettext("%(n)d status change", "%(n)d status changes", n)),
    )
    return [text(n) % {"n": n} for n, text in counted if n]


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
