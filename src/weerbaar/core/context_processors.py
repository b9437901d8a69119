# SPDX-License-Identifier: EUPL-1.2
"""What the page shell (header, navigation) needs on every page."""

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from weerbaar.core.navigation import nav_items
from weerbaar.core.policy import can


def shell(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    if actor is None or not actor.is_authenticated:
        return {"nav_items": [], "actor": None}
    items = []
    for item in nav_items():
        if item.permission is None or can(actor, item.permission):
            url = reverse(item.url_name)
            current = request.path == url or (url != "/" and request.path.startswith(url))
            items.append({"label": item.label, "url": url, "current": current})
    return {"nav_items": items, "actor": actor}
