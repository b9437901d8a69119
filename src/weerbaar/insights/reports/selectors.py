# SPDX-License-Identifier: EUPL-1.2
"""Reading reports: those of the actor's own organisation, all of them for a maker of reports, the reports
to the council for a council member; nothing for anyone else (a report found otherwise answers 404)."""

from uuid import UUID

from django.db.models import Count, QuerySet

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, can
from weerbaar.insights.constants import COUNCIL_KINDS
from weerbaar.insights.models import Report, ReportVersion


def may_make_reports(actor: Actor) -> bool:
    return can(actor, Perm.INSIGHTS_REPORT_MAKE)


def may_read_reports(actor: Actor) -> bool:
    return can(actor, Perm.INSIGHTS_REPORT_MAKE) or can(actor, Perm.INSIGHTS_REPORT_COUNCIL)


def report_list(*, actor: Actor) -> QuerySet[Report]:
    """The reports the actor may read, newest first, with the number of versions made."""
    if actor.organisation_id is None:
        return Report.objects.none()
    reports = Report.objects.filter(organisation_id=actor.organisation_id)
    if not can(actor, Perm.INSIGHTS_REPORT_MAKE):
        if not can(actor, Perm.INSIGHTS_REPORT_COUNCIL):
            return Report.objects.none()
        reports = reports.filter(kind__in=COUNCIL_KINDS)
    return reports.annotate(version_count=Count("versions")).order_by("-created_at", "-pk")


def report_get(*, actor: Actor, uuid: UUID) -> Report | None:
    report = report_list(actor=actor).select_related("organisation", "created_by").filter(uuid=uuid).first()
    if report is None:
        return None
    entitled = can(actor, Perm.INSIGHTS_REPORT_MAKE, report) or can(actor, Perm.INSIGHTS_REPORT_COUNCIL, report)
    return report if entitled else None


def report_versions(*, report: Report) -> QuerySet[ReportVersion]:
    """The versions made, newest first, without their PDFs."""
    return report.versions.defer("pdf").select_related("created_by").order_by("-number")


def report_version_get(*, actor: Actor, uuid: UUID, number: int) -> ReportVersion | None:
    report = report_get(actor=actor, uuid=uuid)
    if report is None:
        return None
    version = report.versions.filter(number=number).first()
    if version is not None:
        version.report = report
    return version
