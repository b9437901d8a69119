# SPDX-License-Identifier: EUPL-1.2
"""Inspection walks (*schouw*) with their findings; a finding's photos (personal data) and making a
finding a measure."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.certification import selectors, services
from weerbaar.certification.forms import FindingForm, MeasureForm, WalkForm
from weerbaar.certification.models import InspectionWalk
from weerbaar.certification.views._shared import OPERATIONAL, PERSONAL, active_participants, current_cycle, form_page
from weerbaar.core.policy import actor_of, can
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.permissions import Shows
from weerbaar.partnerships.views._shared import partnership_page

MANAGE = Perm.PARTNERSHIPS_MANAGE


def _walk(request: HttpRequest, partnership: Partnership, walk_uuid: str) -> InspectionWalk:
    cycle = current_cycle(request, partnership)
    walk = selectors.walk_get(actor=actor_of(request), cycle=cycle, uuid=walk_uuid)
    if walk is None:
        raise Http404
    return walk


@partnership_page(OPERATIONAL)
def walk_list_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    return render(
        request,
        "certification/walks.html",
        {
            "partnership": partnership,
            "walks": selectors.walk_list(actor=actor, cycle=cycle),
            "manager": can(actor, MANAGE, partnership),
        },
    )


@partnership_page(OPERATIONAL, code=MANAGE)
def walk_add_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    form = WalkForm(request.POST or None, participants=active_participants(partnership))
    return form_page(
        request,
        form=form,
        template="certification/form.html",
        context={"partnership": partnership, "title": _("Record an inspection walk")},
        run=lambda data: services.walk_record(
            actor=actor,
            cycle=cycle,
            walked_on=data["walked_on"],
            time_of_day=data["time_of_day"],
            route=data["route"],
            participants=list(data["participants_present"]),
        ),
        done=_("The walk has been recorded. Add its findings."),
        next_url=lambda walk: reverse("certification:walk", kwargs={"uuid": partnership.uuid, "walk_uuid": walk.uuid}),
    )


@partnership_page(OPERATIONAL)
def walk_view(request: HttpRequest, partnership: Partnership, walk_uuid: str) -> HttpResponse:
    """A walk and its findings. Photos are listed only for members receiving personal data."""
    actor = actor_of(request)
    walk = _walk(request, partnership, walk_uuid)
    photos_shown = can(actor, Perm.PARTNERSHIPS_VIEW, Shows(partnership, PERSONAL))
    findings = []
    for finding in selectors.finding_list(actor=actor, walk=walk):
        photos = list(selectors.photo_list(actor=actor, finding=finding)) if photos_shown else []
        findings.append({"finding": finding, "photos": photos, "measures": list(finding.measures.all())})
    return render(
        request,
        "certification/walk.html",
        {
            "partnership": partnership,
            "walk": walk,
            "findings": findings,
            "photos_shown": photos_shown,
            "manager": can(actor, MANAGE, partnership),
            "data_url": reverse("certification:walk_map", kwargs={"uuid": partnership.uuid, "walk_uuid": walk.uuid}),
        },
    )


@partnership_page(OPERATIONAL)
def walk_map_view(request: HttpRequest, partnership: Partnership, walk_uuid: str) -> JsonResponse:
    """The area and the findings' points (about 100 m) as GeoJSON for the map; themes only, no photos."""
    actor = actor_of(request)
    walk = _walk(request, partnership, walk_uuid)
    features: list[dict[str, object]] = []
    if partnership.area:
        features.append({"type": "Feature", "geometry": partnership.area, "properties": {"kind": "area"}})
    for finding in selectors.finding_list(actor=actor, walk=walk):
        if not finding.has_location:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(finding.longitude), float(finding.latitude)]},
                "properties": {
                    "kind": "point",
                    "anchor": f"finding-{finding.uuid}",
                    "organisation": finding.get_theme_display(),
                    "type": "",
                    "expertise": "",
                },
            }
        )
    response = JsonResponse({"type": "FeatureCollection", "features": features})
    response["Content-Type"] = "application/geo+json"
    return response


@partnership_page(OPERATIONAL, code=MANAGE)
def finding_add_view(request: HttpRequest, partnership: Partnership, walk_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    walk = _walk(request, partnership, walk_uuid)
    form = FindingForm(request.POST or None, request.FILES or None)
    url = reverse("certification:walk", kwargs={"uuid": partnership.uuid, "walk_uuid": walk.uuid})
    return form_page(
        request,
        form=form,
        template="certification/form.html",
        context={"partnership": partnership, "title": _("Add a finding"), "back": url, "multipart": True},
        run=lambda data: services.finding_add(actor=actor, walk=walk, **data),
        done=_("The finding has been added."),
        next_url=lambda _result: url,
    )


@partnership_page(OPERATIONAL, code=MANAGE)
def finding_measure_view(
    request: HttpRequest, partnership: Partnership, walk_uuid: str, finding_uuid: str
) -> HttpResponse:
    """Make a finding an action point of the plan: a measure with the finding's theme and text."""
    actor = actor_of(request)
    walk = _walk(request, partnership, walk_uuid)
    finding = selectors.finding_get(actor=actor, walk=walk, uuid=finding_uuid)
    if finding is None:
        raise Http404
    initial = {"theme": finding.theme, "description": finding.description}
    form = MeasureForm(request.POST or None, initial=initial, participants=active_participants(partnership))
    return form_page(
        request,
        form=form,
        template="certification/form.html",
        context={
            "partnership": partnership,
            "title": _("Make this finding a measure"),
            "back": reverse("certification:walk", kwargs={"uuid": partnership.uuid, "walk_uuid": walk.uuid}),
        },
        run=lambda data: services.measure_create(actor=actor, cycle=walk.cycle, finding=finding, **data),
        done=_("The measure has been added to the plan of approach."),
        next_url=lambda measure: reverse(
            "certification:measure", kwargs={"uuid": partnership.uuid, "measure_uuid": measure.uuid}
        ),
    )


@partnership_page(PERSONAL)
def photo_view(request: HttpRequest, partnership: Partnership, photo_uuid: str) -> HttpResponseBase:
    """A finding's photo: personal data (people, licence plates), for members receiving them; audited."""
    actor = actor_of(request)
    photo = selectors.photo_get(actor=actor, uuid=photo_uuid)
    if photo is None or photo.finding.walk.cycle.partnership_id != partnership.pk:
        raise Http404
    path = services.file_path(photo)
    if not photo.has_file or not path.is_file():
        raise Http404
    audit_event_record(actor=actor, action=AuditAction.READ, obj=partnership, details={"photo": str(photo.uuid)})
    stamp = timezone.localdate().isoformat()
    return FileResponse(path.open("rb"), filename=f"schouw-foto-{stamp}{path.suffix}", content_type=photo.content_type)
