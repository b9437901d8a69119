# SPDX-License-Identifier: EUPL-1.2
"""Reporting pages: staff and partners (/meldingen/nieuw/, "Mijn meldingen") and anonymous (/melden/).

The anonymous channel stores nothing about the request: no IP address, no user agent, no referrer — not
in the database and not in logs. Its receipt code is shown once (carried from the POST to the page that
shows it in the session, then removed) and travels only in POST bodies, never in a URL. Wrong codes are
throttled per session and globally, with counters keyed by nothing that identifies anyone.
"""

import json
from functools import cache
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods
from django_stubs_ext import StrOrPromise

from weerbaar.accounts.constants import Perm
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import PUBLIC, Actor, access, actor_of, can, permission
from weerbaar.core.ratelimit import RateLimit, ratelimit_exceeded, ratelimit_hit
from weerbaar.geo.spatial import municipalities_geojson
from weerbaar.organisations.constants import OrganisationType
from weerbaar.signals import selectors
from weerbaar.signals.constants import Channel, Status
from weerbaar.signals.forms_public import (
    FILES_AGAIN,
    BaseSubjectFormSet,
    PublicReplyForm,
    PublicSignalForm,
    ReceiptLookupForm,
    ReplyForm,
    RequiredSubjectFormSet,
    SignalForm,
    StaffSignalForm,
    SubjectFormSet,
)
from weerbaar.signals.models import Signal
from weerbaar.signals.services import SignalInput, message_from_reporter, signal_create, signal_for_receipt

RECEIPT_SESSION_KEY = "signals_receipt_code"
REPORTED_SESSION_KEY = "signals_reported_number"
FAILED_LOOKUPS_SESSION_KEY = "signals_failed_lookups"
#: After an answer is sent the page redirects (so a reload cannot send it twice) and shows the status once more
#: from this one-shot session entry; the receipt code itself never goes into the session or a URL.
ANSWERED_SESSION_KEY = "signals_answered"
#: Wrong receipt codes one browser session may try.
MAX_FAILED_LOOKUPS_PER_SESSION = 10
#: Wrong receipt codes everyone together may try per window (a receipt code has 120 bits; this stops
#: scripted guessing without knowing, or storing, who guesses).
MAX_FAILED_LOOKUPS_GLOBAL = 300
LOOKUP_WINDOW_SECONDS = 600

#: Chain partners in the integrated approach; other public organisations report as staff.
CHAIN_PARTNER_TYPES = frozenset(
    {OrganisationType.POLITIE, OrganisationType.OM, OrganisationType.RIEC, OrganisationType.BELASTINGDIENST}
)

#: What an anonymous reporter learns of the handling: no more than this (docs/domain.md §4).
_PUBLIC_STATUS: dict[str, StrOrPromise] = {
    Status.ONTVANGEN: gettext_lazy("Received, not yet assessed"),
    Status.AFGEROND: gettext_lazy("Closed"),
}
_PUBLIC_STATUS_DEFAULT = gettext_lazy("Being handled")


def public_status_label(status: str) -> StrOrPromise:
    return _PUBLIC_STATUS.get(status, _PUBLIC_STATUS_DEFAULT)


def channel_for(actor: Actor) -> str:
    organisation = actor.organisation
    if organisation is not None and organisation.is_private:
        return Channel.GEBIEDSPARTNER
    if organisation is not None and organisation.type in CHAIN_PARTNER_TYPES:
        return Channel.KETENPARTNER
    return Channel.MEDEWERKER


def _signal_input(form: SignalForm, subjects: BaseSubjectFormSet, *, channel: str) -> SignalInput:
    data = form.cleaned_data
    return SignalInput(
        channel=channel,
        phenomenon=data["phenomenon"],
        description=data["description"],
        location_kind=data["location_kind"],
        indicators=list(data.get("indicators") or []),
        occurred_on=data.get("occurred_on"),
        street=data.get("street", ""),
        house_number=data.get("house_number", ""),
        postcode=data.get("postcode", ""),
        city=data.get("city", ""),
        latitude=data.get("latitude"),
        longitude=data.get("longitude"),
        municipality=data.get("municipality"),
        forwarded_reference=(data.get("forwarded_reference") or "").strip(),
        subjects=subjects.subjects(),
        attachments=list(data.get("attachments") or []),
    )


