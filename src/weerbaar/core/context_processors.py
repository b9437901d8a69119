# SPDX-License-Identifier: EUPL-1.2
"""What the page shell (header, navigation) needs on every page."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from weerbaar.core.navigation import NavItem, nav_items
from weerbaar.core.policy import Actor, can


def _badge(request: HttpRequest, item: NavItem, actor: Actor) -> Callable[[], int] | None:
    """The item's count, for the template to call: only a page that renders the menu pays for it, once."""
    counter = item.badge
    if counter is None or request.__dict__.get("without_badges", False):
        return None

    def count() -> int:
        counts: dict[str, int] = request.__dict__.setdefault("_nav_badges", {})
        if item.url_name not in counts:
            counts[item.url_name] = counter(actor)
        return counts[item.url_name]

    return count


def shell(request: HttpRequest) -> dict[str, Any]:
    actor = getattr(request, "actor", None)
    if actor is None or not actor.is_authenticated:
        return {"nav_items": [], "actor": None}
    items = []
    for item in nav_items():
        if item.permission is None or can(actor, item.permission):
            url = reverse(item.url_name)
            items.append({"label": item.label, "url": url, "current": False, "badge": _badge(request, item, actor)})

    # The current section is the item whose URL is the longest prefix of this page (only one is current).
    def section(item: dict[str, Any]) -> str:
        return str(item["url"])

    matches = [
        i for i in items if request.path == section(i) or (section(i) != "/" and request.path.startswith(section(i)))
    ]
    if matches:
        max(matches, key=lambda i: len(section(i)))["current"] = True
    return {"nav_items": items, "actor": actor}
