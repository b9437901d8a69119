# SPDX-License-Identifier: EUPL-1.2
"""DRF errors as ``application/problem+json`` with ``invalidParams`` (NL API Design Rules)."""

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from weerbaar.api.parsers import InvalidTextError, NestedTooDeeplyError, RequestTooLarge
from weerbaar.core.problems import PROBLEM_CONTENT_TYPE, problem_body

_TITLES = {
    400: "Ongeldige invoer.",
    401: "Niet geauthenticeerd.",
    403: "Geen toegang.",
    404: "Niet gevonden.",
    405: "Methode niet toegestaan.",
    406: "Niet aanvaardbaar.",
    413: "Verzoek te groot.",
    415: "Mediatype niet ondersteund.",
    429: "Te veel verzoeken.",
}


def _flatten(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    params: list[dict[str, str]] = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if key == "non_field_errors":
                name = prefix or "nonFieldErrors"
            params.extend(_flatten(value, name))
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            if isinstance(value, (dict, list)):
                params.extend(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
            else:
                params.extend(_flatten(value, prefix))
    else:
        code = getattr(detail, "code", "invalid") or "invalid"
        params.append({"name": prefix or "body", "code": str(code), "reason": str(detail)})
    return params


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    status_code = response.status_code
    title = _TITLES.get(status_code, _("Error."))
    if isinstance(exc, exceptions.ValidationError):
        body = problem_body(
            status=400,
            title=title,
            detail=_("One or more parameters are invalid."),
            invalid_params=_flatten(exc.detail),
            code="ongeldige-invoer",
        )
        status_code = status.HTTP_400_BAD_REQUEST
    elif isinstance(exc, NestedTooDeeplyError | InvalidTextError):
        body = problem_body(status=400, title=title, detail=str(exc.detail), code=exc.default_code)
    elif isinstance(exc, exceptions.ParseError):
        # DRF's own message quotes the parser's error, which can quote the body: never echoed.
        body = problem_body(
            status=400, title=title, detail=_("The request body is not valid JSON."), code="ongeldige-json"
        )
    else:
        detail = getattr(exc, "detail", "")
        body = problem_body(
            status=status_code,
            title=title,
            detail=str(detail) if isinstance(detail, str) else "",
            code=getattr(exc, "default_code", ""),
        )
    problem = Response(body, status=status_code, headers=dict(response.items()))
    problem.content_type = PROBLEM_CONTENT_TYPE
    return problem
