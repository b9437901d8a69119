# SPDX-License-Identifier: EUPL-1.2
"""Making reports: a user asks for one (:func:`report_create`, :func:`report_regenerate`), a background task
makes it (:func:`report_generate`) and records its progress in the report, each making is stored as a
version, and every download is audited (:func:`report_version_download`).

A report is counted through the **maker's** scope, as the maker sees the dashboard, under the rules of the
report's audience (:func:`weerbaar.insights.reports.document.report_audience`): it never shows more than its
maker may read, and a report to the council never more than the council may. When the maker may no longer make
reports (a role withdrawn), a new making fails with a message saying so.
"""

import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import translation
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.disclosure import rules_for
from weerbaar.core.documents import DocumentError
from weerbaar.core.policy import Actor, can
from weerbaar.geo.selectors import municipality_list
from weerbaar.insights import selectors
from weerbaar.insights.audiences import audience_of
from weerbaar.insights.constants import ReportStatus
from weerbaar.insights.filters import Filters
from weerbaar.insights.models import Report, ReportVersion
from weerbaar.insights.reports import document

logger = logging.getLogger(__name__)

#: Steps after the figures: rendering the PDF and storing it.
AFTER_FIGURES = 2


class ReportFailedError(Exception):
    """A making that cannot go on, with a message for the reader of the report page."""


@dataclass(frozen=True)
class Narrative:
    summary: str = ""
    analysis: str = ""
    recommendations: str = ""


def _enqueue(report: Report) -> None:
    from weerbaar.insights.reports.tasks import report_generate_task

    report_id = report.pk
    transaction.on_commit(lambda: report_generate_task.enqueue(report_id))


def _audit_details(report: Report) -> dict[str, Any]:
    return {
        "kind": report.kind,
        "van": report.period_start.strftime("%Y-%m"),
        "tot": report.period_end.strftime("%Y-%m"),
        **({"gemeente": report.region} if report.region else {}),
        **({"fenomeen": report.phenomenon} if report.phenomenon else {}),
    }


@transaction.atomic
def report_create(*, actor: Actor, kind: str, title: str, filters: Filters, narrative: Narrative) -> Report:
    """A new report of the actor's organisation, queued for making (after the transaction commits)."""
    if not can(actor, Perm.INSIGHTS_REPORT_MAKE) or actor.organisation is None:
        raise PermissionDenied
    report = Report(
        organisation=actor.organisation,
        kind=kind,
        title=title,
        period_start=filters.start,
        period_end=filters.end,
        region=filters.region,
        phenomenon=filters.phenomenon,
        summary=narrative.summary,
        analysis=narrative.analysis,
        recommendations=narrative.recommendations,
        created_by=actor.user,
    )
    report.full_clean()
    report.save()
    audit_event_record(actor=actor, action=AuditAction.CREATE, obj=report, details=_audit_details(report))
    _enqueue(report)
    return report


@transaction.atomic
def report_regenerate(*, actor: Actor, report: Report) -> None:
    """Make the report again (a new version), e.g. after the figures were brought up to date."""
    if not can(actor, Perm.INSIGHTS_REPORT_MAKE, report):
        raise PermissionDenied
    report.status, report.steps_done, report.steps_total, report.error = ReportStatus.QUEUED, 0, 0, ""
    report.save(update_fields=["status", "steps_done", "steps_total", "error"])
    audit_event_record(
        actor=actor, action=AuditAction.UPDATE, obj=report, details={"change": "regenerate", "kind": report.kind}
    )
    _enqueue(report)


def _progress(report: Report, *, done: int, total: int, status: str = ReportStatus.RUNNING) -> None:
    """Written at once (outside any transaction), so the report page sees each step while the task runs."""
    report.status, report.steps_done, report.steps_total = status, done, total
    Report.objects.filter(pk=report.pk).update(status=status, steps_done=done, steps_total=total, error="")


def _fail(report: Report, message: str) -> None:
    report.status, report.error = ReportStatus.FAILED, message[:500]
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.FAILED, error=report.error)


def _maker(report: Report) -> Actor:
    """The maker as he acts for the report's organisation now; :class:`ReportFailedError` when he may no longer."""
    user = report.created_by
    actor = actor_for(user=user, organisation_uuid=report.organisation.uuid) if user is not None else None
    if (
        actor is None
        or actor.organisation_id != report.organisation_id
        or not can(actor, Perm.INSIGHTS_REPORT_MAKE, report)
    ):
        raise ReportFailedError(
            _("The maker of this report may no longer make reports here. Ask a colleague to make it again.")
        )
    return actor


def _region_name(code: str) -> str:
    if not code:
        return ""
    return municipality_list().filter(code=code).values_list("name", flat=True).first() or code


def report_generate(*, report_id: int) -> ReportVersion | None:
    """Make the report: every figure its maker may read, each a step, then the PDF; stored as the next
    version. A failure is recorded in the report with a message for its reader; None then."""
    report = Report.objects.select_related("organisation", "created_by").get(pk=report_id)
    with translation.override(settings.LANGUAGE_CODE):
        try:
            return _generate(report)
        except ReportFailedError as failure:
            _fail(report, str(failure))
        except DocumentError:
            logger.exception("insights report %s: the document could not be made", report.uuid)
            _fail(report, _("The PDF could not be made. The figures are unchanged; try again later or ask support."))
        except Exception:
            logger.exception("insights report %s: making failed", report.uuid)
            _fail(report, _("The report could not be made because of an error. Try again later or ask support."))
    return None


def _generate(report: Report) -> ReportVersion:
    actor = _maker(report)
    audience = document.report_audience(report.kind, audience_of(actor))
    rules = rules_for(audience)
    filters = document.report_filters(report)
    figures = document.report_figures_of(report.kind, selectors.figures_readable(actor=actor))
    total = len(figures) + AFTER_FIGURES
    _progress(report, done=0, total=total)
    shown = []
    for done, figure in enumerate(figures, start=1):
        shown.append(document.report_figure(actor=actor, figure=figure, filters=filters, rules=rules))
        _progress(report, done=done, total=total)
    sections = document.report_sections(report)
    pdf = document.report_pdf(
        report=report,
        figures=shown,
        audience=audience,
        rules=rules,
        region_name=_region_name(report.region),
        sections=sections,
    )
    _progress(report, done=total - 1, total=total)
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = ReportVersion.objects.create(
            report=locked,
            number=number,
            created_by=actor.user,
            audience=str(audience),
            pdf=pdf,
            size=len(pdf),
            sha256=hashlib.sha256(pdf).hexdigest(),
        )
        locked.status, locked.steps_done, locked.steps_total, locked.error = ReportStatus.DONE, total, total, ""
        locked.save(update_fields=["status", "steps_done", "steps_total", "error"])
        audit_event_record(
            actor=actor,
            action=AuditAction.CREATE,
            object_type="insights.reportversion",
            object_uuid=report.uuid,
            details={"version": number, "audience": str(audience), "figures": len(shown), "bytes": len(pdf)},
        )
    report.refresh_from_db()
    return version


@transaction.atomic
def report_version_download(*, actor: Actor, version: ReportVersion) -> bytes:
    """The stored PDF, audited as an export. The caller found the version through the selectors (entitled)."""
    audit_event_record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="insights.reportversion",
        object_uuid=version.report.uuid,
        details={"version": version.number, "kind": version.report.kind, "format": "pdf"},
    )
    return bytes(version.pdf)
