# SPDX-License-Identifier: EUPL-1.2
"""Checking and judging: the checklist per partner and location, a location with its findings, the finding
form (with its idempotency key), a finding with its follow-ups, the follow-up form and the photos.

Made for a phone's width and for working without JavaScript: one column, plain forms, a hidden key per
rendered finding form so a form sent twice records one finding.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.actions import selectors, services
from weerbaar.actions.constants import FINDING_STATUSES, LegalDomain
from weerbaar.actions.forms import FindingForm, FollowUpForm
from weerbaar.actions.models import Finding, Operation
from weerbaar.actions.views._shared import finding_or_404, location_or_404, operation_or_404
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases.selectors import OPEN_STATUSES, case_list
from weerbaar.core.policy import access, actor_of, can, permission
from weerbaar.core.uploads import sanitise_upload
from weerbaar.core.workflow.forms import apply_service_error

VIEW = permission(Perm.ACTIONS_VIEW)
CHECK = permission(Perm.ACTIONS_CHECK)


def _partner_choices(request: HttpRequest, operation: Operation) -> dict[str, Any]:
    """The partner rows the actor may record for: its own organisation's; a planner's also the others'."""
    actor = actor_of(request)
    planner = can(actor, Perm.ACTIONS_MANAGE, operation)
    partners = selectors.operation_partners(actor=actor, operation=operation)
    if not planner:
        partners = partners.filter(organisation=actor.organisation)
    return {str(p.uuid): p for p in partners}


@access(VIEW)
@require_GET
def checklist_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    operation = operation_or_404(request, uuid)
    locations = list(selectors.location_list(actor=actor, operation=operation))
    domains = [LegalDomain(d).label for d in selectors.own_domains(actor=actor, operation=operation)]
    audit_event_record(
        actor=actor, action=AuditAction.READ, obj=operation, details={"part": "checklist", "locations": len(locations)}
    )
    return render(
        request,
        "actions/checklist.html",
        {
            "operation": operation,
            "locations": locations,
            "domains": domains,
            "may_record": can(actor, Perm.ACTIONS_CHECK, operation) and operation.status in FINDING_STATUSES,
        },
    )


@access(VIEW)
@require_GET
def location_view(request: HttpRequest, uuid: str, location_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    operation = operation_or_404(request, uuid)
    location = location_or_404(request, operation, location_uuid)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=location, details={"operation": str(operation.uuid)})
    return render(
        request,
        "actions/location.html",
        {
            "operation": operation,
            "location": location,
            "source": selectors.location_source(actor=actor, location=location),
            "may_record": can(actor, Perm.ACTIONS_CHECK, operation) and operation.status in FINDING_STATUSES,
        },
    )


