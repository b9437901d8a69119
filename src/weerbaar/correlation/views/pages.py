# SPDX-License-Identifier: EUPL-1.2
"""The correlation overview, screening, the network of a case or signal and its export, the exclusion list."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.policy import access, actor_of, can, permission
from weerbaar.core.workflow.forms import apply_service_error as _errors_onto
from weerbaar.correlation import services
from weerbaar.correlation.constants import ContextKind
from weerbaar.correlation.contexts import exportable_q
from weerbaar.correlation.forms import ExclusionForm, ExportForm, ScreeningForm, subject_values
from weerbaar.correlation.models import AccessInquiry, Link, Subject
from weerbaar.correlation.network import network_build, subjects_of_context
from weerbaar.correlation.panel import panel_build
from weerbaar.correlation.selectors import exclusion_list, subjects_visible
from weerbaar.correlation.services.exclusions import EXCLUDABLE
from weerbaar.correlation.services.screening import ScreeningLimitError

#: The overview shows subjects with links made in this many days.
RECENT_DAYS = 30
RECENT_SUBJECTS = 50


@require_GET
@access(permission(Perm.CORRELATION_VIEW))
def overview_view(request: HttpRequest) -> HttpResponse:
    """Recent correlations of the subjects the actor may see, and the actor's own access requests."""
    actor = actor_of(request)
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    visible = subjects_visible(actor=actor)
    recent = Link.objects.filter(created_at__gte=since).filter(
        Q(subject_a__in=visible.values("pk")) | Q(subject_b__in=visible.values("pk"))
    )
    ids = set(recent.values_list("subject_a_id", flat=True)) | set(recent.values_list("subject_b_id", flat=True))
    subjects = list(visible.filter(pk__in=ids).select_related("supplied_by").order_by("-created_at")[:RECENT_SUBJECTS])
    panel = panel_build(actor=actor, subjects=subjects, where="overzicht")
    panel.rows = [row for row in panel.rows if row.any]
    mine = (
        AccessInquiry.objects.filter(requester=actor.user).select_related("organisation").order_by("-created_at")[:50]
    )
    return render(
        request,
        "correlation/overview.html",
        {"panel": panel, "days": RECENT_DAYS, "mine": mine, "can_screen": can(actor, Perm.CORRELATION_SCREEN)},
    )


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CORRELATION_SCREEN))
def screening_view(request: HttpRequest) -> HttpResponse:
    """A quick scan of a person, company or address (POST only: search terms never go into a URL)."""
    actor = actor_of(request)
    form = ScreeningForm(request.POST or None, auto_id="screen_%s")
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = services.screening_run(
                    actor=actor,
                    kind=form.cleaned_data["kind"],
                    values=subject_values(form.cleaned_data, form.fields_by_kind),
                    purpose=form.cleaned_data["purpose"],
                )
            except ValidationError as exc:
                _errors_onto(form, exc)
                status = 400
            except ScreeningLimitError:
                form.add_error(None, _("You have reached the maximum number of searches for this hour."))
                status = 429
        else:
            status = 400
    return render(request, "correlation/screening.html", {"form": form, "result": result}, status=status)


def _network(request: HttpRequest, kind: str, uuid: str) -> Any:
    actor = actor_of(request)
    if kind not in ContextKind.values:
        raise Http404
    found = subjects_of_context(actor=actor, kind=kind, uuid=uuid)
    if found is None:
        raise Http404
    context_ref, subjects = found
    shown = services.correlations_show(actor=actor, subjects=subjects, where="netwerk")
    return network_build(context=context_ref, subjects=subjects, report=shown.report, withheld=shown.withheld)


@require_GET
@access(permission(Perm.CORRELATION_VIEW))
def network_view(request: HttpRequest, kind: str, uuid: str) -> HttpResponse:
    network = _network(request, kind, uuid)
    return render(
        request,
        "correlation/network.html",
        {"network": network, "elements": network.cytoscape(), "kind": kind, "uuid": uuid, "export_form": ExportForm()},
    )


@require_POST
@access(permission(Perm.CORRELATION_VIEW))
def network_export_view(request: HttpRequest, kind: str, uuid: str) -> HttpResponse:
    """The network's table as CSV: only subjects the actor may export; hits never leave Weerbaar."""
    actor = actor_of(request)
    network = _network(request, kind, uuid)
    form = ExportForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "correlation/network.html",
            {"network": network, "elements": network.cytoscape(), "kind": kind, "uuid": uuid, "export_form": form},
            status=400,
        )
    exportable = {
        f"s:{u}"
        for u in Subject.objects.filter(exportable_q(actor))
        .filter(uuid__in=[n.id[2:] for n in network.nodes.values() if n.kind == "subject"])
        .values_list("uuid", flat=True)
    }
    context_ids = {n.id for n in network.nodes.values() if n.kind == "context"}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("From"), _("Relation"), _("To"), _("Strength (score in bits)")])
    rows = 0
    for edge in network.edges:
        ends = {edge.source, edge.target}
        if edge.relation == "hit" or not ends <= (exportable | context_ids) or ends <= context_ids:
            continue
        writer.writerow(
            [network.label(edge.source), edge.relation_label, network.label(edge.target), edge.strength_text]
        )
        rows += 1
    audit_event_record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="correlation.network",
        object_uuid=network.context.uuid,
        purpose=form.cleaned_data["purpose"],
        details={"kind": kind, "rows": rows},
    )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="netwerk-{network.context.label[:20] or kind}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@access(permission(Perm.CORRELATION_MANAGE))
def exclusions_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = ExclusionForm(request.POST or None, auto_id="exclusion_%s")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.exclusion_add(
                    actor=actor,
                    kind=form.cleaned_data["kind"],
                    values=subject_values(form.cleaned_data, form.fields_by_kind),
                    label=form.cleaned_data["label"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as exc:
                _errors_onto(form, exc)
                status = 400
            else:
                messages.success(
                    request,
                    _(
                        "The value has been excluded. It applies to new subjects now, to existing links after the "
                        "next resolution."
                    ),
                )
                return redirect("correlation:exclusions")
        else:
            status = 400
    return render(
        request,
        "correlation/exclusions.html",
        {"form": form, "exclusions": exclusion_list(actor=actor), "kinds": EXCLUDABLE},
        status=status,
    )


@require_POST
@access(permission(Perm.CORRELATION_MANAGE))
def exclusion_remove_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    exclusion = exclusion_list(actor=actor).filter(uuid=uuid).first()
    if exclusion is None:
        raise Http404
    try:
        services.exclusion_remove(actor=actor, exclusion=exclusion)
    except PermissionDenied as exc:
        raise Http404 from exc
    messages.success(request, _("The value is no longer excluded."))
    return redirect("correlation:exclusions")


@require_POST
@access(permission(Perm.CORRELATION_MANAGE))
def resolve_view(request: HttpRequest) -> HttpResponse:
    """Start a batch resolution in the background (the worker runs it)."""
    services.resolution_enqueue(actor=actor_of(request))
    messages.success(request, _("The resolution of all subjects has been started; it runs in the background."))
    return redirect("correlation:exclusions")
