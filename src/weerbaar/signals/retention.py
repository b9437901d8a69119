# SPDX-License-Identifier: EUPL-1.2
"""Retention of signals, registered with the retention registry (:mod:`weerbaar.core.retention`).

A signal is kept for a period that depends on its outcome (``RETENTION_MONTHS``, set on ``retention_until``
when it is decided); the intake team is warned before, a legal hold keeps it, destruction leaves a
deletion record. The intake team sees its signals in the retention overview and may destroy an expired one
before the daily run.
"""

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from django.db import transaction
from django.db.models import Q, QuerySet
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
    RetentionReport,
    RetentionWarning,
    retention_counted,
    retention_deleted_by,
    retention_destruction_audit,
    retention_legal_hold,
    retention_policy_register,
    retention_policy_run,
    retention_readable,
)
from weerbaar.signals.attachments import attachment_files_delete
from weerbaar.signals.constants import RETENTION_WARNING_DAYS
from weerbaar.signals.models import DeletionRecord, Signal
from weerbaar.signals.scopes import signal_handled, signal_visible
from weerbaar.signals.services import intake_recipients

__all__ = ["POLICY", "RetentionReport", "retention_run", "signal_retention_entry"]


def _expired(day: date) -> QuerySet[Signal]:
    return Signal.objects.filter(retention_until__lte=day).order_by("retention_until", "pk")


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
def _destroy(signal: Signal, today: date, request: DestructionRequest | None = None) -> None:
    """The signal with everything that belongs to it; by the daily run, or by the intake team (``request``)."""
    reason = _("Retention period ended on %(date)s") % {"date": signal.retention_until}
    if request is not None:
        reason = _("%(reason)s; destroyed on request before the daily run") % {"reason": reason}
    DeletionRecord.objects.create(
        signal_uuid=signal.uuid,
        signal_number=signal.number or "",
        phenomenon=signal.phenomenon,
        final_status=signal.status,
        rule=f"retention:{signal.status}",
        reason=reason,
        deleted_at=timezone.now(),
        deleted_by=retention_deleted_by(request=request),
    )
    audit = retention_destruction_audit(request=request, details={"rule": "retention"})
    audit_event_record(action=AuditAction.DELETE, obj=signal, **audit)
    shell = Signal(uuid=signal.uuid)
    transaction.on_commit(lambda: attachment_files_delete(shell))
    signal.delete()


def _describe(actor: Actor, signals: Sequence[Signal]) -> list[RetentionEntry]:
    """Numbers, statuses and dates; a link to each signal the actor may read, and to its retention actions."""
    readable = retention_readable(model=Signal, objects=signals, rule=signal_visible(actor))
    holds = audit_last_change(object_uuids=[s.uuid for s in signals if s.legal_hold], detail="legal_hold")
    return [signal_retention_entry(signal, readable=signal.pk in readable, hold_change=holds) for signal in signals]


def signal_retention_entry(
    signal: Signal, *, readable: bool, hold_change: dict[UUID, LastChange] | None = None
) -> RetentionEntry:
    """How the overview and the signal's own pages name a signal for retention (the intake team's view)."""
    return RetentionEntry(
        reference=_("Signal %(number)s") % {"number": signal.number},
        status=signal.get_status_display(),
        ends_on=signal.retention_until,
        url=reverse("signals:detail", args=[signal.uuid]) if readable else None,
        hold=retention_legal_hold(
            held=signal.legal_hold, reason=signal.legal_hold_reason, change=(hold_change or {}).get(signal.uuid)
        ),
        hold_url=reverse("signals:legal_hold", args=[signal.uuid]),
        destroy_url=reverse("signals:destroy", args=[signal.uuid]),
    )


def _contents(signal: Signal) -> list[str]:
    """What goes with the signal, counted (never named)."""
    lines = retention_counted(
        counted=(
            (signal.subjects.count(), lambda n: ngettext("%(n)d subject", "%(n)d subjects", n)),
            (
                signal.attachments.count(),
                lambda n: ngettext("%(n)d attachment with its file", "%(n)d attachments with their files", n),
            ),
            (signal.messages.count(), lambda n: ngettext("%(n)d message", "%(n)d messages", n)),
            (signal.privacy_checks.count(), lambda n: ngettext("%(n)d privacy check", "%(n)d privacy checks", n)),
            (signal.status_changes.count(), lambda n: ngettext("%(n)d status change", "%(n)d status changes", n)),
            (
                signal.cases.count(),
                lambda n: ngettext(
                    "its link to %(n)d case (the case itself stays)", "its links to %(n)d cases (the cases stay)", n
                ),
            ),
        )
    )
    if hasattr(signal, "receipt"):
        lines.append(_("the reporter's receipt code, which then stops working"))
    return lines


POLICY = retention_policy_register(
    RetentionPolicy(
        name="signals",
        title=gettext_lazy("Signals"),
        category=gettext_lazy("Signals with their subjects, attachments, messages and history"),
        period=gettext_lazy("6 to 60 months after the decision or closure, by outcome"),
        legal_basis=gettext_lazy("GDPR art. 5(1)(e) and art. 10; the Wgs"),
        expired=_expired,
        destroy=_destroy,
        warning_days=RETENTION_WARNING_DAYS,
        recipients=intake_recipients,
        warning=_warning,
        warned_field="retention_warned_at",
        legal_hold=Q(legal_hold=True),
        scope=signal_handled,
        describe=_describe,
        contents=_contents,
        remains=gettext_lazy(
            "a deletion record with the signal's number, phenomenon, final status, the rule and the date — no "
            "personal data"
        ),
    )
)


def retention_run(*, today: date | None = None) -> RetentionReport:
    """Signals' policy alone (the registry's ``retention_run`` runs every app's)."""
    return retention_policy_run(POLICY, today=today)