def _validate(request: HttpRequest, form: SignalForm, subjects: BaseSubjectFormSet) -> bool:
    valid = form.is_valid()
    valid = subjects.is_valid() and valid
    if not valid and request.FILES:
        form.add_error(None, FILES_AGAIN)
    return valid


def _create(
    request: HttpRequest, form: SignalForm, data: SignalInput, actor: Actor | None
) -> tuple[Signal, str | None]:
    """Create the signal; a refusal by the service is shown on the form instead of a server error."""
    try:
        return signal_create(actor=actor, data=data)
    except ValidationError as exc:
        errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
        for name, problems in errors.items():
            form.add_error(name if name in form.fields else None, problems)
        if request.FILES:
            form.add_error(None, FILES_AGAIN)
        raise


def _form_context(form: SignalForm, subjects: BaseSubjectFormSet) -> dict[str, Any]:
    return {"form": form, "subjects": subjects, "has_errors": bool(form.errors or subjects.total_error_count())}


# --- Staff and partners ----------------------------------------------------------------------------


@access(permission(Perm.SIGNALS_REPORT))
@require_http_methods(["GET", "POST"])
def signal_report_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    posted = request.method == "POST"
    form = StaffSignalForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        may_register_forwarded=can(actor, Perm.SIGNALS_INTAKE),
    )
    subjects = RequiredSubjectFormSet(request.POST if posted else None, prefix="subjects")
    if posted and _validate(request, form, subjects):
        forwarded = form.cleaned_data.get("forwarded_channel") or ""
        data = _signal_input(form, subjects, channel=forwarded or channel_for(actor))
        try:
            signal, _receipt = _create(request, form, data, actor)
        except ValidationError:
            pass
        else:
            request.session[REPORTED_SESSION_KEY] = {"number": signal.number, "forwarded": bool(forwarded)}
            return redirect("signals:report_done")
    return render(request, "signals/public/report.html", _form_context(form, subjects), status=200)


@access(permission(Perm.SIGNALS_REPORT))
@require_GET
def signal_report_done_view(request: HttpRequest) -> HttpResponse:
    reported = request.session.pop(REPORTED_SESSION_KEY, None)
    if not isinstance(reported, dict):
        return redirect("signals:my_list")
    return render(request, "signals/public/report_done.html", {"reported": reported})


@access(permission(Perm.SIGNALS_VIEW_OWN))
@require_GET
def my_signal_list_view(request: HttpRequest) -> HttpResponse:
    signals = selectors.signal_list_reported_by(actor=actor_of(request)).only(
        "uuid", "number", "received_at", "phenomenon", "status"
    )
    return render(request, "signals/public/my_list.html", {"page": paginate(request, signals)})


@access(permission(Perm.SIGNALS_VIEW_OWN))
@require_http_methods(["GET", "POST"])
def my_signal_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    signal = selectors.signal_get_reported_by(actor=actor_of(request), uuid=uuid)
    if signal is None:
        raise Http404
    form = ReplyForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        message_from_reporter(
            signal=signal, body=form.cleaned_data["body"], attachments=form.cleaned_data["attachments"]
        )
        messages.success(request, _("Your answer has been sent to the intake team."))
        return redirect("signals:my_detail", uuid=signal.uuid)
    return render(
        request,
        "signals/public/my_detail.html",
        {"signal": signal, "dialogue": list(signal.messages.all()), "form": form},
    )


