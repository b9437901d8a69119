# SPDX-License-Identifier: EUPL-1.2
"""The map services a page may name to the browser, from the settings (an empty URL means offline)."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def map_services() -> dict[str, str]:
    return {
        "tiles_url": settings.PDOK_TILES_URL,
        "search_url": settings.PDOK_LOCATIESERVER_URL,
    }
