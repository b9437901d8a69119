# SPDX-License-Identifier: EUPL-1.2
"""The drug-waste evidence pack: a purpose is asked first, then the ZIP is built and the export audited."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import access, actor_of, can, permission
from weerbaar.core.workflow.forms import apply_service_error
from weerbaar.signals.constants import Phenomenon
from weerbaar.signals.evidence import evidence_pack_export
from weerbaar.signals.forms_intake import EvidencePackForm
from weerbaar.signals.views_intake.detail import signal_or_404


@require_http_methods(["GET", "POST"])
@access(permission(Perm.SIGNALS_EXPORT))
def signal_evidence_view(request: HttpRequest, uuid: str) -> HttpResponse:
    signal = signal_or_404(request, uuid)
    actor = actor_of(request)
    if signal.phenomenon != Phenomenon.DRUGSAFVALDUMPING or not can(actor, Perm.SIGNALS_EXPORT, signal):
        raise Http404
    form = EvidencePackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            pack = evidence_pack_export(actor=actor, signal=signal, purpose=form.cleaned_data["purpose"])
        except ValidationError as exc:
            apply_service_error(form, exc)
        else:
            response = HttpResponse(pack.content, content_type="application/zip")
            response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
            response["Cache-Control"] = "private, no-store"
            return response
    return render(request, "signals/intake/evidence.html", {"signal": signal, "form": form})
