# SPDX-License-Identifier: EUPL-1.2
"""The coordinator's retention pages of one incident: the legal hold, and destroying it once retention ended.

Each is its own short page that states the consequences and asks a reason (audited). Only the security
coordinator of the incident's own organisation gets them; everyone else gets 404, whether or not the incident
exists.
"""

from functools import partial

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from weerbaar.accounts.constants import Perm
from weerbaar.audit.selectors import audit_last_change
from weerbaar.core.policy import Actor, access, actor_of, permission
from weerbaar.core.retention import retention_ended
from weerbaar.core.retention_views import retention_destroy_view
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.threats import selectors
from weerbaar.threats.forms import LegalHoldForm
from weerbaar.threats.models import Incident
from weerbaar.threats.retention import (
    POLICY,
    incident_legal_hold_set,
    incident_retention_end,
    incident_retention_entry,
)


def _coordinated_or_404(request: HttpRequest, uuid: str) -> Incident:
    incident = selectors.incident_coordinated_get(actor=actor_of(request), uuid=uuid)
    if incident is None:
        raise Http404
    return incident


def legal_hold_consequences(incident: Incident, *, hold: bool) -> list[str]:
    """What setting (``hold``) or lifting the hold means for this incident, in the reader's words."""
    ends_on = incident_retention_end(incident)
    years = {"years": int(settings.THREATS_RETENTION_YEARS)}
    if ends_on is None and hold:
        lines = [
            _("The incident is still open: its retention of %(years)d years starts when it is closed.") % years,
            _("While the hold lasts, it is not destroyed when that retention ends."),
        ]
    elif ends_on is None:
        lines = [_("The incident is still open: without a hold it is destroyed %(years)d years after closure.") % years]
    elif retention_ended(POLICY, incident):
        date = {"date": ends_on.isoformat()}
        lines = [
            _("Its retention ended on %(date)s. While the hold lasts, the daily run keeps it.") % date
            if hold
            else _("Its retention ended on %(date)s: without the hold, the daily run destroys it at its next run.")
            % date
        ]
    else:
        date = {"date": ends_on.isoformat()}
        lines = [
            _("This incident will not be destroyed on %(date)s, the end of its retention, while the hold lasts.") % date
            if hold
            else _("Without the hold, this incident is destroyed on %(date)s, the end of its retention.") % date
        ]
    lines.append(
        _("The reason is recorded with the hold and in the audit trail; the retention overview shows it.")
        if hold
        else _("The reason for lifting the hold is recorded in the audit trail.")
    )
    return lines


@require_http_methods(["GET", "POST"])
@access(permission(Perm.THREATS_COORDINATE))
def legal_hold_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """Set the hold when there is none, lift it when there is one; a refusal shows the page again."""
    actor = actor_of(request)
    incident = _coordinated_or_404(request, uuid)
    form = LegalHoldForm(request.POST or None, initial={"hold": "uit" if incident.legal_hold else "aan"})
    if request.method == "POST" and form.is_valid():
        hold = form.cleaned_data["hold"]
        try:
            incident_legal_hold_set(actor=actor, incident=incident, hold=hold, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            apply_service_error(form, exc, aliases={"legal_hold_reason": "reason"})
        else:
            messages.success(
                request, _("The legal hold has been set.") if hold else _("The legal hold has been lifted.")
            )
            return redirect("threats:detail", uuid=incident.uuid)
    hold = not incident.legal_hold
    context = {
        "incident": incident,
        "form": form,
        "hold": hold,
        "consequences": legal_hold_consequences(incident, hold=hold),
    }
    return render(request, "threats/legal_hold.html", context, status=400 if form.errors else 200)


def _coordinated(actor: Actor, uuid: str) -> Incident | None:
    return selectors.incident_coordinated_get(actor=actor, uuid=uuid)


destroy_view = retention_destroy_view(
    code=Perm.THREATS_COORDINATE,
    lookup=_coordinated,
    policy=POLICY,
    entry=partial(incident_retention_entry, readable=True),
    detail="threats:detail",
    fallback="threats:list",
)


def incident_retention_context(incident: Incident) -> dict[str, object]:
    """The incident page's retention section for its coordinator: end date, hold (who, when), what may be done."""
    changes = audit_last_change(object_uuids=[incident.uuid], detail="legal_hold") if incident.legal_hold else {}
    entry = incident_retention_entry(incident, readable=True, hold_change=changes)
    ended = entry.ends_on is not None and entry.ends_on <= timezone.localdate()
    return {"retention": entry, "retention_ended": ended, "retention_due": ended and not incident.legal_hold}
