# SPDX-License-Identifier: EUPL-1.2
"""Action items agreed in meetings, completed on the case page by their owner."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weerbaar.accounts.constants import Perm
from weerbaar.cases import services
from weerbaar.cases.forms import ActionItemDoneForm
from weerbaar.cases.models import Case
from weerbaar.cases.selectors import action_items_of_case
from weerbaar.cases.views._shared import case_or_404
from weerbaar.cases.views.actions._base import act, action_key
from weerbaar.core.policy import Actor, access, actor_of, permission


@require_POST
@access(permission(Perm.CASES_VIEW))
def case_action_done_view(request: HttpRequest, uuid: str, action_uuid: str) -> HttpResponse:
    case = case_or_404(request, uuid)
    action = action_items_of_case(actor=actor_of(request), case=case).filter(uuid=action_uuid).first()
    if action is None:
        raise Http404

    def apply(actor: Actor, case: Case, data: dict[str, Any]) -> None:
        services.action_item_complete(actor=actor, action=action)

    key = action_key("actiondone", action.uuid)
    return act(
        request,
        case,
        code=Perm.CASES_VIEW,
        key=key,
        make_form=lambda data: ActionItemDoneForm(data, id_prefix=key),
        apply=apply,
        done=_("The action item has been completed."),
    )
