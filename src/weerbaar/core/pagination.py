# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest


def paginate(request: HttpRequest, items: Any, *, per_page: int = 25) -> Page[Any]:
    """The requested page; an out-of-range or malformed page number gives the nearest valid page."""
    return Paginator(items, per_page).get_page(request.GET.get("pagina"))
