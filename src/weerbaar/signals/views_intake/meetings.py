# SPDX-License-Identifier: EUPL-1.2
"""The schakelteam's meetings: the list, a new meeting, and the sitting — one form for the whole agenda."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.signals.forms_intake import MeetingCreateForm, MeetingDecisionForm
from weerbaar.signals.meetings import Decision, meeting_create, meeting_decide
from weerbaar.signals.models import MeetingItem, SchakelteamMeeting
from weerbaar.signals.selectors import meeting_get, meeting_list, signal_list_to_weigh


def _list(request: HttpRequest, form: MeetingCreateForm, status: int = 200) -> HttpResponse:
    actor = actor_of(request)
    return render(
        request,
        "signals/intake/meetings.html",
        {
            "page": paginate(request, meeting_list(actor=actor), per_page=25),
            "form": form,
            "to_weigh": signal_list_to_weigh(actor=actor).count(),
        },
    )


@require_GET
@access(permission(Perm.SIGNALS_WEIGH))
def meeting_list_view(request: HttpRequest) -> HttpResponse:
    return _list(request, MeetingCreateForm())


@require_POST
@access(permission(Perm.SIGNALS_WEIGH))
def meeting_create_view(request: HttpRequest) -> HttpResponse:
    form = MeetingCreateForm(request.POST)
    if not form.is_valid():
        return _list(request, form)
    try:
        meeting = meeting_create(actor=actor_of(request), on=form.cleaned_data["date"])
    except ValidationError as exc:
        apply_service_error(form, exc)
        return _list(request, form)
    messages.success(request, _("The meeting has been created with every qualified signal on its agenda."))
    return redirect("signals:meeting", uuid=meeting.uuid)


def _items(meeting: SchakelteamMeeting) -> list[MeetingItem]:
    return list(meeting.items.select_related("signal__municipality", "decided_by").order_by("id"))


@require_http_methods(["GET", "POST"])
@access(permission(Perm.SIGNALS_WEIGH))
def meeting_detail_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The agenda; submitting records every decision of the sitting at once, or none when any is invalid."""
    actor = actor_of(request)
    meeting = meeting_get(actor=actor, uuid=uuid)
    if meeting is None:
        raise Http404
    items = _items(meeting)
    closed = meeting.closed_at is not None
    form = None if closed else MeetingDecisionForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST":
        if closed:
            messages.error(request, _("This meeting is closed; its decisions can no longer change."))
            return redirect("signals:meeting", uuid=meeting.uuid)
        assert form is not None  # noqa: S101 - narrowed: an open meeting always has its form
        if form.is_valid():
            decisions = [
                Decision(signal_uuid=str(item.signal.uuid), outcome=outcome, reasoning=reasoning)
                for item, outcome, reasoning in form.decisions()
            ]
            try:
                decided = meeting_decide(actor=actor, meeting=meeting, decisions=decisions)
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(
                    request,
                    _("The sitting has been recorded: %(n)d decision(s); the other signals are postponed.")
                    % {"n": decided},
                )
                return redirect("signals:meeting", uuid=meeting.uuid)
    # The agenda shows signal summaries (number, phenomenon, municipality): an audited read.
    audit_event_record(actor=actor, action=AuditAction.READ, obj=meeting, details={"agenda": len(items)})
    return render(
        request,
        "signals/intake/meeting.html",
        {"meeting": meeting, "items": items, "form": form, "rows": form.rows() if form else []},
    )
