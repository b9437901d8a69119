# SPDX-License-Identifier: EUPL-1.2
"""The plan of approach: the measures matrix (filterable), a page per row to edit it (its managers), a
page to update its status and evidence (also the representatives of its owner or executor)."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.certification import scopes, selectors, services
from weerbaar.certification.forms import MeasureEditForm, MeasureFilterForm, MeasureForm, ProgressForm
from weerbaar.certification.models import Measure
from weerbaar.certification.selectors import MeasureFilters
from weerbaar.certification.views._shared import OPERATIONAL, active_participants, current_cycle, form_page
from weerbaar.core.policy import actor_of, can
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.views._shared import partnership_page

MANAGE = Perm.PARTNERSHIPS_MANAGE


def _measure(request: HttpRequest, partnership: Partnership, measure_uuid: str) -> Measure:
    cycle = current_cycle(request, partnership)
    measure = selectors.measure_get(actor=actor_of(request), cycle=cycle, uuid=measure_uuid)
    if measure is None:
        raise Http404
    return measure


@partnership_page(OPERATIONAL)
def measure_list_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    owners = [(str(p.uuid), p.organisation.name) for p in active_participants(partnership)]
    form = MeasureFilterForm(request.GET or None, owners=owners)
    filters = MeasureFilters(**form.cleaned_data) if form.is_valid() else MeasureFilters()
    measures = list(selectors.measure_list(actor=actor, cycle=cycle, filters=filters))
    updatable = set(
        selectors.measure_list(actor=actor, cycle=cycle)
        .filter(scopes.measure_updatable(actor))
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "certification/measures.html",
        {
            "partnership": partnership,
            "cycle": cycle,
            "form": form,
            "rows": [{"measure": m, "updatable": m.pk in updatable} for m in measures],
            "filtered": any(filters.__dict__.values()),
            "manager": can(actor, MANAGE, partnership),
            "gate": services.cycle_gate(cycle=cycle),
        },
    )


@partnership_page(OPERATIONAL, code=MANAGE)
def measure_add_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    form = MeasureForm(request.POST or None, participants=active_participants(partnership))
    return form_page(
        request,
        form=form,
        template="certification/form.html",
        context={
            "partnership": partnership,
            "title": _("Add a measure"),
            "back": reverse("certification:measures", kwargs={"uuid": partnership.uuid}),
        },
        run=lambda data: services.measure_create(actor=actor, cycle=cycle, **data),
        done=_("The measure has been added to the plan of approach."),
        next_url=lambda _result: reverse("certification:measures", kwargs={"uuid": partnership.uuid}),
    )


@partnership_page(OPERATIONAL, code=MANAGE)
def measure_view(request: HttpRequest, partnership: Partnership, measure_uuid: str) -> HttpResponse:
    """One row of the matrix: edit it, with its status history."""
    actor = actor_of(request)
    measure = _measure(request, partnership, measure_uuid)
    initial = {name: getattr(measure, name) for name in services.work.MEASURE_FIELDS}
    form = MeasureEditForm(
        request.POST or None,
        initial={**initial, "version": measure.version},
        participants=active_participants(partnership),
    )

    def run(data: dict[str, object]) -> Measure:
        version = data.pop("version")
        return services.measure_update(actor=actor, measure=measure, expected_version=version, data=data)  # type: ignore[arg-type]

    return form_page(
        request,
        form=form,
        template="certification/measure.html",
        context={
            "partnership": partnership,
            "measure": measure,
            "history": list(measure.status_changes.all()),
        },
        run=run,
        done=_("The measure has been saved."),
        next_url=lambda _result: reverse("certification:measures", kwargs={"uuid": partnership.uuid}),
    )


@partnership_page(OPERATIONAL)
def measure_progress_view(request: HttpRequest, partnership: Partnership, measure_uuid: str) -> HttpResponse:
    """Status and evidence of a measure: its managers and the representatives of its owner or executor."""
    actor = actor_of(request)
    measure = _measure(request, partnership, measure_uuid)
    if not scopes.is_measure_updatable(actor, measure):
        raise Http404
    initial = {"status": measure.status, "evidence": measure.evidence, "version": measure.version}
    form = ProgressForm(request.POST or None, request.FILES or None, initial=initial)
    return form_page(
        request,
        form=form,
        template="certification/form.html",
        context={
            "partnership": partnership,
            "title": _("Update measure: %(title)s") % {"title": measure.title},
            "back": reverse("certification:measures", kwargs={"uuid": partnership.uuid}),
            "multipart": True,
        },
        run=lambda data: services.measure_progress(
            actor=actor,
            measure=measure,
            expected_version=data["version"],
            status=data["status"],
            evidence=data["evidence"],
            upload=data["evidence_file"],
            reason=data["reason"],
        ),
        done=_("The measure has been updated."),
        next_url=lambda _result: reverse("certification:measures", kwargs={"uuid": partnership.uuid}),
    )


@partnership_page(OPERATIONAL)
def measure_evidence_view(request: HttpRequest, partnership: Partnership, measure_uuid: str) -> HttpResponseBase:
    measure = _measure(request, partnership, measure_uuid)
    path = services.file_path(measure)
    if not measure.has_file or not path.is_file():
        raise Http404
    return FileResponse(
        path.open("rb"), filename=f"bewijs-{measure.uuid.hex[:8]}{path.suffix}", content_type=measure.content_type
    )
