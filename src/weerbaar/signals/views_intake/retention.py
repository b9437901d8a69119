# SPDX-License-Identifier: EUPL-1.2
"""Destroying a signal whose retention has ended, before the daily run: the intake team, with a reason."""

from uuid import UUID

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from weerbaar.accounts.constants import Perm
from weerbaar.audit.selectors import audit_destroyed_by_own_organisation
from weerbaar.core.policy import access, actor_of, can, permission
from weerbaar.core.retention_views import retention_destroy_page, retention_gone_view
from weerbaar.signals.retention import POLICY, signal_retention_entry
from weerbaar.signals.selectors import signal_get


@require_http_methods(["GET", "POST"])
@access(permission(Perm.SIGNALS_INTAKE))
def signal_destroy_view(request: HttpRequest, uuid: str) -> HttpResponse:
    """The confirmation page (GET) and the destruction (POST); a second submit finds it gone and says so."""
    actor = actor_of(request)
    signal = signal_get(actor=actor, uuid=uuid)
    if signal is None:
        if request.method == "POST" and audit_destroyed_by_own_organisation(actor=actor, object_uuid=UUID(str(uuid))):
            return retention_gone_view(request, fallback="signals:list")
        raise Http404
    if not can(actor, Perm.SIGNALS_INTAKE, signal):
        raise Http404
    return retention_destroy_page(
        request,
        policy=POLICY,
        obj=signal,
        entry=signal_retention_entry(signal, readable=True),
        back_url=reverse("signals:detail", args=[signal.uuid]),
        fallback="signals:list",
    )
