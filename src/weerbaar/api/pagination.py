# SPDX-License-Identifier: EUPL-1.2
import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

#: ASCII digits only: ``str.isdigit`` also accepts "²" and other digits ``int`` cannot read.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=2&pageSize=50``. An invalid page number is a 400 with invalidParams, not a silent default;
    a page past the last one is a 404."""

    page_size = 20
    page_size_query_param = "pageSize"
    max_page_size = 100
    #: The highest page number accepted; far beyond any collection, and an integer in every client.
    max_page = 999_999_999

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not _WHOLE_NUMBER.fullmatch(raw) or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({"pageSize": [_("Must be a whole number from 1 to 100.")]})
        return int(raw)

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> Any:
        raw = request.query_params.get(self.page_query_param)
        if raw is not None and (not _WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1):
            raise ValidationError({"page": [_("Must be a whole number of 1 or more.")]})
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Het paginanummer, vanaf 1. Een pagina voorbij de laatste geeft 404.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page, "default": 1},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Het aantal resultaten per pagina, hooguit {self.max_page_size}.",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size, "default": self.page_size},
            },
        ]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "minimum": 0, "description": "Het aantal resultaten in totaal."},
                "next": {**link, "description": "De volgende pagina; `null` op de laatste."},
                "previous": {**link, "description": "De vorige pagina; `null` op de eerste."},
                "results": schema,
            },
        }
