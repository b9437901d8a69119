# SPDX-License-Identifier: EUPL-1.2
"""Retention of signals, registered with the retention registry (:mod:`weerbaar.core.retention`).

A signal is kept for a period that depends on its outcome (``RETENTION_MONTHS``, set on ``retention_until``
when it is decided); the intake team is warned before, a legal hold keeps it, destruction leaves a
deletion record.
"""

from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.retention import (
    RetentionPolicy,
    RetentionReport,
    RetentionWarning,
    retention_policy_register,
    retention_policy_run,
)
from weerbaar.signals.attachments import attachment_files_delete
from weerbaar.signals.constants import RETENTION_WARNING_DAYS
from weerbaar.signals.models import DeletionRecord, Signal
from weerbaar.signals.services import intake_recipients

__all__ = ["POLICY", "RetentionReport", "retention_run"]


def _expired(day: date) -> QuerySet[Signal]:
    return Signal.objects.filter(retention_until__lte=day)


def _warning(signal: Signal) -> RetentionWarning:
    return RetentionWarning(
        subject=_("Signals due for destruction in Weerbaar"),
        body=_(
            "Signal %(number)s reaches the end of its retention period on %(date)s. "
            "Set a legal hold in Weerbaar if it must be kept."
        )
        % {"number": signal.number, "date": signal.retention_until},
    )


@transaction.atomic
def _destroy(signal: Signal, today: date) -> None:
    DeletionRecord.objects.create(
        signal_uuid=signal.uuid,
        signal_number=signal.number or "",
        phenomenon=signal.phenomenon,
        final_status=signal.status,
        rule=f"retention:{signal.status}",
        reason=_("Retention period ended on %(date)s") % {"date": signal.retention_until},
        deleted_at=timezone.now(),
        deleted_by="retention task",
    )
    audit_event_record(actor=None, action=AuditAction.DELETE, obj=signal, details={"rule": "retention"})
    shell = Signal(uuid=signal.uuid)
    transaction.on_commit(lambda: attachment_files_delete(shell))
    signal.delete()


POLICY = retention_policy_register(
    RetentionPolicy(
        name="signals",
        category="Signals with their subjects, attachments, messages and history",
        period="6 to 60 months after the decision or closure, by outcome",
        legal_basis="GDPR art. 5(1)(e) and art. 10; the Wgs",
        expired=_expired,
        destroy=_destroy,
        warning_days=RETENTION_WARNING_DAYS,
        recipients=intake_recipients,
        warning=_warning,
        warned_field="retention_warned_at",
        on_legal_hold=lambda signal: bool(signal.legal_hold),
    )
)


def retention_run(*, today: date | None = None) -> RetentionReport:
    """Signals' policy alone (the registry's ``retention_run`` runs every app's)."""
    return retention_policy_run(POLICY, today=today)
