# SPDX-License-Identifier: EUPL-1.2
"""``/inzichten/rapporten/``: the reports one may read (paged), the form to ask for one, a report's page with
its progress and versions, the progress as JSON for the page's script, making it again, and downloading a
version. Every page needs ``insights.view``; which reports it shows is the selectors' business (another
organisation's report, or one not meant for the reader, answers 404)."""

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.insights.constants import ReportStatus
from weerbaar.insights.models import Report
from weerbaar.insights.reports import selectors, services
from weerbaar.insights.reports.forms import ReportForm, default_period


def _progress(report: Report) -> dict[str, object]:
    if report.status == ReportStatus.FAILED:
        label = _("Failed: %(error)s") % {"error": report.error}
    elif report.status == ReportStatus.DONE:
        label = _("Ready: the PDF can be downloaded.")
    elif report.steps_total:
        label = _("Being made: step %(done)d of %(total)d.") % {
            "done": report.steps_done,
            "total": report.steps_total,
        }
    else:
        label = _("Waiting to be made.")
    return {
        "status": report.status,
        "stepsDone": report.steps_done,
        "stepsTotal": report.steps_total,
        "label": label,
        "finished": report.status in {ReportStatus.DONE, ReportStatus.FAILED},
    }


@require_GET
@access(permission(Perm.INSIGHTS_VIEW))
def report_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    page = paginate(request, selectors.report_list(actor=actor).select_related("created_by"), per_page=20)
    return render(
        request,
        "insights/reports/list.html",
        {"page": page, "may_make": selectors.may_make_reports(actor)},
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.INSIGHTS_REPORT_MAKE))
def report_new_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if request.method == "POST":
        form = ReportForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            report = services.report_create(
                actor=actor,
                kind=data["kind"],
                title=data["title"],
                filters=form.filters,
                narrative=services.Narrative(data["summary"], data["analysis"], data["recommendations"]),
            )
            return redirect("insights:report_detail", uuid=report.uuid)
        status = 400
    else:
        form = ReportForm(initial=default_period())
        status = 200
    return render(request, "insights/reports/new.html", {"form": form}, status=status)


def _report(request: HttpRequest, uuid: UUID) -> Report:
    report = selectors.report_get(actor=actor_of(request), uuid=uuid)
    if report is None:
        raise Http404
    return report


@require_GET
@access(permission(Perm.INSIGHTS_VIEW))
def report_detail_view(request: HttpRequest, uuid: UUID) -> HttpResponse:
    report = _report(request, uuid)
    actor = actor_of(request)
    return render(
        request,
        "insights/reports/detail.html",
        {
            "report": report,
            "progress": _progress(report),
            "versions": selectors.report_versions(report=report),
            "may_make": selectors.may_make_reports(actor),
        },
    )


@require_GET
@access(permission(Perm.INSIGHTS_VIEW))
def report_progress_view(request: HttpRequest, uuid: UUID) -> JsonResponse:
    response = JsonResponse(_progress(_report(request, uuid)))
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@access(permission(Perm.INSIGHTS_REPORT_MAKE))
def report_regenerate_view(request: HttpRequest, uuid: UUID) -> HttpResponse:
    report = _report(request, uuid)
    services.report_regenerate(actor=actor_of(request), report=report)
    return redirect("insights:report_detail", uuid=report.uuid)


@require_GET
@access(permission(Perm.INSIGHTS_VIEW))
def report_download_view(request: HttpRequest, uuid: UUID, number: int) -> HttpResponse:
    actor = actor_of(request)
    version = selectors.report_version_get(actor=actor, uuid=uuid, number=number)
    if version is None:
        raise Http404
    pdf = services.report_version_download(actor=actor, version=version)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{version.report.kind}-{version.number}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
