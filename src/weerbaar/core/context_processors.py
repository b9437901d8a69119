# SPDX-License-Identifier: EUPL-1.2
"""What the page shell (header, navigation) needs on every page."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import can

# (label, url name, permission code or None for every logged-in actor)
NAVIGATION: list[tuple[Any, str, str | None]] = [
    (_("Start"), "core:start", None),
    (_("Organisations"), "organisations:list", Perm.ORGANISATIONS_VIEW),
    (_("User management"), "accounts:user_list", Perm.USERS_MANAGE),
    (_("Audit trail"), "audit:list", Perm.AUDIT_VIEW),
    (_("My profile"), "accounts:profile", None),
]


def shell(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    if actor is None or not actor.is_authenticated:
        return {"nav_items": [], "actor": None}
    items = []
    for label, url_name, code in NAVIGATION:
        if code is None or can(actor, code):
            url = reverse(url_name)
            items.append({"label": label, "url": url, "current": request.path == url})
    return {"nav_items": items, "actor": actor}
