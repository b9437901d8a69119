# SPDX-License-Identifier: EUPL-1.2
"""The actions on a case, each its own POST endpoint with the same shape (see :func:`_act`).

Every action form carries the case version it was loaded with; a save against a newer version is refused
(409) and the page is shown again with the current state and what was typed, so nothing anyone else did
is overwritten silently. A service's ValidationError is shown on the form; its PermissionDenied (a member
without this right) is a refusal with a message. Never a 500.
"""

import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.accounts.models import RoleAssignment, User
from weerbaar.cases import services
from weerbaar.cases.constants import AccessRequestStatus
from weerbaar.cases.forms import (
    EXPORT,
    AccessDecisionForm,
    AssessmentForm,
    CaseSubjectForm,
    CloseForm,
    ConsentForm,
    InterventionAddForm,
    ItemAddForm,
    MemberAddForm,
    MemberEndForm,
    ResultForm,
    StepDoneForm,
    TransitionForm,
    VersionedForm,
    errors_onto,
)
from weerbaar.cases.models import Case
from weerbaar.cases.selectors import case_items_visible
from weerbaar.cases.views._shared import (
    NOT_YOURS_MESSAGE,
    STALE_MESSAGE,
    case_or_404,
    invitable_organisations,
    member_organisation,
    member_organisations,
    organisation_choices,
)
from weerbaar.cases.views.detail import render_detail, require_object
from weerbaar.core.policy import Actor, access, actor_of, permission
from weerbaar.correlation.constants import SubjectSource
from weerbaar.correlation.forms import subject_values
from weerbaar.organisations.models import Organisation

FormMaker = Callable[[QueryDict], VersionedForm]
Apply = Callable[[Actor, Case, dict[str, Any]], None]


def _act(
    request: HttpRequest,
    case: Case,
    *,
    code: str,
    key: str,
    make_form: FormMaker,
    apply: Apply,
    done: str,
) -> HttpResponse:
    """Object permission, form, version check, service, redirect. ``key`` names the form on the page."""
    actor = require_object(request, code, case)
    form = make_form(request.POST)
    valid = form.is_valid()
    # The version is checked first: on a changed case even the choices offered may no longer apply.
    if form.cleaned_data.get("version") != case.version:
        messages.error(request, STALE_MESSAGE)
        data = request.POST.copy()
        data["version"] = str(case.version)
        return render_detail(request, case, bound={key: make_form(data)}, status=409)
    if not valid:
        return render_detail(request, case, bound={key: form})
    try:
        apply(actor, case, form.cleaned_data)
    except services.StaleVersionError:
        messages.error(request, STALE_MESSAGE)
        return render_detail(request, case, status=409)
    except ValidationError as exc:
        errors_onto(form, exc)
        return render_detail(request, case, bound={key: form})
    except PermissionDenied:
        messages.error(request, NOT_YOURS_MESSAGE)
        return render_detail(request, case, status=403)
    messages.success(request, done)
    return redirect("cases:detail", uuid=case.uuid)


def _key(prefix: str, uuid: object, suffix: str = "") -> str:
    return f"{prefix}_{uuid}{'_' + suffix if suffix else ''}".replace("-", "")


@require_POST
@access(permission(Perm.CASES_MANAGE))
def case_transition_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.case_transition(
            actor=actor, case=case, to_status=data["to_status"], reason=data["reason"], expected_version=data["version"]
        )

    case = case_or_404(request, uuid)
    return _act(
        request,
        case,
        code=Perm.CASES_MANAGE,
        key="transition_form",
        make_form=lambda data: TransitionForm(data, case=case),
        apply=apply,
        done=_("The case has moved to its next step."),
    )


