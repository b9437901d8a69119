# SPDX-License-Identifier: EUPL-1.2
"""Selecting the locations (/acties/<uuid>/selectie/): risk candidates and a random share, with its seed.

Only the action's planners; the candidates are theirs (their own signals, cases and correlation), and a
hit elsewhere is shown as the kind and the organisation to ask, nothing more.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from weerbaar.accounts.constants import Perm
from weerbaar.actions import selectors, services
from weerbaar.actions.forms import SelectionForm
from weerbaar.actions.views._shared import operation_or_404
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.core.workflow.forms import apply_service_error


@access(permission(Perm.ACTIONS_MANAGE))
@require_http_methods(["GET", "POST"])
def selection_view(request: HttpRequest, uuid: str) -> HttpResponse:
    actor = actor_of(request)
    operation = operation_or_404(request, uuid, code=Perm.ACTIONS_MANAGE)
    candidates = selectors.selection_candidates(actor=actor, operation=operation)
    selection = selectors.current_selection(operation=operation)
    initial = {}
    if selection is not None:
        initial = {"random_share": selection.random_share, "premises": "\n".join(selection.pool)}
    form = SelectionForm(
        request.POST or None, initial=initial, candidates=[(c.key, c.address.line) for c in candidates]
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            drawn = services.selection_draw(
                actor=actor,
                operation=operation,
                chosen=data["chosen"],
                premises=services.premises_parse(data["premises"]),
                random_share=data["random_share"],
                seed=data["seed"],
            )
        except ValidationError as error:
            apply_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(risk)d risk locations and %(random)d drawn at random (seed %(seed)d).")
                % {"risk": drawn.risk_count, "random": drawn.random_count, "seed": drawn.seed},
            )
            return redirect("actions:selection", uuid=operation.uuid)
    return render(
        request,
        "actions/selection.html",
        {
            "operation": operation,
            "form": form,
            "candidates": candidates,
            "selection": selection,
            "locations": selectors.location_list(actor=actor, operation=operation),
        },
    )
