# SPDX-License-Identifier: EUPL-1.2
"""Managing a joint action after it was planned (planners only, 404 for anyone else): its details, ending a
membership, removing a partner added by mistake, and the legal hold that keeps it past its retention."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.actions import selectors, services
from weerbaar.actions.edit_forms import LegalHoldForm, OperationEditForm
from weerbaar.actions.retention import operation_retention_end
from weerbaar.actions.views._shared import operation_or_404
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.geo.selectors import municipality_list

MANAGE = permission(Perm.ACTIONS_MANAGE)


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def operation_edit_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_MANAGE)
    municipalities = {str(m.code): m for m in municipality_list()}
    partnerships = {str(p.uuid): p for p in selectors.partnerships_for(actor=actor)}
    if operation.partnership is not None:
        partnerships.setdefault(str(operation.partnership.uuid), operation.partnership)
    form = OperationEditForm(
        request.POST or None,
        initial={
            "version": operation.version,
            "title": operation.title,
            "starts_on": operation.starts_on,
            "ends_on": operation.ends_on,
            "municipalities": [str(m.code) for m in operation.municipalities.all()],
            "partnership": str(operation.partnership.uuid) if operation.partnership else "",
            "area_description": operation.area_description,
            "objectives": operation.objectives,
        },
        municipalities=[(k, m.name) for k, m in municipalities.items()],
        partnerships=[(k, p.name) for k, p in partnerships.items()],
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.operation_update(
                    actor=actor,
                    operation=operation,
                    title=data["title"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    municipalities=[municipalities[code] for code in data["municipalities"]],
                    partnership=partnerships.get(data["partnership"] or ""),
                    area_description=data["area_description"],
                    objectives=data["objectives"],
                    expected_version=data["version"],
                )
            except StaleVersionError:
                stale = _("Someone else changed the joint action in the meantime. Check it and try again.")
                form.add_error(None, stale)
                status = 409
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The joint action has been changed."))
                return redirect("actions:detail", uuid=operation.uuid)
    return render(request, "actions/edit.html", {"operation": operation, "form": form}, status=status)


@access(MANAGE)
@require_POST
def member_end_view(request: HttpRequest, uuid: str, member_uuid: str) -> HttpResponse:
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_MANAGE)
    member = operation.memberships.filter(uuid=member_uuid).first()
    if member is None:
        raise Http404
    try:
        services.operation_member_end(actor=actor_of(request), operation=operation, member=member)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The membership has ended."))
    return redirect("actions:detail", uuid=operation.uuid)


@access(MANAGE)
@require_POST
def partner_remove_view(request: HttpRequest, uuid: str, partner_uuid: str) -> HttpResponse:
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_MANAGE)
    partner = operation.partners.filter(uuid=partner_uuid).first()
    if partner is None:
        raise Http404
    try:
        services.operation_partner_remove(actor=actor_of(request), operation=operation, partner=partner)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The partner has been removed."))
    return redirect("actions:detail", uuid=operation.uuid)


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def legal_hold_view(request: HttpRequest, uuid: str) -> HttpResponse:
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_MANAGE)
    form = LegalHoldForm(request.POST or None, initial={"hold": "nee" if operation.legal_hold else "ja"})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.operation_legal_hold_set(
                    actor=actor_of(request),
                    operation=operation,
                    hold=form.cleaned_data["hold"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The legal hold has been changed."))
                return redirect("actions:detail", uuid=operation.uuid)
    context = {"operation": operation, "form": form, "retention_end": operation_retention_end(operation)}
    return render(request, "actions/legal_hold.html", context, status=status)
