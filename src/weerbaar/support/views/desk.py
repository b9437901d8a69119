# SPDX-License-Identifier: EUPL-1.2
"""The trusted contact's desk (/vertrouwenspersoon/): worklist, reports, filing a signal, referrals.

Every page answers 404 to whoever does not hold the desk's code — enforcement roles included, whom the
policy refuses the code even when a role grants it — so a refusal says nothing about what exists. Objects
come through the selectors (``scopes.py``); a report or referral of another desk is 404 too. Opening a
report or referral is audited as a read of personal data. Actions have their own short pages, run by the
workflow kit's versioned action.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import AUTHENTICATED, Actor, access, actor_of, can
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.core.workflow.views import ActionPage, versioned_action
from weerbaar.support import selectors, services
from weerbaar.support.constants import REFERRAL_OPEN, REPORT_OPEN, SAFETY_ADVICE, AskedFor, ReferralStatus
from weerbaar.support.forms import (
    ConsentWithdrawForm,
    FileSignalForm,
    ReferralForm,
    ReferralStatusForm,
    ReportStatusForm,
)
from weerbaar.support.models import ApproachedReport, Referral

STALE_MESSAGE = gettext_lazy(
    "Someone else has changed this in the meantime. Your change has not been saved; check the current details "
    "and try again."
)

type View = Callable[..., HttpResponse]


def desk_page(code: str) -> Callable[[View], View]:
    """A desk page: logged in with a second factor (the middleware), then ``code`` or 404 — never 403."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not can(actor_of(request), code):
                raise Http404
            return view(request, *args, **kwargs)

        return access(AUTHENTICATED)(wrapped)

    return decorator


def _report(request: HttpRequest, uuid: str) -> ApproachedReport:
    report = selectors.report_get(actor=actor_of(request), uuid=uuid)
    if report is None:
        raise Http404
    return report


def _referral(request: HttpRequest, uuid: str) -> Referral:
    referral = selectors.referral_get(actor=actor_of(request), uuid=uuid)
    if referral is None:
        raise Http404
    return referral


def _read(actor: Actor, obj: ApproachedReport | Referral) -> None:
    audit_event_record(actor=actor, action=AuditAction.READ, obj=obj)


# --- Worklist ------------------------------------------------------------------------------------------


@desk_page(Perm.SUPPORT_VIEW)
@require_GET
def worklist_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    reports = list(selectors.report_list(actor=actor)[:200])
    referrals = list(selectors.referral_list(actor=actor)[:200])
    return render(
        request,
        "support/worklist.html",
        {
            "open_reports": [r for r in reports if r.status in REPORT_OPEN],
            "ended_reports": [r for r in reports if r.status not in REPORT_OPEN],
            "open_referrals": [r for r in referrals if r.status in REFERRAL_OPEN],
            "ended_referrals": [r for r in referrals if r.status not in REFERRAL_OPEN],
            "may_refer": can(actor, Perm.SUPPORT_REFER),
        },
    )


# --- Reports -------------------------------------------------------------------------------------------


@desk_page(Perm.SUPPORT_VIEW)
@require_GET
def report_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    report = _report(request, uuid)
    _read(actor, report)
    return render(
        request,
        "support/report.html",
        {
            "report": report,
            "asked_choices": AskedFor.choices,
            "history": report.status_changes.select_related("actor"),
            "referrals": report.referrals.all(),
            "open": report.status in REPORT_OPEN,
            "may_refer": can(actor, Perm.SUPPORT_REFER, report),
            "advice": SAFETY_ADVICE,
        },
    )


def _locked(request: HttpRequest, referral: Referral) -> HttpResponse | None:
    """A referral whose consent was withdrawn can no longer change: its action pages say so (409 on a post)."""
    if not referral.consent_withdrawn:
        return None
    status = 409 if request.method == "POST" else 200
    return render(request, "support/referral_locked.html", {"referral": referral}, status=status)


