# SPDX-License-Identifier: EUPL-1.2
"""Pages of integrity reports: the staff member's (/integriteit/melden/, /integriteit/mijn-meldingen/) and
the integrity coordinator's (/integriteit/meldingen/).

A report's pages answer 404 to everyone but its reporter (his own pages) and the integrity coordinator of
its organisation (the desk's pages) — a line manager, a colleague, a security coordinator or a council member
learns nothing, not even that it exists. Opening a report is audited as a read.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_stubs_ext import StrOrPromise

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import AUTHENTICATED, Actor, access, actor_of, can, permission
from weerbaar.core.retention_views import retention_destroy_view
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.core.workflow.views import ActionPage, versioned_action
from weerbaar.integrity import selectors, services
from weerbaar.integrity.constants import OPEN
from weerbaar.integrity.forms import IncidentForm, NoteForm, ReportForm, SignalForm, StatusForm
from weerbaar.integrity.models import PressureReport
from weerbaar.integrity.retention import POLICY, report_retention_entry, retention_ends_on

type View = Callable[..., HttpResponse]


def desk_page(view: View) -> View:
    """A page of one report on the coordinator's desk: ``integrity.handle`` on it, or 404 — never 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, uuid: str, **kwargs: Any) -> HttpResponse:
        actor = actor_of(request)
        report = selectors.handled_report_get(actor=actor, uuid=uuid) if can(actor, Perm.INTEGRITY_HANDLE) else None
        if report is None:
            raise Http404
        return view(request, report, **kwargs)

    return access(AUTHENTICATED)(wrapped)


# --- The staff member ---------------------------------------------------------------------------------


@access(permission(Perm.INTEGRITY_REPORT))
@require_http_methods(["GET", "POST"])
def report_new_view(request: HttpRequest) -> HttpResponse:
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_submit(actor=actor_of(request), **form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("Your report has been sent to the integrity coordinator, and to nobody else."))
            return redirect("integrity:own_detail", uuid=report.uuid)
    return render(request, "integrity/report_new.html", {"form": form}, status=400 if form.errors else 200)


@access(permission(Perm.INTEGRITY_REPORT))
@require_GET
def own_list_view(request: HttpRequest) -> HttpResponse:
    reports = selectors.own_report_list(actor=actor_of(request))[:200]
    return render(request, "integrity/own_list.html", {"reports": reports})


@access(permission(Perm.INTEGRITY_REPORT))
@require_GET
def own_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    report = selectors.own_report_get(actor=actor_of(request), uuid=uuid)
    if report is None:
        raise Http404
    history = report.status_changes.all()
    return render(request, "integrity/own_detail.html", {"report": report, "history": history})


# --- The integrity coordinator ------------------------------------------------------------------------


@access(permission(Perm.INTEGRITY_HANDLE))
@require_GET
def desk_view(request: HttpRequest) -> HttpResponse:
    reports = list(selectors.handled_report_list(actor=actor_of(request))[:300])
    return render(
        request,
        "integrity/desk.html",
        {
            "open_reports": [r for r in reports if r.status in OPEN],
            "closed_reports": [r for r in reports if r.status not in OPEN],
        },
    )


def _render_detail(
    request: HttpRequest, report: PressureReport, *, bound: dict[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "integrity/detail.html",
        {
            "report": report,
            "open": report.status in OPEN,
            "history": report.status_changes.select_related("actor"),
            "notes": report.notes.select_related("author"),
            "note_form": (bound or {}).get("note") or NoteForm(),
            "retention_ends_on": retention_ends_on(report),
            "today": timezone.localdate(),
        },
        status=status,
    )


@desk_page
@require_GET
def detail_view(request: HttpRequest, report: PressureReport) -> HttpResponse:
    audit_event_record(actor=actor_of(request), action=AuditAction.READ, obj=report)
    return _render_detail(request, report)


@desk_page
@require_http_methods(["POST"])
def note_view(request: HttpRequest, report: PressureReport) -> HttpResponse:
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(actor=actor_of(request), report=report, text=form.cleaned_data["text"])
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(request, _("The note has been added."))
            return redirect("integrity:detail", uuid=report.uuid)
    return _render_detail(request, report, bound={"note": form}, status=400)


def _action(
    request: HttpRequest,
    report: PressureReport,
    *,
    template: str,
    make: Callable[[PressureReport, QueryDict | None], Any],
    apply: Callable[[dict[str, Any]], object],
    done: StrOrPromise,
) -> HttpResponse:
    """An action's own page on a report: its form (GET), and the versioned change (POST)."""

    def render_page(
        request: HttpRequest, current: PressureReport, *, bound: dict[str, Any] | None = None, status: int = 200
    ) -> HttpResponse:
        form = (bound or {}).get("form") or make(current, None)
        return render(request, template, {"report": current, "form": form}, status=status)

    page = ActionPage(render=render_page, url_name="integrity:detail")
    if request.method == "GET":
        return page.render(request, report)
    return versioned_action(
        request, report, page=page, key="form", make_form=lambda data: make(report, data), apply=apply, done=done
    )


@desk_page
@require_http_methods(["GET", "POST"])
def status_view(request: HttpRequest, report: PressureReport) -> HttpResponse:
    actor = actor_of(request)
    return _action(
        request,
        report,
        template="integrity/status.html",
        make=lambda obj, data: StatusForm(data, initial={"version": obj.version}, current=obj.status),
        apply=lambda data: services.report_transition(
            actor=actor,
            report=report,
            to_status=data["to_status"],
            reason=data.get("reason", ""),
            expected_version=data["version"],
        ),
        done=_("The status has been changed."),
    )


@desk_page
@require_http_methods(["GET", "POST"])
def to_incident_view(request: HttpRequest, report: PressureReport) -> HttpResponse:
    actor = actor_of(request)
    return _action(
        request,
        report,
        template="integrity/to_incident.html",
        make=lambda obj, data: IncidentForm(data, initial={"version": obj.version}),
        apply=lambda data: services.report_to_incident(
            actor=actor,
            report=report,
            expected_version=data["version"],
            forms=data["incident_forms"],
            channel=data["channel"],
            target=data["target"],
            office=data["office"],
            occurred_at=data["occurred_at"],
            severity=data["severity"],
            description=data["description"],
        ),
        done=_("The threat incident has been registered for the security coordinator."),
    )


@desk_page
@require_http_methods(["GET", "POST"])
def to_signal_view(request: HttpRequest, report: PressureReport) -> HttpResponse:
    actor = actor_of(request)
    return _action(
        request,
        report,
        template="integrity/to_signal.html",
        make=lambda obj, data: SignalForm(data, initial={"version": obj.version}),
        apply=lambda data: services.report_to_signal(
            actor=actor,
            report=report,
            expected_version=data["version"],
            phenomenon=data["phenomenon"],
            description=data["description"],
        ),
        done=_("The signal has been sent to the intake team."),
    )


def _handled_report(actor: Actor, uuid: str) -> PressureReport | None:
    return selectors.handled_report_get(actor=actor, uuid=uuid)


#: Destroying a closed report whose retention has ended, before the daily run: its coordinator, with a reason.
destroy_view = retention_destroy_view(
    code=Perm.INTEGRITY_HANDLE,
    lookup=_handled_report,
    policy=POLICY,
    entry=report_retention_entry,
    detail="integrity:detail",
    fallback="integrity:desk",
)
