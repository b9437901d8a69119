# SPDX-License-Identifier: EUPL-1.2
"""The security coordinator's pages: steps, police report, measures, figures."""

import csv
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core import disclosure
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.threats import insight as figures
from weerbaar.threats import selectors, services
from weerbaar.threats.forms import AssessmentForm, MeasureForm, PoliceReportForm, StepForm
from weerbaar.threats.views import incident_or_404

_MEASURE_FIELDS = ("domain", "description", "provider", "starts_on", "ends_on", "cost_bearer", "review_on")


@access(permission(Perm.THREATS_VIEW))
def step_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    form = StepForm(request.POST or None, owners=selectors.staff_candidates(incident=incident))
    if request.method == "POST" and form.is_valid():
        try:
            services.step_add(actor=actor, incident=incident, **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The step has been added."))
            return redirect("threats:detail", uuid=incident.uuid)
    return render(request, "threats/form.html", {"form": form, "title": _("Add a step"), "incident": incident})


@access(permission(Perm.THREATS_VIEW))
def police_report_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    form = PoliceReportForm(request.POST or None, initial={"filed_on": timezone.localdate(), "employer_address": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.police_report_record(
                actor=actor,
                incident=incident,
                filed_on=data["filed_on"],
                filed_by=data["filed_by"],
                vpt_code=data["vpt_code"],
                reference=data["reference"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The police report has been recorded."))
            return redirect("threats:detail", uuid=incident.uuid)
    return render(request, "threats/form.html", {"form": form, "title": _("Police report"), "incident": incident})


@access(permission(Perm.THREATS_VIEW))
def assessment_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    form = AssessmentForm(request.POST or None, initial={"assessed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_record(actor=actor, incident=incident, **form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The outcome of the threat assessment has been recorded."))
            return redirect("threats:detail", uuid=incident.uuid)
    return render(request, "threats/form.html", {"form": form, "title": _("Threat assessment"), "incident": incident})


@access(permission(Perm.THREATS_VIEW))
def measure_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    form = MeasureForm(request.POST or None)
    del form.fields["reason"]
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_create(actor=actor, incident=incident, data=form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The protection measure has been added."))
            return redirect("threats:detail", uuid=incident.uuid)
    return render(
        request, "threats/form.html", {"form": form, "title": _("Add a protection measure"), "incident": incident}
    )


@access(permission(Perm.THREATS_VIEW))
def measure_update_view(request: HttpRequest, uuid: str, measure_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    measure = selectors.measure_get(actor=actor, incident=incident, uuid=measure_uuid)
    if measure is None:
        raise Http404
    form = MeasureForm(request.POST or None, initial={f: getattr(measure, f) for f in _MEASURE_FIELDS})
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        try:
            services.measure_update(actor=actor, measure=measure, data=data, reason=reason)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The protection measure has been changed; the history is kept."))
            return redirect("threats:detail", uuid=incident.uuid)
    return render(
        request,
        "threats/form.html",
        {"form": form, "title": _("Change protection measure"), "incident": incident, "changes": measure.changes.all()},
    )


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("jaar", "")
    this_year = timezone.localdate().year
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= this_year + 1 else this_year


@access(permission(Perm.THREATS_INSIGHT))
def insight_view(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    data = figures.insight_for(actor=actor_of(request), year=year)
    if data is None:
        raise Http404
    this_year = timezone.localdate().year
    return render(
        request,
        "threats/insight.html",
        {"insight": data, "years": range(this_year, this_year - 6, -1), "threshold": disclosure.THRESHOLD},
    )


@access(permission(Perm.THREATS_INSIGHT))
def insight_export_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    year = _year(request)
    data = figures.insight_for(actor=actor, year=year)
    if data is None:
        raise Http404
    audit_event_record(
        actor=actor, action=AuditAction.EXPORT, object_type="threats.insight", details={"year": year, "format": "csv"}
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="monitor-agressie-{year}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerows(figures.insight_csv_rows(data))
    return response
