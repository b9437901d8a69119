# SPDX-License-Identifier: EUPL-1.2
"""What every case action shares: the object permission and the kit's versioned action, on the action's own
page (GET shows it, a failed POST shows it again) or, for a one-click action, on the case page."""

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

#: The case page the one-click actions live on; a member without the right for one is refused there (403).
PAGE = ActionPage(render=render_detail, url_name="cases:detail", stale=STALE_MESSAGE, denied=NOT_YOURS_MESSAGE)

Render = Callable[..., HttpResponse]


def own_page(render_page: Render) -> ActionPage:
    """An action on one row of the case page with a page of its own: ``render_page(request, case, *, bound=None,
    status=200)`` shows it; success still returns to the case page."""
    return ActionPage(render=render_page, url_name=PAGE.url_name, stale=PAGE.stale, denied=PAGE.denied)


FormMaker = Callable[[QueryDict], VersionedForm]


def _page_of(key: str) -> ActionPage:
    if key not in ACTIONS:
        return PAGE

    def render_page(
        request: HttpRequest, case: Case, *, bound: dict[str, Any] | None = None, status: int = 200
    ) -> HttpResponse:
        return render_action(request, case, key=key, bound=bound, status=status)

    return own_page(render_page)


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
    page: ActionPage | None = None,
) -> HttpResponse:
    """Object permission (404 without it), then form, version check, service, redirect. ``key`` names the
    form on the page. An action with its own page (a case-wide one in ``ACTIONS``, or a row's ``page``) shows
    it on GET, and again after a failed POST; a one-click action has no page of its own to GET."""
    actor = require_object(request, code, case)
    page = page or _page_of(key)
    if request.method == "GET":
        if page is PAGE:
            raise Http404
        return page.render(request, case)
    return versioned_action(
        request,
        case,
        page=page,
        key=key,
        make_form=make_form,
        apply=lambda data: apply(actor, case, data),
        done=done,
    )


def action_key(prefix: str, uuid: object, suffix: str = "") -> str:
    """The page key (and id prefix) of a form that exists once per row (item, step, membership)."""
    return f"{prefix}_{uuid}{'_' + suffix if suffix else ''}".replace("-", "")
