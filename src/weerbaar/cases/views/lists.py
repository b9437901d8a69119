# SPDX-License-Identifier: EUPL-1.2
"""The case list, a new case, the programme view and the access request of a non-member."""

from contextlib import suppress
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.cases import services
from weerbaar.cases.forms import AccessRequestForm, CaseCreateForm, CaseFilterForm
from weerbaar.cases.models import Case
from weerbaar.cases.selectors import CaseFilters, case_list, is_case_member
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import Actor, access, actor_of, can, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.correlation.selectors import subjects_of_signal
from weerbaar.geo.models import Municipality
from weerbaar.signals.models import Signal
from weerbaar.signals.selectors import signal_list

#: Signals offered on the new-case form (most recent first); a preselected one is always offered.
SIGNAL_CHOICES = 100
#: Aggregates over cases the actor is no member of hide small numbers (1 to 4), which could identify a case.


@require_GET
@access(permission(Perm.CASES_VIEW))
def case_list_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = CaseFilterForm(request.GET or None)
    data: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        data = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
    filters = CaseFilters(status=data.get("status") or "", phenomenon=data.get("phenomenon") or "")
    audit_event_record(
        actor=actor,
        action=AuditAction.SEARCH,
        object_type="cases.case",
        details={"view": "list", "status": filters.status, "phenomenon": filters.phenomenon},
    )
    return render(
        request,
        "cases/list.html",
        {
            "form": form,
            "page": paginate(request, case_list(actor=actor, filters=filters), per_page=25),
            "can_create": can(actor, Perm.CASES_MANAGE),
        },
    )


def _signal_choices(actor: Actor, wanted: list[str]) -> list[tuple[str, str]]:
    visible = signal_list(actor=actor)
    signals: list[Signal] = list(visible.filter(uuid__in=_uuids(wanted))) + list(visible[:SIGNAL_CHOICES])
    seen: dict[str, str] = {}
    for signal in signals:
        # The day it was received where it was received: a UTC date is a day early after midnight.
        received = timezone.localdate(signal.received_at)
        label = f"{signal.number} · {signal.get_phenomenon_display()} · {received:%Y-%m-%d}"
        seen.setdefault(str(signal.uuid), label)
    return list(seen.items())


def _uuids(values: list[str]) -> list[str]:
    out = []
    for value in values:
        try:
            out.append(str(UUID(value)))
        except ValueError:
            continue
    return out


def _municipality_choices() -> list[tuple[str, str]]:
    return list(Municipality.objects.order_by("name").values_list("code", "name"))


def _start_signal(actor: Actor, request: HttpRequest) -> Signal | None:
    """The signal a case is started from (``?melding=<uuid>``): 404 when the actor may not see it."""
    uuids = _uuids(request.GET.getlist("melding"))
    if not uuids:  # nothing that could name a signal: an ordinary new case
        return None
    signal = signal_list(actor=actor).filter(uuid=uuids[0]).select_related("municipality").first()
    if signal is None:
        raise Http404
    return signal


def _initial_from(signal: Signal) -> dict[str, Any]:
    """A working title without personal data: the phenomenon and where."""
    place = signal.municipality.name if signal.municipality is not None else signal.city
    title = f"{signal.get_phenomenon_display()} — {place}" if place else str(signal.get_phenomenon_display())
    return {
        "title": title[:200],
        "phenomena": [signal.phenomenon],
        "municipality": signal.municipality.code if signal.municipality is not None else "",
        "signals": [str(signal.uuid)],
    }


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_MANAGE))
def case_create_view(request: HttpRequest) -> HttpResponse:
    """A new case; ``?melding=<uuid>`` starts it from that signal (prefilled, its subjects carried over). A
    UUID holds no personal data; a signal the actor may not see answers 404."""
    actor = actor_of(request)
    start = _start_signal(actor, request)
    municipalities = _municipality_choices()
    if request.method == "POST":
        choices = _signal_choices(actor, [*request.POST.getlist("signals"), *([str(start.uuid)] if start else [])])
        form = CaseCreateForm(request.POST, signals=choices, municipalities=municipalities)
        if form.is_valid():
            data = form.cleaned_data
            signals = list(signal_list(actor=actor).filter(uuid__in=data["signals"]))
            municipality = Municipality.objects.filter(code=data["municipality"]).first()
            fields = {
                "actor": actor,
                "title": data["title"],
                "phenomena": data["phenomena"],
                "classification": data["classification"],
                "signals": signals,
                "municipality": municipality,
            }
            try:
                if start is not None:
                    case = services.case_start_from_signal(signal=start, **fields)
                else:
                    case = services.case_create(**fields)
            except ValidationError as exc:
                apply_service_error(form, exc)
            except PermissionDenied as exc:
                raise Http404 from exc
            else:
                messages.success(request, _("The case has been created; your organisation directs it."))
                return redirect("cases:detail", uuid=case.uuid)
    else:
        preselected = _uuids(request.GET.getlist("melding"))
        choices = _signal_choices(actor, preselected)
        offered = {value for value, _label in choices}
        initial_signals = [value for value in preselected if value in offered]
        phenomena = list(
            signal_list(actor=actor).filter(uuid__in=initial_signals).values_list("phenomenon", flat=True).distinct()
        )
        initial: dict[str, Any] = {"signals": initial_signals, "phenomena": phenomena}
        if start is not None:
            initial = {**_initial_from(start), "signals": initial_signals}
        form = CaseCreateForm(initial=initial, signals=choices, municipalities=municipalities)
    subjects = subjects_of_signal(actor=actor, signal=start).count() if start is not None else 0
    return render(request, "cases/create.html", {"form": form, "start": start, "subjects": subjects})


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CASES_VIEW))
def case_access_request_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Ask for access to a case one knows exists (e.g. from a correlation hit).

    The page says nothing about the case — not its title, owner or status — and answers the same whether
    or not the UUID names a case, so it cannot be used to find out which cases exist. A request for a
    closed case is refused at once; the requester reads that where every decision appears.
    """
    actor = actor_of(request)
    form = AccessRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = Case.objects.filter(uuid=uuid).first()
        if case is not None and is_case_member(actor=actor, case=case):
            return redirect("cases:detail", uuid=case.uuid)
        if case is not None:
            # An open request exists already: the answer stays the same.
            with suppress(ValidationError, PermissionDenied):
                services.access_request_create(actor=actor, case=case, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("Your request has been recorded. The directing organisation decides; you will be told of its decision."),
        )
        return redirect("cases:list")
    return render(request, "cases/access_request.html", {"form": form})


@require_GET
@access(permission(Perm.CASES_PROGRAMME))
def programme_view(request: HttpRequest) -> HttpResponse:
    """The programme view is a section of the situational picture now; the old address leads there."""
    return redirect(reverse("insights:dashboard") + "#programma")
