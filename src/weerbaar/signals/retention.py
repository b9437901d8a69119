# SPDX-License-Identifier: EUPL-1.2
"""Retention: warn before expiry, respect a legal hold, destroy with a deletion record. Nothing vanishes silently."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.notifications.services import outbox_enqueue
from weerbaar.signals.attachments import attachment_files_delete
from weerbaar.signals.constants import RETENTION_WARNING_DAYS
from weerbaar.signals.models import DeletionRecord, Signal
from weerbaar.signals.services import intake_recipients


@dataclass(frozen=True)
class RetentionReport:
    warned: int
    held: int
    deleted: int


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


def retention_run(*, today: date | None = None) -> RetentionReport:
    """The daily run: warn intake teams about signals expiring soon, then destroy expired ones (not on hold)."""
    today = today or timezone.localdate()
    warn_before = today + timedelta(days=RETENTION_WARNING_DAYS)
    warned = 0
    for signal in Signal.objects.filter(
        retention_until__lte=warn_before, retention_until__gt=today, retention_warned_at__isnull=True
    ):
        for recipient in intake_recipients(signal):
            outbox_enqueue(
                recipient=recipient,
                subject=_("Signals due for destruction in Weerbaar"),
                body=_(
                    "Signal %(number)s reaches the end of its retention period on %(date)s. "
                    "Set a legal hold in Weerbaar if it must be kept."
                )
                % {"number": signal.number, "date": signal.retention_until},
            )
        signal.retention_warned_at = timezone.now()
        signal.save(update_fields=["retention_warned_at"])
        warned += 1
    expired = Signal.objects.filter(retention_until__lte=today)
    held = expired.filter(legal_hold=True).count()
    deleted = 0
    for signal in expired.filter(legal_hold=False):
        _destroy(signal, today)
        deleted += 1
    return RetentionReport(warned=warned, held=held, deleted=deleted)
