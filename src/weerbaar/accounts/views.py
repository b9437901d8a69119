# SPDX-License-Identifier: EUPL-1.2
"""Own profile, organisation switch, and account management by functional administrators."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_stubs_ext import StrOrPromise

from weerbaar.accounts import selectors, services
from weerbaar.accounts.constants import Perm
from weerbaar.accounts.forms import (
    AccountActionForm,
    OrganisationSwitchForm,
    RoleAssignForm,
    UserCreateForm,
    UserFilterForm,
    UserSearchForm,
    UserUpdateForm,
)
from weerbaar.accounts.middleware import SESSION_ORGANISATION_KEY
from weerbaar.accounts.models import BackupCodeDevice, RoleAssignment, User
from weerbaar.accounts.views_auth import SESSION_NEW_CODES_KEY, SESSION_NEXT_KEY
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import AUTHENTICATED, access, actor_of, can, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.organisations.models import Organisation

SESSION_ISSUED_PASSWORD_KEY = "weerbaar_issued_password"  # noqa: S105 - a session key name


def _current_user(request: HttpRequest) -> User:
    if not isinstance(request.user, User):  # unreachable behind AUTHENTICATED; keeps the types honest
        raise Http404
    return request.user


@access(AUTHENTICATED)
def profile_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    organisations = selectors.user_organisations(user=user)
    backup = BackupCodeDevice.objects.filter(user=user).first()
    return render(
        request,
        "accounts/profile.html",
        {
            "profile_user": user,
            "assignments": user.role_assignments.select_related("organisation"),
            "switch_form": OrganisationSwitchForm(
                organisations=organisations, initial={"organisation": actor_of(request).organisation}
            )
            if organisations.count() > 1
            else None,
            "backup_remaining": backup.remaining() if backup else 0,
        },
    )


@access(AUTHENTICATED)
@require_POST
def organisation_switch_view(request: HttpRequest) -> HttpResponse:
    form = OrganisationSwitchForm(request.POST, organisations=selectors.user_organisations(user=request.user))  # type: ignore[arg-type]
    if form.is_valid():
        request.session[SESSION_ORGANISATION_KEY] = str(form.cleaned_data["organisation"].uuid)
        messages.success(request, _("You now work for %(org)s.") % {"org": form.cleaned_data["organisation"].name})
        return redirect("core:start")
    messages.error(request, _("Choose one of your own organisations."))
    return redirect("accounts:profile")


@access(AUTHENTICATED)
@require_POST
def backup_codes_regenerate_view(request: HttpRequest) -> HttpResponse:
    codes = services.backup_codes_regenerate(actor=actor_of(request), user=_current_user(request))
    request.session[SESSION_NEW_CODES_KEY] = codes
    request.session[SESSION_NEXT_KEY] = "/profiel/"
    return redirect("accounts:backup_codes")


# --- Account management ----------------------------------------------------------------------------


def _manageable_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    actor = actor_of(request)
    if actor.organisation is not None and actor.organisation.is_operator:
        return Organisation.objects.filter(is_active=True).order_by("name")
    if actor.organisation is None:
        return Organisation.objects.none()
    return Organisation.objects.filter(pk=actor.organisation.pk)


@access(permission(Perm.USERS_MANAGE))
def user_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    filters = UserFilterForm(request.GET or None)
    search = UserSearchForm(request.POST or None)
    users = selectors.user_list(actor=actor)
    # Names are personal data, so a name search is posted, never put in the URL.
    if request.method == "POST" and search.is_valid() and search.cleaned_data["text"]:
        users = selectors.user_search(actor=actor, text=search.cleaned_data["text"])
        audit_event_record(
            actor=actor, action=AuditAction.SEARCH, object_type="accounts.user", details={"kind": "name"}
        )
    if filters.is_valid():
        if filters.cleaned_data["role"]:
            users = users.filter(role_assignments__role=filters.cleaned_data["role"]).distinct()
        if filters.cleaned_data["status"]:
            users = users.filter(is_active=filters.cleaned_data["status"] == "actief")
    page = paginate(request, users.prefetch_related("role_assignments"), per_page=25)
    return render(request, "accounts/user_list.html", {"page": page, "filters": filters, "search": search})


@access(permission(Perm.USERS_MANAGE))
def user_create_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = UserCreateForm(request.POST or None, organisation=actor.organisation)
    if request.method == "POST" and form.is_valid() and actor.organisation is not None:
        data = form.cleaned_data
        try:
            user, issued = services.user_create(
                actor=actor,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                home_organisation=actor.organisation,
                role=data["role"],
                screening_status=data["screening_status"],
                screening_valid_until=data["screening_valid_until"],
            )
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            request.session[SESSION_ISSUED_PASSWORD_KEY] = issued
            messages.success(request, _("The account has been created."))
            return redirect("accounts:user_detail", uuid=user.uuid)
    return render(request, "accounts/user_form.html", {"form": form, "title": _("New account")})


def _get_managed_user(request: HttpRequest, uuid: str) -> User:
    user = selectors.user_get(actor=actor_of(request), uuid=uuid)
    if user is None:
        raise Http404
    return user


@access(permission(Perm.USERS_MANAGE))
def user_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    managed = _get_managed_user(request, uuid)
    form = UserUpdateForm(
        request.POST or None,
        initial={
            f: getattr(managed, f)
            for f in ("first_name", "last_name", "email", "screening_status", "screening_valid_until")
        },
    )
    if request.method == "POST" and form.is_valid():
        services.user_update(actor=actor, user=managed, data=form.cleaned_data)
        messages.success(request, _("The changes have been saved."))
        return redirect("accounts:user_detail", uuid=managed.uuid)
    if request.method == "GET":
        audit_event_record(actor=actor, action=AuditAction.READ, obj=managed)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "managed": managed,
            "form": form,
            "role_form": RoleAssignForm(organisations=_manageable_organisations(request)),
            "assignments": selectors.role_assignments_of(actor=actor, user=managed),
            "issued_password": request.session.pop(SESSION_ISSUED_PASSWORD_KEY, None),
            "has_authenticator": TOTPDevice.objects.filter(user=managed, confirmed=True).exists(),
        },
    )


@access(permission(Perm.USERS_MANAGE))
@require_POST
def role_assign_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    managed = _get_managed_user(request, uuid)
    form = RoleAssignForm(request.POST, organisations=_manageable_organisations(request))
    if form.is_valid():
        data = form.cleaned_data
        if RoleAssignment.objects.filter(user=managed, organisation=data["organisation"], role=data["role"]).exists():
            messages.error(request, _("This person already has that role in that organisation."))
        else:
            try:
                services.role_assign(
                    actor=actor,
                    user=managed,
                    organisation=data["organisation"],
                    role=data["role"],
                    valid_from=data["valid_from"],
                    valid_until=data["valid_until"],
                )
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, _("The role has been assigned."))
    # The form sits on the detail page, which this post redirects back to: its errors travel as messages.
    for field_errors in form.errors.values():
        for error in field_errors:
            messages.error(request, str(error))
    return redirect("accounts:user_detail", uuid=managed.uuid)


@access(permission(Perm.USERS_MANAGE))
@require_POST
def role_revoke_view(request: HttpRequest, uuid: str, assignment_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    managed = _get_managed_user(request, uuid)
    assignment = selectors.role_assignments_of(actor=actor, user=managed).filter(uuid=assignment_uuid).first()
    if assignment is None:
        raise Http404
    services.role_revoke(actor=actor, assignment=assignment)
    messages.success(request, _("The role has been withdrawn."))
    return redirect("accounts:user_detail", uuid=managed.uuid)


@dataclass(frozen=True)
class AccountAction:
    """A security-sensitive action on someone's account: its page states the consequences and asks why."""

    title: StrOrPromise
    consequences: tuple[StrOrPromise, ...]
    button: StrOrPromise
    done: StrOrPromise
    tells_by_email: bool
    #: The service, called with ``actor``, ``user`` and ``reason``.
    service: Callable[..., object]
    #: The service returns a temporary password, shown once on the next page.
    issues_password: bool = False


