# SPDX-License-Identifier: EUPL-1.2
"""The signal list, the map (with its data and base layer) and the overdue list. All scoped by the policy."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import Actor, access, actor_of, can, permission
from weerbaar.signals.forms_intake import SignalFilterForm
from weerbaar.signals.models import Signal
from weerbaar.signals.selectors import SignalFilters, signal_list, signal_list_overdue

#: The map shows at most this many signals; the page says so when the filter matches more.
MAP_LIMIT = 500


def _municipality_choices(actor: Actor) -> list[tuple[str, str]]:
    rows = (
        signal_list(actor=actor)
        .exclude(municipality=None)
        .order_by()
        .values_list("municipality__code", "municipality__name")
        .distinct()
    )
    choices = set(rows)
    organisation = actor.organisation
    if organisation is not None and organisation.municipality is not None:
        choices.add((organisation.municipality.code, organisation.municipality.name))
    return sorted(choices, key=lambda choice: choice[1])


def _filtered(request: HttpRequest) -> tuple[SignalFilterForm, SignalFilters, QuerySet[Signal]]:
    """Parse the GET filters (a field with a bad value is ignored, and shown as an error) and apply them."""
    actor = actor_of(request)
    form = SignalFilterForm(request.GET or None, municipalities=_municipality_choices(actor))
    data: dict[str, Any] = {}
    if form.is_bound:
        form.is_valid()
        data = {name: value for name, value in form.cleaned_data.items() if name not in form.errors}
    filters = SignalFilters(
        phenomenon=data.get("phenomenon") or "",
        status=data.get("status") or "",
        since=data.get("since"),
        until=data.get("until"),
        municipality_code=data.get("municipality") or "",
    )
    return form, filters, signal_list(actor=actor, filters=filters)


def _audit_search(request: HttpRequest, filters: SignalFilters, view: str) -> None:
    audit_event_record(
        actor=actor_of(request),
        action=AuditAction.SEARCH,
        object_type="signals.signal",
        details={
            "view": view,
            "phenomenon": filters.phenomenon,
            "status": filters.status,
            "since": filters.since.isoformat() if filters.since else "",
            "until": filters.until.isoformat() if filters.until else "",
            "municipality": filters.municipality_code,
            "page": request.GET.get("pagina", "1")[:6],
        },
    )


@require_GET
@access(permission(Perm.SIGNALS_VIEW))
def signal_list_view(request: HttpRequest) -> HttpResponse:
    form, filters, signals = _filtered(request)
    _audit_search(request, filters, "list")
    return render(
        request,
        "signals/intake/list.html",
        {
            "form": form,
            "page": paginate(request, signals, per_page=25),
            "query": request.GET.urlencode(),
            "can_intake": can(actor_of(request), Perm.SIGNALS_INTAKE),
        },
    )


def _map_signals(signals: QuerySet[Signal]) -> list[Signal]:
    return list(signals.select_related("municipality")[:MAP_LIMIT])


@require_GET
@access(permission(Perm.SIGNALS_VIEW))
def signal_map_view(request: HttpRequest) -> HttpResponse:
    form, filters, signals = _filtered(request)
    _audit_search(request, filters, "map")
    total = signals.count()
    query = request.GET.urlencode()
    data_url = reverse("signals:map_data") + (f"?{query}" if query else "")
    return render(
        request,
        "signals/intake/map.html",
        {
            "form": form,
            "signals": _map_signals(signals),
            "total": total,
            "limited": total > MAP_LIMIT,
            "limit": MAP_LIMIT,
            "data_url": data_url,
            # The offline base layer: the reporting channel's public boundaries GeoJSON (one copy, cached).
            "boundaries_url": reverse("signals:boundaries_geojson"),
            "tiles_url": getattr(settings, "PDOK_TILES_URL", ""),
            "query": query,
        },
    )


def _feature(signal: Signal) -> dict[str, Any] | None:
    """A signal as a GeoJSON point: its own point, or its municipality's centroid (marked approximate)."""
    if signal.latitude is not None and signal.longitude is not None:
        lon, lat, approximate = float(signal.longitude), float(signal.latitude), False
    elif signal.municipality is not None:
        lon, lat = float(signal.municipality.centroid_lon), float(signal.municipality.centroid_lat)
        approximate = True
    else:
        return None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "number": signal.number,
            "phenomenon": str(signal.get_phenomenon_display()),
            "status": str(signal.get_status_display()),
            "received": signal.received_at.date().isoformat(),
            "municipality": signal.municipality.name if signal.municipality else "",
            "approximate": approximate,
            "url": reverse("signals:detail", kwargs={"uuid": signal.uuid}),
        },
    }


@require_GET
@access(permission(Perm.SIGNALS_VIEW))
def signal_map_data_view(request: HttpRequest) -> JsonResponse:
    """The map's points: the same selector and filters as the list (no description, no subjects)."""
    _form, filters, signals = _filtered(request)
    _audit_search(request, filters, "map_data")
    features = [f for f in (_feature(s) for s in _map_signals(signals)) if f is not None]
    response = JsonResponse({"type": "FeatureCollection", "features": features})
    response["Content-Type"] = "application/geo+json"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@access(permission(Perm.SIGNALS_VIEW))
def signal_overdue_view(request: HttpRequest) -> HttpResponse:
    signals = signal_list_overdue(actor=actor_of(request))
    audit_event_record(
        actor=actor_of(request), action=AuditAction.SEARCH, object_type="signals.signal", details={"view": "overdue"}
    )
    return render(request, "signals/intake/overdue.html", {"page": paginate(request, signals, per_page=50)})
