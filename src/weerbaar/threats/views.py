# SPDX-License-Identifier: EUPL-1.2
"""Pages of area C.

Pages about one incident declare ``AUTHENTICATED`` at the gate and leave the decision to the selectors
(``scopes.incident_visible``): everyone outside — a colleague, a manager, another organisation, a
private partner — gets the same 404, whether or not the incident exists.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.threats import evidence as evidence_files
from weerbaar.threats import selectors, services
from weerbaar.threats.constants import TRANSITIONS
from weerbaar.threats.forms import (
    AddressForm,
    EvidenceForm,
    GrantForm,
    IncidentReportForm,
    OnBehalfReportForm,
    PerpetratorForm,
    StepDoneForm,
)
from weerbaar.threats.models import Incident
from weerbaar.threats.permissions import coordinate_incident, may_add_evidence, may_grant
from weerbaar.threats.retention_views import incident_retention_context


def incident_or_404(request: HttpRequest, uuid: Any, *, coordinate: bool = False) -> Incident:
    actor = actor_of(request)
    if coordinate:
        incident = selectors.incident_coordinated_get(actor=actor, uuid=uuid)
    else:
        incident = selectors.incident_get(actor=actor, uuid=uuid)
    if incident is None:
        raise Http404
    return incident


@access(permission(Perm.THREATS_VIEW))
def incident_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    return render(
        request,
        "threats/list.html",
        {
            "incidents": selectors.incident_open_list(actor=actor),
            "closed": selectors.incident_list(actor=actor).filter(status="afgesloten")[:50],
            "overdue": selectors.step_overdue_list(actor=actor),
            "is_coordinator": coordinate_incident(actor, None),
        },
    )


@access(permission(Perm.THREATS_REPORT))
def incident_report_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    on_behalf = coordinate_incident(actor, None)
    form: IncidentReportForm
    if on_behalf:
        form = OnBehalfReportForm(request.POST or None, victims=selectors.victim_candidates(actor=actor))
    else:
        form = IncidentReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and actor.user is not None:
        data = dict(form.cleaned_data)
        victim_name = data.pop("victim_name", "")
        # Self-service: the reporter is the person affected; the coordinator names an account or a person.
        victim = data.pop("victim", None) if on_behalf else actor.user
        identifier = data.pop("perpetrator_identifier", "")
        try:
            incident = services.incident_report(
                actor=actor,
                victim=victim,
                victim_name=victim_name if victim is None else "",
                data=data,
                perpetrator_identifier=identifier,
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request, _("Thank you. Your report has been received; the security coordinator follows it up.")
            )
            return redirect("threats:detail", uuid=incident.uuid)
    return render(request, "threats/report.html", {"form": form, "on_behalf": on_behalf})


@access(permission(Perm.THREATS_VIEW))
def incident_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid)
    services.incident_read_record(actor=actor, incident=incident)
    coordinator = coordinate_incident(actor, incident)
    context = {
        "incident": incident,
        "person": selectors.victim_person_get(actor=actor, incident=incident),
        "assessments": selectors.assessment_list(actor=actor, incident=incident),
        "is_coordinator": coordinator,
        "may_grant": may_grant(actor, incident),
        "may_add_evidence": may_add_evidence(actor, incident),
        "steps": selectors.step_list(actor=actor, incident=incident),
        "measures": selectors.measure_list(actor=actor, incident=incident),
        "grants": selectors.grant_list(actor=actor, incident=incident) if may_grant(actor, incident) else [],
        "evidence": incident.evidence.all(),
        "history": incident.status_changes.select_related("actor"),
        "perpetrator": services.perpetrator_links_show(actor=actor, incident=incident) if coordinator else None,
        "may_change_status": coordinator and bool(TRANSITIONS.next(incident.status)),
        "done_form": StepDoneForm(),
        "has_address": bool(incident.home_address_encrypted),
        **(incident_retention_context(incident) if coordinator else {}),
    }
    return render(request, "threats/detail.html", context)


@require_POST
@access(permission(Perm.THREATS_VIEW))
def step_done_view(request: HttpRequest, uuid: str, step_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    step = selectors.step_get(actor=actor, incident=incident, uuid=step_uuid)
    if step is None:
        raise Http404
    form = StepDoneForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("The note is too long."))
        services.step_complete(actor=actor, step=step, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Recorded: %(step)s.") % {"step": step.get_kind_display()})
    return redirect("threats:detail", uuid=incident.uuid)


@access(permission(Perm.THREATS_VIEW))
def evidence_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid)
    if not may_add_evidence(actor, incident):
        raise Http404
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            evidence_files.evidence_add(
                actor=actor, incident=incident, upload=form.cleaned_data["file"], label=form.cleaned_data["label"]
            )
        except ValidationError as error:
            apply_service_error(form, error, field="file")
        else:
            messages.success(request, _("The evidence has been added."))
            return redirect("threats:detail", uuid=incident.uuid)
    return render(
        request,
        "threats/form.html",
        {"form": form, "title": _("Add evidence"), "incident": incident, "multipart": True},
    )


@access(permission(Perm.THREATS_VIEW))
def evidence_download_view(request: HttpRequest, uuid: str, evidence_uuid: str) -> FileResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid)
    evidence = selectors.evidence_get(actor=actor, incident=incident, uuid=evidence_uuid)
    if evidence is None:
        raise Http404
    path = evidence_files.evidence_path(evidence)
    if not path.is_file():
        raise Http404
    services.incident_read_record(actor=actor, incident=incident, what="evidence")
    extension = path.suffix
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"bewijs-{evidence.uuid}{extension}",
        content_type=evidence.content_type,
    )
    response["Cache-Control"] = "no-store"
    return response


@access(permission(Perm.THREATS_VIEW))
def grant_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid)
    if not may_grant(actor, incident):
        raise Http404
    organisations = selectors.grantee_organisations(incident=incident)
    form = GrantForm(
        request.POST or None,
        candidates=selectors.grantee_candidates(incident=incident),
        organisations={pk: organisation.name for pk, organisation in organisations.items()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.grant_create(
                actor=actor, incident=incident, grantee=form.cleaned_data["grantee"], reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("Access has been granted and logged."))
            return redirect("threats:detail", uuid=incident.uuid)
    return render(request, "threats/form.html", {"form": form, "title": _("Grant access"), "incident": incident})


@require_POST
@access(permission(Perm.THREATS_VIEW))
def grant_revoke_view(request: HttpRequest, uuid: str, grant_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid)
    if not may_grant(actor, incident):
        raise Http404
    grant = selectors.grant_get(actor=actor, incident=incident, uuid=grant_uuid)
    if grant is None:
        raise Http404
    services.grant_revoke(actor=actor, grant=grant)
    messages.success(request, _("Access has been withdrawn."))
    return redirect("threats:detail", uuid=incident.uuid)


@access(permission(Perm.THREATS_VIEW))
def address_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The one page that shows the home address: the coordinator of the incident's organisation alone."""
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.home_address_set(actor=actor, incident=incident, address=form.cleaned_data["address"])
        messages.success(request, _("The home address has been stored encrypted."))
        return redirect("threats:address", uuid=incident.uuid)
    address = ""
    if request.method == "GET" and incident.home_address_encrypted:
        services.incident_read_record(actor=actor, incident=incident, what="home_address")
        address = selectors.incident_home_address(actor=actor, incident=incident)
    response = render(request, "threats/address.html", {"form": form, "incident": incident, "address": address})
    response["Cache-Control"] = "no-store"
    return response


@access(permission(Perm.THREATS_VIEW))
def perpetrator_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    incident = incident_or_404(request, uuid, coordinate=True)
    form = PerpetratorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.perpetrator_record(actor=actor, incident=incident, values=form.cleaned_data)
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            messages.success(
                request, _("What you know of the perpetrator has been sealed and compared with other incidents.")
            )
            return redirect("threats:detail", uuid=incident.uuid)
    return render(request, "threats/form.html", {"form": form, "title": _("Link a perpetrator"), "incident": incident})
