# SPDX-License-Identifier: EUPL-1.2
"""The security coordinator's pages: steps, police report, measures, figures."""

import csv
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
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
from weerbaar.threats.forms import AssessmentForm, MeasureForm, PoliceReportForm, StatusForm, StepForm
from weerbaar.threats.models import Incident
from weerbaar.threats.views import incident_or_404

_MEASURE_FIELDS = ("domain", "description", "provider", "starts_on", "ends_on", "cost_bearer", "review_on")


def _incident_form(
    request: HttpRequest,
    incident: Incident,
    form: Form,
    *,
    save: Callable[[dict[str, Any]], object],
    title: str,
    done: str,
    **context: Any,
) -> HttpResponse:
    """A coordinator's form about one incident: a valid post is saved by ``save`` (a service's refusal shown
    on the form) and goes back to the incident; otherwise the form page, with ``context`` beside it."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, done)
            return redirect("threats:detail", uuid=incident.uuid)
    return render(request, "threats/form.html", {"form": form, "title": title, "incident": incident, **context})


@access(permission(Perm.THREATS_VIEW))
def incident_status_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The next status with the reason, on a page of its own; a refusal shows it again with what was typed."""
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    form = StatusForm(request.POST or None, current=incident.status)
    if not form.fields["status"].choices:  # type: ignore[attr-defined]
        messages.info(request, _("This incident is closed."))
        return redirect("threats:detail", uuid=incident.uuid)
    return _incident_form(
        request,
        incident,
        form,
        save=lambda data: services.incident_status_change(
            actor=actor, incident=incident, to_status=data["status"], reason=data["reason"]
        ),
        title=_("Change status"),
        done=_("The status has been changed."),
    )


@access(permission(Perm.THREATS_VIEW))
def step_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    return _incident_form(
        request,
        incident,
        StepForm(request.POST or None, owners=selectors.staff_candidates(incident=incident)),
        save=lambda data: services.step_add(actor=actor, incident=incident, **data),
        title=_("Add a step"),
        done=_("The step has been added."),
    )


@access(permission(Perm.THREATS_VIEW))
def police_report_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)

    def save(data: dict[str, Any]) -> None:
        services.police_report_record(
            actor=actor,
            incident=incident,
            filed_on=data["filed_on"],
            filed_by=data["filed_by"],
            vpt_code=data["vpt_code"],
            reference=data["reference"],
        )

    return _incident_form(
        request,
        incident,
        PoliceReportForm(request.POST or None, initial={"filed_on": timezone.localdate(), "employer_address": True}),
        save=save,
        title=_("Police report"),
        done=_("The police report has been recorded."),
    )


@access(permission(Perm.THREATS_VIEW))
def assessment_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    return _incident_form(
        request,
        incident,
        AssessmentForm(request.POST or None, initial={"assessed_on": timezone.localdate()}),
        save=lambda data: services.assessment_record(actor=actor, incident=incident, **data),
        title=_("Threat assessment"),
        done=_("The outcome of the threat assessment has been recorded."),
    )


@access(permission(Perm.THREATS_VIEW))
def measure_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    form = MeasureForm(request.POST or None)
    del form.fields["reason"]
    return _incident_form(
        request,
        incident,
        form,
        save=lambda data: services.measure_create(actor=actor, incident=incident, data=data),
        title=_("Add a protection measure"),
        done=_("The protection measure has been added."),
    )


@access(permission(Perm.THREATS_VIEW))
def measure_update_view(request: HttpRequest, uuid: str, measure_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    measure = selectors.measure_get(actor=actor, incident=incident, uuid=measure_uuid)
    if measure is None:
        raise Http404

    def save(data: dict[str, Any]) -> None:
        changes = dict(data)
        reason = changes.pop("reason", "")
        services.measure_update(actor=actor, measure=measure, data=changes, reason=reason)

    return _incident_form(
        request,
        incident,
        MeasureForm(request.POST or None, initial={f: getattr(measure, f) for f in _MEASURE_FIELDS}),
        save=save,
        title=_("Change protection measure"),
        done=_("The protection measure has been changed; the history is kept."),
        changes=measure.changes.all(),
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
