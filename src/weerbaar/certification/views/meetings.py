# SPDX-License-Identifier: EUPL-1.2
"""Working-group meetings: agenda, decisions and action points linked to measures."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from weerbaar.accounts.constants import Perm
from weerbaar.certification import selectors, services
from weerbaar.certification.forms import ActionPointForm, MeetingForm
from weerbaar.certification.views._shared import OPERATIONAL, current_cycle, form_page
from weerbaar.core.policy import actor_of, can
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.views._shared import partnership_page

MANAGE = Perm.PARTNERSHIPS_MANAGE


@partnership_page(OPERATIONAL)
def meeting_list_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    return render(
        request,
        "certification/meetings.html",
        {
            "partnership": partnership,
            "meetings": selectors.meeting_list(actor=actor, cycle=cycle),
            "manager": can(actor, MANAGE, partnership),
        },
    )


@partnership_page(OPERATIONAL, code=MANAGE)
def meeting_add_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    form = MeetingForm(request.POST or None)
    return form_page(
        request,
        form=form,
        template="certification/form.html",
        context={
            "partnership": partnership,
            "title": _("Record a working-group meeting"),
            "back": reverse("certification:meetings", kwargs={"uuid": partnership.uuid}),
        },
        run=lambda data: services.meeting_record(actor=actor, cycle=cycle, **data),
        done=_("The meeting has been recorded. Add its action points."),
        next_url=lambda meeting: reverse(
            "certification:meeting", kwargs={"uuid": partnership.uuid, "meeting_uuid": meeting.uuid}
        ),
    )


@partnership_page(OPERATIONAL)
def meeting_view(request: HttpRequest, partnership: Partnership, meeting_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    meeting = selectors.meeting_get(actor=actor, cycle=cycle, uuid=meeting_uuid)
    if meeting is None:
        raise Http404
    return render(
        request,
        "certification/meeting.html",
        {"partnership": partnership, "meeting": meeting, "manager": can(actor, MANAGE, partnership)},
    )


@partnership_page(OPERATIONAL, code=MANAGE)
def action_point_add_view(request: HttpRequest, partnership: Partnership, meeting_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    cycle = current_cycle(request, partnership)
    meeting = selectors.meeting_get(actor=actor, cycle=cycle, uuid=meeting_uuid)
    if meeting is None:
        raise Http404
    url = reverse("certification:meeting", kwargs={"uuid": partnership.uuid, "meeting_uuid": meeting.uuid})
    form = ActionPointForm(
        request.POST or None,
        participants=partnership.participants.filter(left_at__isnull=True).select_related("organisation"),
        measures=selectors.measure_list(actor=actor, cycle=cycle),
    )
    return form_page(
        request,
        form=form,
        template="certification/form.html",
        context={"partnership": partnership, "title": _("Add an action point"), "back": url},
        run=lambda data: services.action_point_add(
            actor=actor,
            meeting=meeting,
            description=data["description"],
            owner=data["owner"],
            due_on=data["due_on"],
            measures=list(data["measures"]),
        ),
        done=_("The action point has been added."),
        next_url=lambda _result: url,
    )
