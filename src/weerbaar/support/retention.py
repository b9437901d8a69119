# SPDX-License-Identifier: EUPL-1.2
"""Retention of the desk's records, registered with :mod:`weerbaar.core.retention` (docs/retention.md).

- An "I have been approached" report is kept ``REPORT_RETENTION_DAYS`` after it was filed as a signal or
  closed: long enough for the trusted contact to follow up with the entrepreneur; the signal itself lives on
  in area B under the signals' own retention.
- A referral is kept ``REFERRAL_RETENTION_DAYS`` after it was closed (withdrawing consent closes it and
  erases the contact details at once).

Destruction removes the object with its history and leaves a ``DeletionRecord`` (kind, reference, final
status, dates, rule) and an audit event without a person as actor. There is no legal hold: these records
serve no proceedings. Open reports and referrals have no end date yet.
"""

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.retention import DestructionRequest, RetentionPolicy, retention_policy_register
from weerbaar.support.constants import REFERRAL_RETENTION_DAYS, REPORT_RETENTION_DAYS, ReferralStatus
from weerbaar.support.models import ApproachedReport, DeletionRecord, Referral


def _bound(day: date, days: int) -> datetime:
    """Ended before this moment means: retention of ``days`` has ended on or before ``day``."""
    return timezone.make_aware(datetime.combine(day - timedelta(days=days) + timedelta(days=1), time.min))


def _expired_reports(day: date) -> QuerySet[ApproachedReport]:
    return ApproachedReport.objects.filter(
        ended_at__isnull=False, ended_at__lt=_bound(day, REPORT_RETENTION_DAYS)
    ).order_by("ended_at", "pk")


def _expired_referrals(day: date) -> QuerySet[Referral]:
    return Referral.objects.filter(
        status=ReferralStatus.GESLOTEN, closed_at__isnull=False, closed_at__lt=_bound(day, REFERRAL_RETENTION_DAYS)
    ).order_by("closed_at", "pk")


def _record(kind: str, reference: str, status: str, ended: datetime | None, rule: str) -> None:
    DeletionRecord.objects.create(
        kind=kind,
        reference=reference,
        final_status=status,
        ended_on=timezone.localdate(ended) if ended else None,
        rule=rule,
        deleted_at=timezone.now(),
    )


@transaction.atomic
def _destroy_report(report: ApproachedReport, today: date, request: DestructionRequest | None = None) -> None:
    _record("report", report.reference, report.status, report.ended_at, "support-reports")
    audit_event_record(
        actor=request.actor if request else None,
        action=AuditAction.DELETE,
        obj=report,
        purpose=request.reason if request else "",
        details={"rule": "support-reports"},
    )
    # The history goes with it; a referral that started from this report stays (its own retention) and
    # loses only the link.
    report.delete()


@transaction.atomic
def _destroy_referral(referral: Referral, today: date, request: DestructionRequest | None = None) -> None:
    _record("referral", referral.reference, referral.status, referral.closed_at, "support-referrals")
    audit_event_record(
        actor=request.actor if request else None,
        action=AuditAction.DELETE,
        obj=referral,
        purpose=request.reason if request else "",
        details={"rule": "support-referrals"},
    )
    referral.delete()


REPORTS = retention_policy_register(
    RetentionPolicy(
        name="support-reports",
        category=_("“I have been approached” reports kept by a trusted contact"),
        period=_("3 months after being filed as a signal or closed"),
        legal_basis=_(
            "GDPR art. 6(1)(a) and 5(1)(e): the entrepreneur's own request; kept only while the trusted contact "
            "follows up"
        ),
        expired=_expired_reports,
        destroy=_destroy_report,
    )
)
REFERRALS = retention_policy_register(
    RetentionPolicy(
        name="support-referrals",
        category=_("Support referrals"),
        period=_("1 year after closure"),
        legal_basis=_("GDPR art. 6(1)(a) and 5(1)(e): the entrepreneur's consent, which he may withdraw"),
        expired=_expired_referrals,
        destroy=_destroy_referral,
    )
)