def _action[M: (ApproachedReport, Referral)](
    request: HttpRequest,
    obj: M,
    *,
    template: str,
    make: Callable[[M, QueryDict | None], Any],
    apply: Callable[[Actor, M, dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """An action's own page on a report or referral: its form (GET), and the versioned change (POST) that
    ``apply(actor, obj, cleaned_data)`` makes. A referral whose consent was withdrawn is locked (``_locked``)."""
    if isinstance(obj, Referral) and (locked := _locked(request, obj)) is not None:
        return locked
    name = "report" if isinstance(obj, ApproachedReport) else "referral"

    def render_page(
        request: HttpRequest, current: M, *, bound: dict[str, Any] | None = None, status: int = 200
    ) -> HttpResponse:
        form = (bound or {}).get("form")
        if form is None:
            form = make(current, None)
        context = {name: current, "form": form} | ({"report": None} if name == "referral" else {})
        return render(request, template, context, status=status)

    page = ActionPage(render=render_page, url_name=f"support:{name}", stale=STALE_MESSAGE)
    if request.method == "GET":
        return page.render(request, obj)
    actor = actor_of(request)
    return versioned_action(
        request,
        obj,
        page=page,
        key="form",
        make_form=lambda data: make(obj, data),
        apply=lambda data: apply(actor, obj, data),
        done=done,
    )


@desk_page(Perm.SUPPORT_REFER)
@require_http_methods(["GET", "POST"])
def report_status_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _action(
        request,
        _report(request, uuid),
        template="support/report_status.html",
        make=lambda obj, data: ReportStatusForm(data, initial={"version": obj.version}, current=obj.status),
        apply=lambda actor, report, data: services.approached_report_transition(
            actor=actor,
            report=report,
            to_status=data["to_status"],
            reason=data.get("reason", ""),
            expected_version=data["version"],
        ),
        done=_("The status has been changed."),
    )


@desk_page(Perm.SUPPORT_REFER)
@require_http_methods(["GET", "POST"])
def report_file_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _action(
        request,
        _report(request, uuid),
        template="support/report_file.html",
        make=lambda obj, data: FileSignalForm(
            data,
            initial={"version": obj.version, "description": services.report_signal_draft(obj)},
            may_share_identity=obj.share_identity,
        ),
        apply=lambda actor, report, data: services.approached_report_file(
            actor=actor,
            report=report,
            phenomenon=data["phenomenon"],
            description=data["description"],
            include_identity=bool(data.get("include_identity")),
            expected_version=data["version"],
        ),
        done=_("The signal has been sent to the intake team."),
    )


# --- Referrals -----------------------------------------------------------------------------------------


def _referral_input(data: dict[str, Any]) -> services.ReferralInput:
    return services.ReferralInput(
        provider=data["provider"],
        referred_via=data["referred_via"],
        referrer_detail=data.get("referrer_detail", ""),
        need=data["need"],
        contact_name=data["contact_name"],
        contact_phone=data.get("contact_phone", ""),
        contact_email=data.get("contact_email") or "",
        consent_given_by=data["consent_given_by"],
        consent_at=data["consent_at"],
        consent_method=data["consent_method"],
        consent_scope=data["consent_scope"],
    )


def _create_referral(request: HttpRequest, report: ApproachedReport | None) -> HttpResponse:
    actor = actor_of(request)
    providers = selectors.provider_list(actor=actor)
    initial: dict[str, Any] = {"consent_at": timezone.localdate(), "referred_via": "vertrouwenspersoon"}
    if report is not None:
        initial |= {
            "contact_name": report.contact_name,
            "contact_phone": report.contact_phone,
            "contact_email": report.contact_email,
            "consent_given_by": report.contact_name,
        }
    form = ReferralForm(
        request.POST if request.method == "POST" else None, initial=initial, providers=providers, versioned=False
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral = services.referral_create(actor=actor, data=_referral_input(form.cleaned_data), report=report)
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The referral has been recorded."))
            return redirect("support:referral", uuid=referral.uuid)
    return render(
        request,
        "support/referral_form.html",
        {"form": form, "report": report, "referral": None, "providers": providers},
    )


@desk_page(Perm.SUPPORT_REFER)
@require_http_methods(["GET", "POST"])
def referral_create_view(request: HttpRequest) -> HttpResponse:
    return _create_referral(request, None)


@desk_page(Perm.SUPPORT_REFER)
@require_http_methods(["GET", "POST"])
def report_refer_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _create_referral(request, _report(request, uuid))


@desk_page(Perm.SUPPORT_VIEW)
@require_GET
def referral_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    referral = _referral(request, uuid)
    _read(actor, referral)
    return render(
        request,
        "support/referral.html",
        {
            "referral": referral,
            "history": referral.status_changes.select_related("actor"),
            "report": referral.report if referral.report and can(actor, Perm.SUPPORT_VIEW, referral.report) else None,
            "may_change": can(actor, Perm.SUPPORT_REFER, referral) and not referral.consent_withdrawn,
            "final": referral.status == ReferralStatus.GESLOTEN,
        },
    )


def _referral_form(referral: Referral, data: QueryDict | None, actor: Actor) -> ReferralForm:
    initial = {
        "version": referral.version,
        "provider": referral.provider_id,
        "need": referral.need,
        "referred_via": referral.referred_via,
        "referrer_detail": referral.referrer_detail,
        "contact_name": referral.contact_name,
        "contact_phone": referral.contact_phone,
        "contact_email": referral.contact_email,
        "consent_given_by": referral.consent_given_by,
        "consent_at": referral.consent_at,
        "consent_method": referral.consent_method,
        "consent_scope": referral.consent_scope,
    }
    return ReferralForm(data, initial=initial, providers=selectors.provider_list(actor=actor))


@desk_page(Perm.SUPPORT_REFER)
@require_http_methods(["GET", "POST"])
def referral_edit_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _action(
        request,
        _referral(request, uuid),
        template="support/referral_form.html",
        make=lambda obj, data: _referral_form(obj, data, actor_of(request)),
        apply=lambda actor, referral, data: services.referral_update(
            actor=actor, referral=referral, data=_referral_input(data), expected_version=data["version"]
        ),
        done=_("The referral has been saved."),
    )


@desk_page(Perm.SUPPORT_REFER)
@require_http_methods(["GET", "POST"])
def referral_status_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _action(
        request,
        _referral(request, uuid),
        template="support/referral_status.html",
        make=lambda obj, data: ReferralStatusForm(data, initial={"version": obj.version}, current=obj.status),
        apply=lambda actor, referral, data: services.referral_transition(
            actor=actor,
            referral=referral,
            to_status=data["to_status"],
            outcome=data.get("outcome", ""),
            expected_version=data["version"],
        ),
        done=_("The status has been changed."),
    )


@desk_page(Perm.SUPPORT_REFER)
@require_http_methods(["GET", "POST"])
def referral_withdraw_view(request: HttpRequest, uuid: str) -> HttpResponse:
    return _action(
        request,
        _referral(request, uuid),
        template="support/referral_withdraw.html",
        make=lambda obj, data: ConsentWithdrawForm(data, initial={"version": obj.version}),
        apply=lambda actor, referral, data: services.referral_consent_withdraw(
            actor=actor, referral=referral, expected_version=data["version"]
        ),
        done=_("Consent has been withdrawn: the contact details are erased."),
    )
