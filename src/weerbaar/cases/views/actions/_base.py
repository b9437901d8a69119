# SPDX-License-Identifier: EUPL-1.2
"""What every case action shares: the object permission and the kit's versioned action on the case page."""

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django_stubs_ext import StrOrPromise

from weerbaar.cases.forms import VersionedForm
from weerbaar.cases.models import Case
from weerbaar.cases.views._shared import NOT_YOURS_MESSAGE, STALE_MESSAGE
from weerbaar.cases.views.detail import ACTIONS, render_action, render_detail, require_object
from weerbaar.core.policy import Actor
from weerbaar.core.workflow.views import ActionPage, versioned_action

#: The case page the actions live on; a member without the right for one action is refused there (403).
PAGE = ActionPage(render=render_detail, url_name="cases:detail", stale=STALE_MESSAGE, denied=NOT_YOURS_MESSAGE)

FormMaker = Callable[[QueryDict], VersionedForm]


def _page_of(key: str) -> ActionPage:
    if key not in ACTIONS:
        return PAGE

    def render_page(
        request: HttpRequest, case: Case, *, bound: dict[str, Any] | None = None, status: int = 200
    ) -> HttpResponse:
        return render_action(request, case, key=key, bound=bound, status=status)

    return ActionPage(render=render_page, url_name=PAGE.url_name, stale=PAGE.stale, denied=PAGE.denied)


Apply = Callable[[Actor, Case, dict[str, Any]], None]


def act(
    request: HttpRequest,
    case: Case,
    *,
    code: str,
    key: str,
    make_form: FormMaker,
    apply: Apply,
    done: StrOrPromise,
) -> HttpResponse:
    """Object permission (404 without it), then form, version check, service, redirect. ``key`` names the
    form on the page. A case-wide action with its own page shows it on GET, and again after a failed POST."""
    actor = require_object(request, code, case)
    if request.method == "GET":
        if key not in ACTIONS:
            raise Http404
        return render_action(request, case, key=key)
    return versioned_action(
        request,
        case,
        page=_page_of(key),
        key=key,
        make_form=make_form,
        apply=lambda data: apply(actor, case, data),
        done=done,
    )


def action_key(prefix: str, uuid: object, suffix: str = "") -> str:
    """The page key (and id prefix) of a form that exists once per row (item, step, membership)."""
    return f"{prefix}_{uuid}{'_' + suffix if suffix else ''}".replace("-", "")