# --- Anonymous -------------------------------------------------------------------------------------


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def public_report_view(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = PublicSignalForm(request.POST if posted else None, request.FILES if posted else None)
    subjects = SubjectFormSet(request.POST if posted else None, prefix="subjects")
    if posted and form.is_spam():
        # Bots get what looks like success; nothing is stored and no code is issued.
        return redirect("signals:public_received")
    if posted and _validate(request, form, subjects):
        data = _signal_input(form, subjects, channel=Channel.ANONIEM)
        try:
            _signal, receipt = _create(request, form, data, None)  # never the logged-in actor, if any
        except ValidationError:
            pass
        else:
            request.session[RECEIPT_SESSION_KEY] = receipt
            return redirect("signals:public_received")
    return render(request, "signals/public/public_report.html", _form_context(form, subjects))


@access(PUBLIC)
@require_GET
def public_received_view(request: HttpRequest) -> HttpResponse:
    code = request.session.pop(RECEIPT_SESSION_KEY, None)
    if code is not None and not request.user.is_authenticated and len(request.session.keys()) == 0:
        # Nothing else in this session: remove its row instead of keeping an empty one.
        request.session.flush()
    return render(request, "signals/public/public_received.html", {"code": code})


def _global_lookups() -> RateLimit:
    """Wrong receipt codes of everyone together, counted in the shared cache: one count for all processes."""
    return RateLimit(
        scope="signals.receipt-lookups", limit=MAX_FAILED_LOOKUPS_GLOBAL, window_seconds=LOOKUP_WINDOW_SECONDS
    )


def _lookups_blocked(request: HttpRequest) -> bool:
    failures = int(request.session.get(FAILED_LOOKUPS_SESSION_KEY, 0))
    return failures >= MAX_FAILED_LOOKUPS_PER_SESSION or ratelimit_exceeded(_global_lookups())


def _lookup_failed(request: HttpRequest) -> None:
    request.session[FAILED_LOOKUPS_SESSION_KEY] = int(request.session.get(FAILED_LOOKUPS_SESSION_KEY, 0)) + 1
    ratelimit_hit(_global_lookups())


def _follow_up_status(
    request: HttpRequest, signal: Signal, form: PublicReplyForm, *, sent: bool = False
) -> HttpResponse:
    return render(
        request,
        "signals/public/public_status.html",
        {
            "signal": signal,
            "status_label": public_status_label(signal.status),
            "dialogue": list(signal.messages.all()),
            "form": form,
            "sent": sent,
        },
    )


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def public_follow_up_view(request: HttpRequest) -> HttpResponse:
    """Enter the receipt code (POST only), read status and questions, add information."""
    lookup = ReceiptLookupForm()
    if request.method == "POST":
        if _lookups_blocked(request):
            lookup = ReceiptLookupForm(request.POST)
            lookup.is_valid()
            lookup.add_error(None, _("Too many attempts with an unknown code. Try again later."))
            return render(request, "signals/public/public_follow_up.html", {"form": lookup}, status=429)
        replying = request.POST.get("action") == "reply"
        code = request.POST.get("code", "")
        signal = signal_for_receipt(code=code.strip()) if isinstance(code, str) else None
        if signal is None:
            lookup = ReceiptLookupForm(request.POST)
            if lookup.is_valid():
                _lookup_failed(request)
                lookup.add_error("code", _("This code is not known. Check the code and try again."))
            return render(request, "signals/public/public_follow_up.html", {"form": lookup})
        if not replying:
            return _follow_up_status(request, signal, PublicReplyForm(initial={"code": code.strip()}))
        reply = PublicReplyForm(request.POST, request.FILES or None)
        if reply.is_valid():
            message_from_reporter(
                signal=signal, body=reply.cleaned_data["body"], attachments=reply.cleaned_data["attachments"]
            )
            request.session[ANSWERED_SESSION_KEY] = str(signal.uuid)
            return redirect("signals:public_follow_up")
        return _follow_up_status(request, signal, reply)
    answered = request.session.pop(ANSWERED_SESSION_KEY, None)
    signal = Signal.objects.filter(uuid=answered).first() if isinstance(answered, str) else None
    if signal is not None:
        # Shown once: the reporter answers again by entering the code, as before.
        return _follow_up_status(request, signal, PublicReplyForm(), sent=True)
    return render(request, "signals/public/public_follow_up.html", {"form": lookup})


@cache
def _boundaries_bytes() -> bytes:
    return json.dumps(municipalities_geojson(), separators=(",", ":")).encode()


@access(PUBLIC)
@require_GET
def boundaries_geojson(request: HttpRequest) -> HttpResponse:
    """Municipal boundaries: the offline base layer of the location picker. Public data, cacheable."""
    response = HttpResponse(_boundaries_bytes(), content_type="application/geo+json")
    response["Cache-Control"] = "public, max-age=86400"
    return response
