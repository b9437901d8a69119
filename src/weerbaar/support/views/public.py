# SPDX-License-Identifier: EUPL-1.2
"""The public "I have been approached" form (/ik-ben-benaderd/): no account needed, also usable logged in.

Whoever is logged in, the report is never tied to their account. Nothing about the request is stored: the
submission limit counts in the shared cache under a keyed hash of the client address, for one window only.
What the confirmation shows (the route, a receipt code or the desk's reference) goes from the POST to the
page that shows it in the session, once.
"""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.core.policy import PUBLIC, access
from weerbaar.core.ratelimit import RateLimit, ratelimit_exceeded, ratelimit_hit
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.support.constants import (
    SAFETY_ADVICE,
    SUBMIT_LIMIT_GLOBAL,
    SUBMIT_LIMIT_PER_CLIENT,
    SUBMIT_WINDOW_SECONDS,
    ReportRoute,
)
from weerbaar.support.forms import ApproachedForm
from weerbaar.support.services import ApproachedInput, approached_submit

DONE_SESSION_KEY = "support_approached_done"
_PER_CLIENT = RateLimit(scope="support.approached", limit=SUBMIT_LIMIT_PER_CLIENT, window_seconds=SUBMIT_WINDOW_SECONDS)
_GLOBAL = RateLimit(scope="support.approached-all", limit=SUBMIT_LIMIT_GLOBAL, window_seconds=SUBMIT_WINDOW_SECONDS)


def _client(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _limited(request: HttpRequest) -> bool:
    return ratelimit_exceeded(_PER_CLIENT, _client(request)) or ratelimit_exceeded(_GLOBAL)


def _render(request: HttpRequest, form: ApproachedForm, status: int = 200) -> HttpResponse:
    return render(request, "support/approached.html", {"form": form, "advice": SAFETY_ADVICE}, status=status)


def _input(form: ApproachedForm) -> ApproachedInput:
    data = form.cleaned_data
    return ApproachedInput(
        route=data["route"],
        asked_for=list(data["asked_for"]),
        asked_other=data.get("asked_other", ""),
        when=data["when"],
        municipality=data["municipality"],
        location_hint=data.get("location_hint", ""),
        account=data["account"],
        answer=data.get("answer", ""),
        described=data.get("described", ""),
        contact_name=data.get("contact_name", ""),
        contact_phone=data.get("contact_phone", ""),
        contact_email=data.get("contact_email") or "",
        contact_when=data.get("contact_when", ""),
        share_identity=bool(data.get("share_identity")) and data["route"] == ReportRoute.VERTROUWENSPERSOON,
        wants_support=bool(data.get("wants_support")),
    )


@access(PUBLIC)
@require_http_methods(["GET", "POST"])
def approached_view(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request, ApproachedForm())
    form = ApproachedForm(request.POST)
    if form.is_spam():
        # Bots get what looks like success; nothing is stored or filed.
        return redirect("support:approached_done")
    if _limited(request):
        form.is_valid()
        form.add_error(
            None, _("Too many reports have been sent from here just now. Try again in an hour, or call 0800-7000.")
        )
        return _render(request, form, status=429)
    if form.is_valid():
        ratelimit_hit(_PER_CLIENT, _client(request))
        ratelimit_hit(_GLOBAL)
        try:
            submitted = approached_submit(data=_input(form))
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            request.session[DONE_SESSION_KEY] = {
                "route": submitted.route,
                "receipt": submitted.receipt,
                "reference": submitted.reference,
            }
            return redirect("support:approached_done")
    return _render(request, form)


@access(PUBLIC)
@require_GET
def approached_done_view(request: HttpRequest) -> HttpResponse:
    done = request.session.pop(DONE_SESSION_KEY, None)
    if not isinstance(done, dict):
        done = {}
    return render(request, "support/approached_done.html", {"done": done, "advice": SAFETY_ADVICE})
