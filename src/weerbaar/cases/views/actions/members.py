# SPDX-License-Identifier: EUPL-1.2
"""Who takes part: adding and ending members, deciding on access requests (each on a page of its own)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.cases import services
from weerbaar.cases.constants import AccessRequestStatus
from weerbaar.cases.forms import AccessDecisionForm, MemberAddForm, MemberEndForm
from weerbaar.cases.models import Case
from weerbaar.cases.views._shared import case_or_404, invitable_organisations, organisation_choices
from weerbaar.cases.views.actions._base import act, action_key, own_page
from weerbaar.cases.views.detail import Action, current, render_action_page
from weerbaar.core.policy import Actor, access, actor_of, permission
from weerbaar.organisations.models import Organisation

DECIDE = Action(
    gettext_lazy("Decide on an access request"),
    "cases:access_decide",
    gettext_lazy("Record decision"),
    gettext_lazy(
        "Granting makes the organisation a member of this case; both the request and your decision are "
        "recorded in the audit trail."
    ),
)


def _user_in(organisation: Organisation, username: str) -> User:
    """The named member must hold a role in the invited organisation (the service checks the screening)."""
    assignment = (
        RoleAssignment.objects.current()
        .filter(organisation=organisation, user__username=username, user__is_active=True)
        .select_related("user")
        .first()
    )
    if assignment is None:
        raise ValidationError({"username": _("No active user with this user name works for this organisation.")})
    return assignment.user


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_MANAGE))
def case_member_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    actor = actor_of(request)

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        organisation = Organisation.objects.get(uuid=data["organisation"])
        user = _user_in(organisation, data["username"]) if data["username"] else None
        services.membership_add(
            actor=actor, case=case, organisation=organisation, user=user, role=data["role"], ends_on=data["ends_on"]
        )

    choices = organisation_choices(invitable_organisations(actor, case))
    return act(
        request,
        case,
        code=Perm.CASES_MANAGE,
        key="member_form",
        make_form=lambda data: MemberAddForm(data, organisations=choices),
        apply=apply,
        done=_("The member has been added."),
    )


@require_POST
@access(permission(Perm.CASES_MANAGE))
def case_member_end_view(request: HttpRequest, uuid: str, membership_uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    membership = case.memberships.filter(uuid=membership_uuid).select_related("organisation").first()
    if membership is None:
        raise Http404
    if membership.ends_on is not None and membership.ends_on <= timezone.localdate():
        messages.info(request, _("This membership has ended already."))
        return redirect("cases:detail", uuid=case.uuid)

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.membership_end(actor=actor, membership=membership)

    key = action_key("end", membership.uuid)
    return act(
        request,
        case,
        code=Perm.CASES_MANAGE,
        key=key,
        make_form=lambda data: MemberEndForm(data, id_prefix=key),
        apply=apply,
        done=_("The membership has ended."),
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_MANAGE))
def case_access_decide_view(request: HttpRequest, uuid: str, request_uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    access_request = case.access_requests.select_related("organisation", "requester").filter(uuid=request_uuid).first()
    if access_request is None:
        raise Http404
    if access_request.status != AccessRequestStatus.OPEN:
        messages.info(request, _("This request has been decided already."))
        return redirect("cases:detail", uuid=case.uuid)
    key = action_key("decide", access_request.uuid)

    def render_page(
        request: HttpRequest, case: Case, *, bound: dict[str, Any] | None = None, status: int = 200
    ) -> HttpResponse:
        case = current(case)
        form = (bound or {}).get(key) or AccessDecisionForm(initial={"version": case.version}, id_prefix=key)
        about = [
            (_("Organisation"), access_request.organisation.name),
            (_("Asked by"), access_request.requester.display_name),
            (_("Asked on"), timezone.localtime(access_request.created_at).date().isoformat()),
            (_("Reason"), access_request.reason),
        ]
        return render_action_page(request, case, action=DECIDE, form=form, view="decide", about=about, status=status)

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.access_request_decide(actor=actor, request=access_request, grant=data["grant"], reason=data["reason"])

    return act(
        request,
        case,
        code=Perm.CASES_MANAGE,
        key=key,
        make_form=lambda data: AccessDecisionForm(data, id_prefix=key),
        apply=apply,
        done=_("The decision on the access request has been recorded."),
        page=own_page(render_page),
    )