@access(CHECK)
@require_http_methods(["GET", "POST"])
def finding_create_view(request: HttpRequest, uuid: str, location_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_CHECK)
    location = location_or_404(request, operation, location_uuid)
    partners = _partner_choices(request, operation)
    form = FindingForm(
        request.POST or None,
        request.FILES or None,
        partners=[(k, str(p)) for k, p in partners.items()],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        partner = partners[data["partner"]]
        try:
            photos = [sanitise_upload(upload) for upload in data["photos"]]
            recorded = services.finding_record(
                actor=actor,
                operation=operation,
                location=location,
                organisation=partner.organisation,
                domain=partner.domain,
                checked=data["checked"],
                compliant=data["compliant"],
                legal_ground=data["legal_ground"],
                severity=data["severity"],
                sanction=data["sanction"],
                notes=data["notes"],
                idempotency_key=data["idempotency_key"],
                photos=photos,
            )
        except ValidationError as error:
            apply_service_error(form, error, aliases={"domain": "partner"})
        else:
            if recorded.created:
                messages.success(request, _("The finding has been recorded."))
            else:
                messages.info(request, _("This finding had already been recorded; nothing was added."))
            return redirect("actions:location", uuid=operation.uuid, location_uuid=location.uuid)
    return render(
        request,
        "actions/finding_form.html",
        {
            "operation": operation,
            "location": location,
            "form": form,
            "open": operation.status in FINDING_STATUSES and bool(partners),
        },
    )


def _follow_up_form(request: HttpRequest, finding: Finding, data: Any = None) -> tuple[FollowUpForm, dict[str, Any]]:
    actor = actor_of(request)
    operation = finding.operation
    owners = {
        str(p.organisation.uuid): p.organisation for p in selectors.operation_partners(actor=actor, operation=operation)
    }
    # Only a case still open takes a new intervention.
    cases = {str(c.uuid): c for c in case_list(actor=actor).filter(status__in=OPEN_STATUSES)[:200]}
    municipalities = {str(m.code): m for m in selectors.operation_area(operation)}
    form = FollowUpForm(
        data,
        owners=[(k, o.name) for k, o in owners.items()],
        cases=[(k, f"{c.number} — {c.title}") for k, c in cases.items()],
        municipalities=[(k, m.name) for k, m in municipalities.items()],
    )
    return form, {"owners": owners, "cases": cases, "municipalities": municipalities}


@access(VIEW)
@require_GET
def finding_view(request: HttpRequest, uuid: str, finding_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    operation = operation_or_404(request, uuid)
    finding = finding_or_404(request, operation, finding_uuid)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=finding, details={"operation": str(operation.uuid)})
    follow_ups = [
        (f, selectors.follow_up_state(actor=actor, follow_up=f))
        for f in selectors.follow_up_list(actor=actor, operation=operation).filter(finding=finding)
    ]
    return render(
        request,
        "actions/finding.html",
        {
            "operation": operation,
            "finding": finding,
            "follow_ups": follow_ups,
            "may_follow_up": services.may_follow_up(actor, finding),
            "may_correct": services.may_correct(actor, finding),
            "may_delete_photo": services.may_delete_photo(actor, finding),
        },
    )


@access(CHECK)
@require_http_methods(["GET", "POST"])
def follow_up_create_view(request: HttpRequest, uuid: str, finding_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_CHECK)
    finding = finding_or_404(request, operation, finding_uuid)
    if not services.may_follow_up(actor, finding):
        raise Http404
    form, options = _follow_up_form(request, finding, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.follow_up_create(
                actor=actor,
                finding=finding,
                kind=data["kind"],
                owner=options["owners"][data["owner"]],
                due_on=data["due_on"],
                case=options["cases"].get(data["case"] or ""),
                description=data["description"],
                phenomenon=data["phenomenon"],
                municipality=options["municipalities"].get(data["municipality"] or ""),
            )
        except ValidationError as error:
            apply_service_error(form, error)
        except PermissionDenied as denied:
            apply_service_error(form, denied, field="case", denied=_("You are not a member of this case."))
        else:
            messages.success(request, _("The follow-up has been recorded."))
            return redirect("actions:finding", uuid=operation.uuid, finding_uuid=finding.uuid)
    return render(request, "actions/follow_up_form.html", {"operation": operation, "finding": finding, "form": form})


@access(CHECK)
@require_POST
def follow_up_complete_view(request: HttpRequest, uuid: str, follow_up_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_CHECK)
    follow_up = selectors.follow_up_list(actor=actor, operation=operation).filter(uuid=follow_up_uuid).first()
    if follow_up is None:
        raise Http404
    try:
        services.follow_up_complete(actor=actor, follow_up=follow_up)
    except PermissionDenied as denied:
        raise Http404 from denied
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The follow-up is done."))
    return redirect("actions:finding", uuid=operation.uuid, finding_uuid=follow_up.finding.uuid)


@access(VIEW)
@require_GET
def photo_view(request: HttpRequest, uuid: str, photo_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    operation = operation_or_404(request, uuid)
    finding = selectors.finding_list(actor=actor, operation=operation).filter(photos__uuid=photo_uuid).first()
    if finding is None:
        raise Http404
    photo = finding.photos.get(uuid=photo_uuid)
    audit_event_record(actor=actor, action=AuditAction.READ, obj=photo, details={"finding": str(finding.uuid)})
    response = HttpResponse(services.photo_read(photo), content_type=photo.content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