@require_POST
@access(permission(Perm.CASES_MANAGE))
def case_assessment_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.case_assessment_record(actor=actor, case=case, text=data["text"], expected_version=data["version"])

    return _act(
        request,
        case_or_404(request, uuid),
        code=Perm.CASES_MANAGE,
        key="assessment_form",
        make_form=lambda data: AssessmentForm(data),
        apply=apply,
        done=_("The proportionality and subsidiarity assessment has been recorded."),
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


@require_POST
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
    return _act(
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

    key = _key("end", membership.uuid)
    return _act(
        request,
        case,
        code=Perm.CASES_MANAGE,
        key=key,
        make_form=lambda data: MemberEndForm(data, id_prefix=key),
        apply=apply,
        done=_("The membership has ended."),
    )


@require_POST
@access(permission(Perm.CASES_MANAGE))
def case_access_decide_view(request: HttpRequest, uuid: str, request_uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    access_request = case.access_requests.filter(uuid=request_uuid).first()
    if access_request is None:
        raise Http404
    if access_request.status != AccessRequestStatus.OPEN:
        messages.info(request, _("This request has been decided already."))
        return redirect("cases:detail", uuid=case.uuid)

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.access_request_decide(actor=actor, request=access_request, grant=data["grant"], reason=data["reason"])

    key = _key("decide", access_request.uuid)
    return _act(
        request,
        case,
        code=Perm.CASES_MANAGE,
        key=key,
        make_form=lambda data: AccessDecisionForm(data, id_prefix=key),
        apply=apply,
        done=_("The decision on the access request has been recorded."),
    )


@require_POST
@access(permission(Perm.CASES_VIEW))
def case_item_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    actor = actor_of(request)
    members = member_organisations(actor, case)

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        chosen = set(data["consent_to"])
        services.item_add(
            actor=actor,
            case=case,
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            regime=data["regime"],
            consent_required=data["consent_required"],
            consent_to=[org for org in members if str(org.uuid) in chosen] if data["consent_required"] else None,
        )

    return _act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key="item_form",
        make_form=lambda data: ItemAddForm(data, organisations=organisation_choices(members)),
        apply=apply,
        done=_("The item has been added with your organisation as its supplier."),
    )


@require_POST
@access(permission(Perm.CASES_VIEW))
def case_consent_view(request: HttpRequest, uuid: str, item_uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    actor = actor_of(request)
    item = case_items_visible(actor=actor, case=case).filter(uuid=item_uuid).first()
    if item is None:
        raise Http404
    choices = organisation_choices(member_organisations(actor, case))

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        if data["to"] == EXPORT:
            services.item_consent_grant(actor=actor, item=item, export=True)
        else:
            organisation = member_organisation(actor, case, data["to"])
            if organisation is None:
                raise ValidationError({"to": _("Choose a member organisation.")})
            services.item_consent_grant(actor=actor, item=item, organisation=organisation)

    key = _key("consent", item.uuid)
    return _act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key=key,
        make_form=lambda data: ConsentForm(data, organisations=choices, id_prefix=key),
        apply=apply,
        done=_("Your consent has been recorded."),
    )


@require_POST
@access(permission(Perm.CASES_VIEW))
def case_intervention_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    actor = actor_of(request)
    members = member_organisations(actor, case)

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        owner = next(org for org in members if str(org.uuid) == data["owner"])
        services.intervention_add(
            actor=actor,
            case=case,
            type=data["type"],
            owner=owner,
            started_on=data["started_on"],
            bibob_reference=data["bibob_reference"],
        )

    return _act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key="intervention_form",
        make_form=lambda data: InterventionAddForm(data, organisations=organisation_choices(members)),
        apply=apply,
        done=_("The intervention has been added with its statutory steps."),
    )


@require_POST
@access(permission(Perm.CASES_VIEW))
def case_step_done_view(request: HttpRequest, uuid: str, intervention_uuid: str, code: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    intervention = case.interventions.filter(uuid=intervention_uuid).first()
    step = intervention.steps.filter(code=code).first() if intervention is not None else None
    if step is None:
        raise Http404

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.intervention_step_done(actor=actor, step=step, done_on=data["done_on"])

    key = _key("step", intervention_uuid, code)
    return _act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key=key,
        make_form=lambda data: StepDoneForm(data, id_prefix=key),
        apply=apply,
        done=_("The step has been marked as done."),
    )


@require_POST
@access(permission(Perm.CASES_VIEW))
def case_result_view(request: HttpRequest, uuid: str, intervention_uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    intervention = case.interventions.filter(uuid=intervention_uuid).first()
    if intervention is None:
        raise Http404

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.intervention_result_record(
            actor=actor,
            intervention=intervention,
            status=data["status"],
            closure_months=data["closure_months"],
            permit_refused=data["permit_refused"],
            amount_levied=data["amount_levied"],
            amount_seized=data["amount_seized"],
            result_note=data["result_note"],
        )

    key = _key("result", intervention.uuid)
    return _act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key=key,
        make_form=lambda data: ResultForm(data, id_prefix=key),
        apply=apply,
        done=_("The result has been recorded."),
    )


@require_POST
@access(permission(Perm.CASES_MANAGE))
def case_close_view(request: HttpRequest, uuid: str) -> HttpResponse:
    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.case_close(actor=actor, case=case, reason=data["reason"], expected_version=data["version"])

    return _act(
        request,
        case_or_404(request, uuid),
        code=Perm.CASES_MANAGE,
        key="close_form",
        make_form=lambda data: CloseForm(data),
        apply=apply,
        done=_("The case has been closed. Police data have been destroyed."),
    )


@require_GET
@access(permission(Perm.CASES_MANAGE))
def case_report_view(request: HttpRequest, uuid: str) -> HttpResponse | FileResponse:
    """The accountability report (PDF) for the directing organisation; the service audits it as EXPORT."""
    case = case_or_404(request, uuid)
    actor = require_object(request, Perm.CASES_MANAGE, case)
    try:
        content = services.closure_report_pdf(actor=actor, case=case)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("cases:detail", uuid=case.uuid)
    except PermissionDenied as exc:
        raise Http404 from exc
    response = FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=f"{case.number or 'casus'}-verantwoording.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@access(permission(Perm.CASES_VIEW))
def case_subject_add_view(request: HttpRequest, uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    actor = actor_of(request)
    members = member_organisations(actor, case)

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        chosen = set(data["consent_to"])
        services.subject_add(
            actor=actor,
            case=case,
            kind=data["kind"],
            values=subject_values(data),
            regime=data["regime"],
            consent_required=data["consent_required"],
            consent_to=[org for org in members if str(org.uuid) in chosen] if data["consent_required"] else None,
            source=data.get("source") or SubjectSource.INVOER,
            source_detail=data.get("source_detail", ""),
        )

    return _act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key="subject_form",
        make_form=lambda data: CaseSubjectForm(data, organisations=organisation_choices(members)),
        apply=apply,
        done=_("The subject has been added and compared with the other signals and cases."),
    )
