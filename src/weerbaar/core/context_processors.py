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
            items.append({"label": item.label, "url": reverse(item.url_name), "current": False})

    # The current section is the item whose URL is the longest prefix of this page (only one is current).
    def section(item: dict[str, Any]) -> str:
        return str(item["url"])

    matches = [
        i for i in items if request.path == section(i) or (section(i) != "/" and request.path.startswith(section(i)))
    ]
    if matches:
        max(matches, key=lambda i: len(section(i)))["current"] = True
    return {"nav_items": items, "actor": actor}
