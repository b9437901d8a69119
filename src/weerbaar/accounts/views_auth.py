# SPDX-License-Identifier: EUPL-1.2
"""Log-in (password, then TOTP or backup code), enrolment, password change, log-out."""

import base64
import binascii
import math
import time

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.models import ThrottlingMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts import services, throttling
from weerbaar.accounts.forms import EnrolForm, LoginForm, PasswordChangeForm, TokenForm
from weerbaar.accounts.middleware import SESSION_STARTED_KEY
from weerbaar.accounts.models import BackupCodeDevice, User
from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import AUTHENTICATED, PASSWORD_ONLY, PUBLIC, access, actor_of, is_verified

SESSION_NEXT_KEY = "weerbaar_next"
SESSION_NEW_CODES_KEY = "weerbaar_new_backup_codes"
MAX_TOKEN_FAILURES = 5


def _client_address(request: HttpRequest) -> str:
    # Used only to key the throttle (as an HMAC); never stored or logged as such.
    return request.META.get("REMOTE_ADDR", "")


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _next_step(user: User) -> HttpResponseRedirect:
    if user.password_change_required:
        return redirect("accounts:password_change")
    if not _has_authenticator(user):
        return redirect("accounts:enrol")
    return redirect("accounts:verify")


@access(PUBLIC)
@sensitive_post_parameters("password")
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and is_verified(request.user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        keys = {
            "username": throttling.username_key(username),
            "client": throttling.client_key(_client_address(request)),
        }
        if throttling.is_locked(keys=keys):
            # The same answer whether or not the username exists.
            form.add_error(None, _("Too many failed attempts. Wait 15 minutes and try again."))
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None:
                throttling.record_failure(keys=keys)
                audit_event_record(actor=None, action=AuditAction.LOGIN_FAILED, details={"step": "password"})
                form.add_error(None, _("The username or password is incorrect."))
            else:
                throttling.clear(keys={"username": keys["username"]})
                next_url = request.GET.get("next")
                login(request, user)
                request.session[SESSION_STARTED_KEY] = int(time.time())
                request.session[SESSION_NEXT_KEY] = _safe_next(request, next_url)
                return _next_step(user)
    return render(request, "accounts/login.html", {"form": form, "oidc_enabled": settings.OIDC_ENABLED})


def _finish_login(request: HttpRequest, device: object) -> HttpResponseRedirect:
    otp_login(request, device)
    request.session.cycle_key()
    user: User = request.user  # type: ignore[assignment]
    audit_event_record(
        actor=actor_for(user=user), action=AuditAction.LOGIN, obj=user, details={"factor": type(device).__name__}
    )
    return HttpResponseRedirect(request.session.pop(SESSION_NEXT_KEY, reverse(settings.LOGIN_REDIRECT_URL)))


def _forgive_first_failure(device: ThrottlingMixin) -> None:
    """Let a correct code through right after a single wrong one.

    django-otp locks a device for a second after its first failure, doubling with every further one; a
    person who mistyped and at once types the right code would be refused. The first retry is free
    (in memory only: a wrong retry still counts as the second failure and is saved), which changes
    nothing for guessing: after that the delays double as before, and the session ends after
    ``MAX_TOKEN_FAILURES``.
    """
    if device.throttling_failure_count == 1:
        device.throttling_failure_timestamp = None


def _seconds_locked(device: ThrottlingMixin) -> int:
    allowed, info = device.verify_is_allowed()
    if allowed or not info or "locked_until" not in info:
        return 0
    return max(1, math.ceil((info["locked_until"] - timezone.now()).total_seconds()))


def _wait_message(seconds: int) -> str:
    return ngettext(
        "Too many attempts in a short time. Wait %(seconds)d second, then enter the code your app shows.",
        "Too many attempts in a short time. Wait %(seconds)d seconds, then enter the code your app shows.",
        seconds,
    ) % {"seconds": seconds}


@access(PASSWORD_ONLY)
@sensitive_post_parameters("token")
@never_cache
def verify_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if is_verified(user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    if user.password_change_required or not _has_authenticator(user):
        return _next_step(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        devices: list[TOTPDevice | BackupCodeDevice] = list(TOTPDevice.objects.filter(user=user, confirmed=True))
        if not token.isdigit():
            devices = list(BackupCodeDevice.objects.filter(user=user, confirmed=True))
        for candidate in devices:
            _forgive_first_failure(candidate)
        wait = min((_seconds_locked(d) for d in devices), default=0)
        if wait:
            # Not a failure and not the code's fault: it was not even checked.
            form.add_error("token", _wait_message(wait))
            return render(request, "accounts/verify.html", {"form": form})
        device = next((d for d in devices if d.verify_token(token)), None)
        if device is not None:
            return _finish_login(request, device)
        failures = request.session.get("weerbaar_token_failures", 0) + 1
        request.session["weerbaar_token_failures"] = failures
        audit_event_record(actor=None, action=AuditAction.LOGIN_FAILED, obj=user, details={"step": "second_factor"})
        if failures >= MAX_TOKEN_FAILURES:
            logout(request)
            messages.error(request, _("Too many wrong codes. Log in again."))
            return redirect("accounts:login")
        form.add_error("token", _("This code is not correct or has expired. Try the current code."))
    return render(request, "accounts/verify.html", {"form": form})


def _qr_svg(uri: str) -> str:
    # A viewBox instead of a fixed size, so the stylesheet can scale the whole code instead of clipping it.
    return segno.make(uri, error="m").svg_inline(
        scale=5, dark="#1a2430", light="#ffffff", title=_("QR code for your authenticator app"), omitsize=True
    )


@access(PASSWORD_ONLY)
@sensitive_post_parameters("token")
@never_cache
def enrol_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.password_change_required:
        return redirect("accounts:password_change")
    if _has_authenticator(user):
        return redirect("accounts:verify")
    device = services.totp_device_start(user=user)
    form = EnrolForm(request.POST or None)
    wait = _seconds_locked(device) if request.method == "POST" else 0
    if wait:
        form.add_error(None, _wait_message(wait))
    elif request.method == "POST" and form.is_valid():
        result = services.totp_device_confirm(actor=actor_for(user=user), user=user, token=form.cleaned_data["token"])
        if result is not None:
            confirmed, codes = result
            request.session[SESSION_NEW_CODES_KEY] = codes
            next_url = request.session.get(SESSION_NEXT_KEY)
            _finish_login(request, confirmed)
            request.session[SESSION_NEXT_KEY] = next_url or reverse(settings.LOGIN_REDIRECT_URL)
            return redirect("accounts:backup_codes")
        form.add_error("token", _("This code is not correct. Check the time on your phone and try the current code."))
    secret = base64.b32encode(binascii.unhexlify(device.key)).decode()
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return render(
        request,
        "accounts/enrol.html",
        {"form": form, "qr_svg": mark_safe(_qr_svg(device.config_url)), "secret": grouped},  # noqa: S308 - generated by segno
    )


@access(AUTHENTICATED)
@never_cache
def backup_codes_view(request: HttpRequest) -> HttpResponse:
    """Shows freshly made backup codes exactly once."""
    codes = request.session.pop(SESSION_NEW_CODES_KEY, None)
    if not codes:
        return redirect("accounts:profile")
    next_url = request.session.pop(SESSION_NEXT_KEY, reverse("accounts:profile"))
    return render(request, "accounts/backup_codes.html", {"codes": codes, "next_url": next_url})


@access(PASSWORD_ONLY)
@sensitive_post_parameters("new_password", "new_password_again")
@never_cache
def password_change_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = PasswordChangeForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        services.user_set_password(actor=None, user=user, password=form.cleaned_data["new_password"])
        # Changing the password changes the session hash; keep this session, end the others.
        from django.contrib.auth import update_session_auth_hash

        update_session_auth_hash(request, user)
        messages.success(request, _("Your new password is set."))
        if is_verified(user):
            return redirect("accounts:profile")
        return _next_step(user)
    return render(request, "accounts/password_change.html", {"form": form})


@access(PASSWORD_ONLY)
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_authenticated:
        audit_event_record(actor=actor_of(request) if is_verified(user) else None, action=AuditAction.LOGOUT, obj=user)
    logout(request)
    messages.info(request, _("You are logged out."))
    return redirect("accounts:login")


@access(AUTHENTICATED)
@require_POST
def logout_everywhere_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    services.user_logout_everywhere(actor=actor_of(request), user=user)
    logout(request)
    messages.info(request, _("You are logged out on all your devices."))
    return redirect("accounts:login")
