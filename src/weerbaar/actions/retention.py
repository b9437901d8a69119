# SPDX-License-Identifier: EUPL-1.2
"""Retention of joint actions, registered with :mod:`weerbaar.core.retention` (docs/retention.md).

A **closed** joint action is kept ``RETENTION_YEARS`` after its closure and then destroyed with its
locations, findings, photos (the files too), follow-ups, selections, partners, members and status history.
What remains is a ``DeletionRecord`` (short reference, kind, owner, period, dates and the objects counted —
never a title, an address or a finding) and an audit event ``delete``. The planners are warned
``WARNING_DAYS`` before; a legal hold set by a planner with a reason keeps the action until it is lifted.

Follow-ups that became a signal or an intervention of a case live on under those apps' own retention: only
the link is destroyed here. An action that is not closed has no end date yet.
"""

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.actions.constants import MemberRole, OperationStatus
from weerbaar.actions.models import DeletionRecord, FindingPhoto, FollowUp, Operation, OperationStatusChange
from weerbaar.actions.scopes import operation_managed
from weerbaar.audit.constants import AuditAction
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
    retention_deleted_by,
    retention_destruction_audit,
    retention_files_delete_on_commit,
    retention_legal_hold,
    retention_policy_register,
)

RULE = "actions:closed"
#: Five years after closure, as an integrated case: the findings are the evidence of the interventions and
#: sanctions that followed, which may be contested for that long.
RETENTION_YEARS = 5
WARNING_DAYS = 30


def _closed_at() -> Subquery:
    """When the action was closed: its last change to "closed" in the status history."""
    return retention_after_closure_at(history=OperationStatusChange, owner="operation", status=OperationStatus.CLOSED)


def operation_retention_end(operation: Operation) -> date | None:
    """When the action's retention ends; None while it is not closed (retention starts at closure)."""
    if operation.status != OperationStatus.CLOSED:
        return None
    return retention_after_closure_end(obj=operation, closed_at=_closed_at(), years=RETENTION_YEARS)


def _expired(day: date) -> QuerySet[Operation]:
    """Closed actions whose retention ends on or before ``day``: closed on or before ``day`` minus the period."""
    return retention_after_closure_expired(
        closed=Operation.objects.filter(status=OperationStatus.CLOSED),
        closed_at=_closed_at(),
        years=RETENTION_YEARS,
        day=day,
    )


def _recipients(operation: Operation) -> list[str]:
    """The project leader and the named planners."""
    named = operation.memberships.filter(role=MemberRole.PLANNER, user__isnull=False, user__is_active=True)
    emails = {member.user.email for member in named.select_related("user") if member.user is not None}
    emails.add(operation.project_leader.email)
    return sorted(e for e in emails if e)


def _reference(operation: Operation) -> str:
    return _("Joint action %(reference)s") % {"reference": str(operation.uuid)[:8]}


def _warning(operation: Operation) -> RetentionWarning:
    until = operation_retention_end(operation)
    return RetentionWarning(
        subject=_("Weerbaar: a joint action reaches the end of its retention period"),
        body=_(
            "%(reference)s reaches the end of its retention period on %(date)s and will then be destroyed with "
            "its locations, findings and photos. If it must be kept longer, for instance for legal proceedings, "
            "a planner can set a legal hold before then.\nOpen Weerbaar: %(link)s"
        )
        % {
            "reference": _reference(operation),
            "date": until.isoformat() if until else "",
            "link": reverse("actions:detail", args=[operation.uuid]),
        },
    )


@transaction.atomic
def _destroy(operation: Operation, today: date, request: DestructionRequest | None = None) -> None:
    """The action with everything that belongs to it; by the daily run, or by a planner (``request``)."""
    until = operation_retention_end(operation) or today
    photos = list(FindingPhoto.objects.filter(finding__operation=operation).values_list("path", flat=True))
    DeletionRecord.objects.create(
        operation_uuid=operation.uuid,
        reference=str(operation.uuid)[:8],
        kind=operation.kind,
        owner_id=operation.owner_id,
        final_status=operation.status,
        starts_on=operation.starts_on,
        ends_on=operation.ends_on,
        closed_on=add_years(until, -RETENTION_YEARS),
        retention_until=until,
        locations=operation.locations.count(),
        findings=operation.findings.count(),
        photos=len(photos),
        follow_ups=FollowUp.objects.filter(finding__operation=operation).count(),
        rule=RULE,
        deleted_at=timezone.now(),
        deleted_by=retention_deleted_by(request=request),
    )
    audit = retention_destruction_audit(request=request, details={"rule": RULE, "retention_until": until.isoformat()})
    audit_event_record(action=AuditAction.DELETE, obj=operation, **audit)
    retention_files_delete_on_commit(paths=[Path(settings.MEDIA_ROOT) / path for path in photos])
    operation.delete()


def _describe(actor: Actor, operations: Sequence[Operation]) -> list[RetentionEntry]:
    """Short references and dates; the planners see only their own actions (the scope), so every link opens."""
    return [
        RetentionEntry(
            reference=_reference(operation),
            status=operation.get_status_display(),
            ends_on=operation_retention_end(operation),
            url=reverse("actions:detail", args=[operation.uuid]),
            hold=retention_legal_hold(held=operation.legal_hold, reason=operation.legal_hold_reason),
            hold_url=reverse("actions:legal_hold", args=[operation.uuid]),
        )
        for operation in operations
    ]


POLICY = retention_policy_register(
    RetentionPolicy(
        name="actions",
        title=gettext_lazy("Joint actions"),
        category=gettext_lazy(
            "Closed joint actions with their locations, findings, photos, follow-up links, partners and members"
        ),
        period=gettext_lazy("5 years after closure"),
        legal_basis=gettext_lazy(
            "GDPR art. 5(1)(e) and art. 10; the Data Processing by Partnerships Act (Wgs) and the RIEC covenant"
        ),
        expired=_expired,
        destroy=_destroy,
        warning_days=WARNING_DAYS,
        recipients=_recipients,
        warning=_warning,
        warned_field="retention_warned_at",
        legal_hold=Q(legal_hold=True),
        scope=operation_managed,
        describe=_describe,
        remains=gettext_lazy(
            "a deletion record with the action's short reference, kind, owner, period and dates, and the "
            "locations, findings, photos and follow-ups counted — no address, no finding"
        ),
    )
)

__all__ = ["POLICY", "operation_retention_end"]
