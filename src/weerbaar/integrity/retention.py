# SPDX-License-Identifier: EUPL-1.2
"""Retention of pressure and integrity reports, registered with :mod:`weerbaar.core.retention`.

A **closed** report is kept ``RETENTION_YEARS`` after its closure and then destroyed with its notes and
status history, leaving a ``DeletionRecord`` (reference, kind, final status, year of receipt, day of closure,
rule — nothing of the reporter or of what was told) and an audit event. A report still being worked on (also
one referred onwards) has no end date yet. There is no legal hold: the report itself serves no proceedings;
an incident or signal it was handed over as lives on under its own app's retention.

Only the integrity coordinator of the report's organisation answers for it (``scopes.report_handled``): he
may destroy an expired report before the daily run, from the report's page. Nobody else sees these reports
in the retention overview.
"""

from collections.abc import Callable, Sequence
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import Actor
from weerbaar.core.retention import (
    DestructionRequest,
    RetentionEntry,
    RetentionPolicy,
    add_years,
    retention_policy_register,
)
from weerbaar.integrity.constants import RETENTION_YEARS, Status
from weerbaar.integrity.models import DeletionRecord, PressureReport
from weerbaar.integrity.scopes import report_handled

RULE = "integrity-reports"


def retention_ends_on(report: PressureReport) -> date | None:
    """The day retention ends: ``RETENTION_YEARS`` after the day of closure; None while the report is open."""
    if report.status != Status.GESLOTEN or report.ended_at is None:
        return None
    closed = timezone.localdate(report.ended_at)
    try:
        return closed.replace(year=closed.year + RETENTION_YEARS)
    except ValueError:  # 29 February
        return closed.replace(year=closed.year + RETENTION_YEARS, day=28)


def _expired(day: date) -> QuerySet[PressureReport]:
    """Closed reports whose retention ended on or before ``day``: closed before the day after ``day`` minus the
    retention years (local time)."""
    bound = timezone.make_aware(datetime.combine(add_years(day, -RETENTION_YEARS), time.max))
    return PressureReport.objects.filter(status=Status.GESLOTEN, ended_at__isnull=False, ended_at__lte=bound).order_by(
        "ended_at", "pk"
    )


@transaction.atomic
def _destroy(report: PressureReport, today: date, request: DestructionRequest | None = None) -> None:
    """The report with its notes and status history; by the daily run, or by its coordinator (``request``)."""
    DeletionRecord.objects.create(
        reference=report.reference,
        organisation_id=report.organisation_id,
        kind=report.kind,
        final_status=report.status,
        received_year=timezone.localtime(report.received_at).year,
        closed_on=timezone.localdate(report.ended_at) if report.ended_at else None,
        rule=RULE,
        deleted_at=timezone.now(),
    )
    details: dict[str, object] = {"rule": RULE}
    if request is not None:
        details["on_request"] = True
    audit_event_record(
        actor=request.actor if request else None,
        action=AuditAction.DELETE,
        obj=report,
        purpose=request.reason if request else "",
        details=details,
    )
    report.delete()


def report_retention_entry(report: PressureReport) -> RetentionEntry:
    """How the destruction page and the overview name a report: its reference, never its content."""
    return RetentionEntry(
        reference=_("Report %(reference)s") % {"reference": report.reference},
        status=report.get_status_display(),
        ends_on=retention_ends_on(report),
        url=reverse("integrity:detail", args=[report.uuid]),
        destroy_url=reverse("integrity:destroy", args=[report.uuid]),
    )


def _describe(actor: Actor, reports: Sequence[PressureReport]) -> list[RetentionEntry]:
    # The scope is the coordinator's own: every report listed is one he may open.
    return [report_retention_entry(report) for report in reports]


def _contents(report: PressureReport) -> list[str]:
    """What goes with the report, counted (never named)."""
    counted: tuple[tuple[int, Callable[[int], str]], ...] = (
        (report.notes.count(), lambda n: ngettext("%(n)d note", "%(n)d notes", n)),
        (report.status_changes.count(), lambda n: ngettext("%(n)d status change", "%(n)d status changes", n)),
    )
    return [text(n) % {"n": n} for n, text in counted if n]


POLICY = retention_policy_register(
    RetentionPolicy(
        name=RULE,
        title=gettext_lazy("Pressure and integrity reports"),
        category=gettext_lazy("Closed confidential reports of pressure and integrity concerns, with their notes"),
        period=gettext_lazy("2 years after closure"),
        legal_basis=gettext_lazy(
            "GDPR art. 6(1)(e) and 5(1)(e): the employer's duty to offer a confidential adviser; kept only as long "
            "as repeated pressure on a person or function can be recognised"
        ),
        expired=_expired,
        destroy=_destroy,
        scope=report_handled,
        describe=_describe,
        contents=_contents,
        remains=gettext_lazy(
            "A deletion record: the reference, the kind of report, its final status, the year it was received and "
            "the day it was closed. Nothing of the reporter or of what was told."
        ),
    )
)