#: Said of every action that logs the person out.
_SESSIONS_END = gettext_lazy("All sessions of %(name)s end now, on every device.")

ACCOUNT_ACTIONS: dict[str, AccountAction] = {
    "mfa-resetten": AccountAction(
        title=gettext_lazy("Reset the second factor of %(name)s"),
        consequences=(
            gettext_lazy("%(name)s must set up a new authenticator app at the next log-in."),
            gettext_lazy("The current authenticator app and all backup codes stop working now."),
            _SESSIONS_END,
        ),
        button=gettext_lazy("Reset second factor"),
        done=gettext_lazy("The second factor has been reset; the person sets it up again at the next log-in."),
        tells_by_email=True,
        service=services.user_reset_mfa,
    ),
    "deactiveren": AccountAction(
        title=gettext_lazy("Deactivate the account of %(name)s"),
        consequences=(
            gettext_lazy("%(name)s can no longer log in."),
            _SESSIONS_END,
            gettext_lazy("Roles and history are kept: you can reactivate the account later."),
        ),
        button=gettext_lazy("Deactivate account"),
        done=gettext_lazy("The account has been deactivated and all its sessions ended."),
        tells_by_email=True,
        service=services.user_deactivate,
    ),
    "overal-uitloggen": AccountAction(
        title=gettext_lazy("End all sessions of %(name)s"),
        consequences=(
            gettext_lazy("%(name)s is logged out now, on every device."),
            gettext_lazy("Password and authenticator app stay the same: %(name)s can log in again at once."),
        ),
        button=gettext_lazy("End all sessions"),
        done=gettext_lazy("All sessions of this account have been ended."),
        tells_by_email=False,
        service=services.user_logout_everywhere,
    ),
    "wachtwoord-resetten": AccountAction(
        title=gettext_lazy("Issue a temporary password to %(name)s"),
        consequences=(
            gettext_lazy("The current password of %(name)s stops working now."),
            _SESSIONS_END,
            gettext_lazy(
                "You see the temporary password once, on the next page: hand it over in person or by phone, "
                "never by e-mail."
            ),
            gettext_lazy("%(name)s must choose a new password at the next log-in."),
        ),
        button=gettext_lazy("Issue temporary password"),
        done=gettext_lazy("A temporary password has been issued."),
        tells_by_email=True,
        service=services.user_reset_password,
        issues_password=True,
    ),
}


