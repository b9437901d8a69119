# SPDX-License-Identifier: EUPL-1.2
"""Corrections on a finding: its author corrects it (the page then says it was corrected); its author or a
planner deletes a photo uploaded by mistake. 404 for anyone else."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.actions import selectors, services
from weerbaar.actions.edit_forms import FindingCorrectionForm
from weerbaar.actions.views._shared import finding_or_404, operation_or_404
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.core.workflow.forms import apply_service_error

VIEW = permission(Perm.ACTIONS_VIEW)
CHECK = permission(Perm.ACTIONS_CHECK)


@access(CHECK)
@require_http_methods(["GET", "POST"])
def finding_correct_view(request: HttpRequest, uuid: str, finding_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_CHECK)
    finding = finding_or_404(request, operation, finding_uuid)
    if not services.may_correct(actor, finding):
        raise Http404
    form = FindingCorrectionForm(
        request.POST or None,
        initial={
            "checked": finding.checked,
            "compliant": "ja" if finding.compliant else "nee",
            "legal_ground": finding.legal_ground,
            "severity": finding.severity,
            "sanction": finding.sanction,
            "notes": finding.notes,
        },
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.finding_correct(actor=actor, finding=finding, **form.cleaned_data)
            except ValidationError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The finding has been corrected."))
                return redirect("actions:finding", uuid=operation.uuid, finding_uuid=finding.uuid)
    context = {"operation": operation, "finding": finding, "form": form}
    return render(request, "actions/finding_correct.html", context, status=status)


@access(VIEW)
@require_POST
def photo_delete_view(request: HttpRequest, uuid: str, photo_uuid: str) -> HttpResponse:
    actor = actor_of(request)
    operation = operation_or_404(request, uuid)
    finding = selectors.finding_list(actor=actor, operation=operation).filter(photos__uuid=photo_uuid).first()
    if finding is None or not services.may_delete_photo(actor, finding):
        raise Http404
    services.finding_photo_delete(actor=actor, photo=finding.photos.get(uuid=photo_uuid))
    messages.success(request, _("The photo has been deleted."))
    return redirect("actions:finding", uuid=operation.uuid, finding_uuid=finding.uuid)
