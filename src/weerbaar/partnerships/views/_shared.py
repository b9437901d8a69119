# SPDX-License-Identifier: EUPL-1.2
"""How a page of area A declares what it shows, and gets its partnership.

``partnership_page(shown, code=...)`` is the one way a view about a partnership starts: it declares the
view's access rule (the permission code) and the class of data the page shows, finds the partnership
among the actor's and asks the policy whether the actor's ceiling reaches that class there. Anything
else is the same 404, whether the partnership exists or not. A page without a partnership declares its
class with ``shows(...)``; a test walks every route of the app and fails on one that declares nothing.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponseBase

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import access, actor_of, can, permission
from weerbaar.partnerships import selectors
from weerbaar.partnerships.models import Partnership
from weerbaar.partnerships.permissions import Shown, Shows

View = Callable[..., HttpResponseBase]
#: Codes decided on the partnership itself; ``partnerships.directory`` is decided on the participant.
PARTNERSHIP_CODES = frozenset({Perm.PARTNERSHIPS_MANAGE, Perm.PARTNERSHIPS_ALERT})


def shows[F: Callable[..., Any]](shown: Shown) -> Callable[[F], F]:
    """Declare the class of data a view shows (read by the tests and by ``partnership_page``)."""

    def decorator(view: F) -> F:
        view.shown = shown  # type: ignore[attr-defined]
        return view

    return decorator


def partnership_page(shown: Shown, *, code: str = Perm.PARTNERSHIPS_VIEW) -> Callable[[View], View]:
    """A view of one partnership (URL argument ``uuid``), called as ``view(request, partnership, **rest)``."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, uuid: str, **kwargs: Any) -> HttpResponseBase:
            actor = actor_of(request)
            partnership = selectors.partnership_get(actor=actor, uuid=uuid)
            if partnership is None or not can(actor, Perm.PARTNERSHIPS_VIEW, Shows(partnership, shown)):
                raise Http404
            if code in PARTNERSHIP_CODES and not can(actor, code, partnership):
                raise Http404
            return view(request, partnership, **kwargs)

        return access(permission(code))(shows(shown)(wrapped))

    return decorator


def partnership_for_page(partnership: Partnership) -> Partnership:
    """The partnership again with what the pages show of it (lead organisation, municipalities)."""
    return (
        Partnership.objects.select_related("lead_organisation", "chair", "project_leader", "facilitator")
        .prefetch_related("municipalities")
        .get(pk=partnership.pk)
    )