@access(permission(Perm.USERS_MANAGE))
@require_http_methods(["GET", "POST"])
def user_action_view(request: HttpRequest, uuid: str, action: str) -> HttpResponse:
    """The confirmation page of one security-sensitive action; the reason is posted, never in a URL."""
    managed = _get_managed_user(request, uuid)
    spec = ACCOUNT_ACTIONS.get(action)
    if spec is None or not can(actor_of(request), Perm.USERS_MANAGE, managed):
        raise Http404
    form = AccountActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            result = spec.service(actor=actor_of(request), user=managed, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            if spec.issues_password:
                request.session[SESSION_ISSUED_PASSWORD_KEY] = result
            messages.success(request, str(spec.done))
            return redirect("accounts:user_detail", uuid=managed.uuid)
    name = {"name": managed.display_name}
    return render(
        request,
        "accounts/user_action_confirm.html",
        {
            "managed": managed,
            "form": form,
            "title": str(spec.title) % name,
            "consequences": [str(line) % name for line in spec.consequences],
            "tells_by_email": spec.tells_by_email and bool(managed.email),
            "button": spec.button,
        },
    )


@access(permission(Perm.USERS_MANAGE))
@require_POST
def user_reactivate_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    managed = _get_managed_user(request, uuid)
    if not can(actor, Perm.USERS_MANAGE, managed):
        raise Http404
    services.user_reactivate(actor=actor, user=managed)
    messages.success(request, _("The account is active again."))
    return redirect("accounts:user_detail", uuid=managed.uuid)
