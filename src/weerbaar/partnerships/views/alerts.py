# SPDX-License-Identifier: EUPL-1.2
"""Area alerts: composing one (police, BOA, facilitator) with the SAAR guidance beside it, reading one, and
all of a partnership's alerts page by page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from weerbaar.accounts.constants import Perm
from weerbaar.core.pagination import paginate
from weerbaar.core.policy import actor_of, can
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.partnerships import selectors, services
from weerbaar.partnerships.constants import SAAR_GUIDANCE
from weerbaar.partnerships.forms import AlertFilterForm, AlertForm
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.views._shared import partnership_page
from weerbaar.partnerships.views.pages import OPERATIONAL


@partnership_page(OPERATIONAL, code=Perm.PARTNERSHIPS_ALERT)
def alert_compose_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    actor = actor_of(request)
    form = AlertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            alert = services.alert_send(
                actor=actor,
                partnership=partnership,
                theme=data["theme"],
                text=data["text"],
                location_text=data["location_text"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                guidance=data["guidance"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(request, _("The area alert has been sent to the partners."))
            return redirect("partnerships:alert", uuid=partnership.uuid, alert_uuid=alert.uuid)
    return render(
        request, "partnerships/alert_compose.html", {"partnership": partnership, "form": form, "saar": SAAR_GUIDANCE}
    )


@partnership_page(OPERATIONAL)
def alert_detail_view(request: HttpRequest, partnership: Partnership, alert_uuid: str) -> HttpResponse:
    """One alert. Opening it records that the actor read it (only counted, never listed by name)."""
    actor = actor_of(request)
    alert = selectors.alert_get(actor=actor, partnership=partnership, uuid=alert_uuid)
    if alert is None:
        raise Http404
    services.alert_read_mark(actor=actor, alert=alert)
    return render(
        request,
        "partnerships/alert.html",
        {
            "partnership": partnership,
            "alert": alert,
            "read_total": selectors.alert_read_total(alert=alert),
            "saar": SAAR_GUIDANCE,
            "may_alert": can(actor, Perm.PARTNERSHIPS_ALERT, partnership),
        },
    )


#: Alerts per page of the all-alerts page.
ALERTS_PER_PAGE = 25


@require_GET
@partnership_page(OPERATIONAL)
def alert_list_view(request: HttpRequest, partnership: Partnership) -> HttpResponse:
    """Every alert of the partnership, newest first, page by page, optionally of one theme. Like the latest
    alerts on the partnership's page, it shows operational data and opens no alert (nothing is marked read)."""
    actor = actor_of(request)
    form = AlertFilterForm(request.GET or None)
    theme = form.cleaned_data["theme"] if form.is_valid() else ""
    page = paginate(request, selectors.alert_list(actor=actor, partnership=partnership, theme=theme))
    return render(
        request,
        "partnerships/alerts.html",
        {
            "partnership": partnership,
            "form": form,
            "page": page,
            "theme": theme,
            "saar": SAAR_GUIDANCE,
            "may_alert": can(actor, Perm.PARTNERSHIPS_ALERT, partnership),
        },
    )
