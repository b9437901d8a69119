# SPDX-License-Identifier: EUPL-1.2
"""Downloads of a joint action's documents (``actions.documents``): the briefing pack and the debrief report
for its members, the public summary for its planners. Each one is audited as an export by the module that
makes it; outside scope everything is a 404."""

import io
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from weerbaar.accounts.constants import Perm
from weerbaar.actions import documents
from weerbaar.actions.models import Operation
from weerbaar.actions.views._shared import operation_or_404
from weerbaar.core.policy import Actor, access, actor_of, permission


def _download(
    request: HttpRequest, uuid: str, make: Callable[..., bytes], name: str, code: str = Perm.ACTIONS_VIEW
) -> FileResponse:
    operation: Operation = operation_or_404(request, uuid, code=code)
    actor: Actor = actor_of(request)
    try:
        content = make(actor=actor, operation=operation)
    except PermissionDenied as exc:
        raise Http404 from exc
    response = FileResponse(
        io.BytesIO(content), as_attachment=True, filename=f"actie-{name}.pdf", content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@access(permission(Perm.ACTIONS_VIEW))
@require_GET
def briefing_pdf_view(request: HttpRequest, uuid: str) -> FileResponse:
    return _download(request, uuid, documents.briefing_pack_pdf, "briefing")


@access(permission(Perm.ACTIONS_VIEW))
@require_GET
def debrief_pdf_view(request: HttpRequest, uuid: str) -> FileResponse:
    return _download(request, uuid, documents.debrief_report_pdf, "debriefing")


@access(permission(Perm.ACTIONS_MANAGE))
@require_GET
def public_pdf_view(request: HttpRequest, uuid: str) -> FileResponse:
    return _download(request, uuid, documents.public_summary_pdf, "publieksversie", code=Perm.ACTIONS_MANAGE)
