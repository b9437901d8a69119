# SPDX-License-Identifier: EUPL-1.2
"""The joint actions (/acties/): the list, planning one, its page with partners and members, and its steps.

Every page is 404 outside the actor's scope: a non-member, a participant before the first day (embargo),
and for the planners' forms anyone who is not a planner of this action.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.actions import selectors, services
from weerbaar.actions.constants import OPERATION_TRANSITIONS, OperationStatus
from weerbaar.actions.forms import MemberForm, OperationForm, PartnerForm, TransitionForm
from weerbaar.actions.models import Operation
from weerbaar.actions.views._shared import choices, operation_or_404
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import access, actor_of, can, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.core.workflow.versioning import StaleVersionError
from weerbaar.geo.selectors import municipality_list

VIEW = permission(Perm.ACTIONS_VIEW)
MANAGE = permission(Perm.ACTIONS_MANAGE)
PER_PAGE = 25


@access(VIEW)
@require_GET
def operation_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    operations = paginate(request, selectors.operation_list(actor=actor), per_page=PER_PAGE)
    return render(
        request,
        "actions/list.html",
        {"operations": operations, "may_plan": can(actor, Perm.ACTIONS_MANAGE)},
    )


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def operation_create_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    municipalities = {str(m.code): m for m in municipality_list()}
    partnerships = {str(p.uuid): p for p in selectors.partnerships_for(actor=actor)}
    leaders = {str(u.uuid): u for u in selectors.people_of(actor.organisation_id)}
    form = OperationForm(
        request.POST or None,
        initial={"project_leader": str(actor.user.uuid) if actor.user else ""},
        leaders=[(k, u.display_name) for k, u in leaders.items()],
        municipalities=[(k, m.name) for k, m in municipalities.items()],
        partnerships=[(k, p.name) for k, p in partnerships.items()],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            operation = services.operation_create(
                actor=actor,
                kind=data["kind"],
                title=data["title"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                project_leader=leaders[data["project_leader"]],
                municipalities=[municipalities[code] for code in data["municipalities"]],
                partnership=partnerships.get(data["partnership"] or ""),
                area_description=data["area_description"],
                objectives=data["objectives"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The joint action has been planned. Add the partners and draw the locations."))
            return redirect("actions:detail", uuid=operation.uuid)
    return render(request, "actions/create.html", {"form": form})


def _transition_form(operation: Operation) -> TransitionForm | None:
    steps = sorted(OPERATION_TRANSITIONS.next(operation.status))
    if not steps:
        return None
    return TransitionForm(
        initial={"version": operation.version, "to_status": steps[-1] if len(steps) == 1 else ""},
        steps=[(s, OPERATION_TRANSITIONS.label(s)) for s in steps],
    )


def _render_detail(
    request: HttpRequest, operation: Operation, *, transition: TransitionForm | None = None, status: int = 200
) -> HttpResponse:
    actor = actor_of(request)
    planner = selectors.is_planner(actor=actor, operation=operation)
    return render(
        request,
        "actions/detail.html",
        {
            "operation": operation,
            "planner": planner,
            "editable": operation.status != OperationStatus.CLOSED,
            "area": selectors.operation_area(operation),
            "partners": selectors.operation_partners(actor=actor, operation=operation),
            "members": selectors.operation_members(actor=actor, operation=operation),
            "selection": selectors.current_selection(operation=operation),
            "location_count": operation.locations.count(),
            "may_check": can(actor, Perm.ACTIONS_CHECK, operation),
            "transition_form": (transition or _transition_form(operation)) if planner else None,
            "history": operation.status_changes.select_related("actor"),
        },
        status=status,
    )


@access(VIEW)
@require_GET
def operation_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    operation = operation_or_404(request, uuid)
    audit_event_record(actor=actor_of(request), action=AuditAction.READ, obj=operation)
    return _render_detail(request, operation)


@access(MANAGE)
@require_POST
def operation_transition_view(request: HttpRequest, uuid: str) -> HttpResponse:
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_MANAGE)
    steps = sorted(OPERATION_TRANSITIONS.next(operation.status))
    form = TransitionForm(request.POST, steps=[(s, OPERATION_TRANSITIONS.label(s)) for s in steps])
    if not form.is_valid():
        return _render_detail(request, operation, transition=form, status=400)
    try:
        services.operation_transition(
            actor=actor_of(request),
            operation=operation,
            to_status=form.cleaned_data["to_status"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleVersionError:
        messages.error(request, _("Someone else changed the joint action in the meantime. Check it and try again."))
        return _render_detail(request, operation, status=409)
    except ValidationError as error:
        apply_service_error(form, error)
        return _render_detail(request, operation, transition=form, status=400)
    messages.success(request, _("The status has been changed."))
    return redirect("actions:detail", uuid=operation.uuid)


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def partner_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_MANAGE)
    organisations = {str(o.uuid): o for o in selectors.partner_organisations()}
    form = PartnerForm(request.POST or None, organisations=choices(organisations.values(), lambda o: o.name))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.operation_partner_add(
                actor=actor_of(request),
                operation=operation,
                organisation=organisations[data["organisation"]],
                domain=data["domain"],
                legal_basis=data["legal_basis"],
                contact=data["contact"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The partner has been added."))
            return redirect("actions:detail", uuid=operation.uuid)
    return render(request, "actions/partner_add.html", {"operation": operation, "form": form})


@access(MANAGE)
@require_http_methods(["GET", "POST"])
def member_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_MANAGE)
    organisations = {str(o.uuid): o for o in selectors.member_organisations()}
    form = MemberForm(request.POST or None, organisations=choices(organisations.values(), lambda o: o.name))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = organisations[data["organisation"]]
        user = selectors.person_in(organisation, data["username"]) if data["username"] else None
        if data["username"] and user is None:
            form.add_error("username", _("No active user with this user name works for this organisation."))
        else:
            try:
                services.operation_member_add(
                    actor=actor_of(request),
                    operation=operation,
                    organisation=organisation,
                    user=user,
                    role=data["role"],
                    ends_on=data["ends_on"],
                )
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The member has been added."))
                return redirect("actions:detail", uuid=operation.uuid)
    return render(request, "actions/member_add.html", {"operation": operation, "form": form})
