# SPDX-License-Identifier: EUPL-1.2
"""The coordinator's pages (/weerbaarheid/scans/): the list, opening a scan or re-scan, a scan's page
(progress, consolidated scores, findings, trend, actions), respondents, exposure, closing, the benchmark
and a new improvement action. Everything is ``resilience.manage`` on a scan of the own organisation; another
organisation's scan is 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.resilience import selectors, services
from weerbaar.resilience.constants import ScanStatus, TopicKind
from weerbaar.resilience.forms import ActionForm, AssignForm, CloseForm, ExposureForm, ScanOpenForm
from weerbaar.resilience.models import Scan
from weerbaar.resilience.views._shared import scan_or_404

MANAGE = permission(Perm.RESILIENCE_MANAGE)
#: Scans (one or two a year) and a scan's improvement actions grow over the years: 25 to a page.
PER_PAGE = 25


@access(MANAGE)
@require_GET
def scan_list_view(request: HttpRequest) -> HttpResponse:
    scans = paginate(request, selectors.scan_list(actor=actor_of(request)), per_page=PER_PAGE)
    return render(request, "resilience/list.html", {"scans": scans})


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def scan_open_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = ScanOpenForm(request.POST or None, scans=selectors.scan_list(actor=actor))
    if request.method == "POST" and form.is_valid():
        try:
            scan = services.scan_open(
                actor=actor, title=form.cleaned_data["title"], previous=form.cleaned_data["previous"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The scan is open. Rate the exposure of the processes and add respondents."))
            return redirect("resilience:detail", uuid=scan.uuid)
    return render(request, "resilience/open.html", {"form": form})


def _render_detail(request: HttpRequest, scan: Scan, *, status: int = 200) -> HttpResponse:
    actor = actor_of(request)
    topics = selectors.topics_of(scan)
    scores = selectors.scan_scores(scan, topics)
    return render(
        request,
        "resilience/detail.html",
        {
            "scan": scan,
            "progress": selectors.scan_progress(scan, topics),
            "respondents": selectors.scan_respondents(scan),
            "scores": scores,
            "findings": selectors.scan_findings(scan, scores, topics),
            "recommendations": selectors.recommended_measures(actor=actor, scan=scan, scores=scores),
            "trend": selectors.scan_trend(scan, topics),
            "actions": paginate(request, selectors.action_list(actor=actor, scan=scan), per_page=PER_PAGE),
            "close_form": CloseForm(initial={"version": scan.version}),
            "open": scan.status == ScanStatus.OPEN,
        },
        status=status,
    )


@access(MANAGE)
@require_GET
def scan_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    scan = scan_or_404(request, uuid)
    audit_event_record(actor=actor_of(request), action=AuditAction.READ, obj=scan)
    return _render_detail(request, scan)


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def assign_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    scan = scan_or_404(request, uuid)
    form = AssignForm(
        request.POST or None,
        topics=scan.scan_model.topics.all(),
        respondents=selectors.people_of(scan.organisation_id, services.ANSWERING_ROLES),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_add(
                actor=actor, scan=scan, topic=form.cleaned_data["topic"], respondent=form.cleaned_data["respondent"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The respondent has been added."))
            return redirect("resilience:assign", uuid=scan.uuid)
    return render(
        request,
        "resilience/assign.html",
        {"scan": scan, "form": form, "respondents": selectors.scan_respondents(scan)},
    )


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def exposure_view(request: HttpRequest, uuid: str) -> HttpResponse:
    scan = scan_or_404(request, uuid)
    topics = list(scan.scan_model.topics.filter(kind=TopicKind.PROCESS))
    current = dict(scan.exposures.values_list("topic__key", "level"))
    form = ExposureForm(request.POST or None, topics=topics, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.exposure_set(actor=actor_of(request), scan=scan, levels=form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The exposure has been saved."))
            return redirect("resilience:detail", uuid=scan.uuid)
    return render(request, "resilience/exposure.html", {"scan": scan, "form": form})


@access(MANAGE)
@require_POST
def scan_close_view(request: HttpRequest, uuid: str) -> HttpResponse:
    scan = scan_or_404(request, uuid)
    form = CloseForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, scan, status=400)
    try:
        services.scan_close(actor=actor_of(request), scan=scan, expected_version=form.cleaned_data["version"])
    except StaleVersionError:
        messages.error(request, _("Someone else changed the scan in the meantime. Check it and try again."))
        return _render_detail(request, scan, status=409)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _render_detail(request, scan, status=400)
    messages.success(request, _("The scan has been closed."))
    return redirect("resilience:detail", uuid=scan.uuid)


@access(MANAGE)
@require_GET
def benchmark_view(request: HttpRequest, uuid: str) -> HttpResponse:
    scan = scan_or_404(request, uuid)
    audit_event_record(actor=actor_of(request), action=AuditAction.READ, obj=scan, details={"part": "benchmark"})
    return render(request, "resilience/benchmark.html", {"scan": scan, "benchmark": selectors.benchmark(scan)})


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def action_create_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    scan = scan_or_404(request, uuid)
    # "Make an improvement action" beside a recommended barrier: the barrier's key (a UUID) and the topic's key.
    initial = (
        selectors.action_initial(
            actor=actor,
            scan=scan,
            barrier_key=request.GET.get("barriere", ""),
            topic_key=request.GET.get("onderwerp", ""),
        )
        if request.method == "GET" and "barriere" in request.GET
        else {}
    )
    form = ActionForm(
        request.POST or None,
        initial=initial,
        topics=scan.scan_model.topics.all(),
        owners=selectors.people_of(scan.organisation_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(actor=actor, scan=scan, **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The improvement action has been added."))
            return redirect("resilience:action", uuid=action.uuid)
    return render(request, "resilience/action_create.html", {"scan": scan, "form": form})
