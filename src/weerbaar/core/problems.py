# SPDX-License-Identifier: EUPL-1.2
"""RFC 9457 problem details (``application/problem+json``), as the NL API Design Rules require."""

from typing import Any

from django.http import JsonResponse

from weerbaar.core.context import request_id_var

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem_body(
    *, status: int, title: str, detail: str = "", invalid_params: list[dict[str, str]] | None = None, code: str = ""
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"https://weerbaar.example.org/problemen/{code or status}",
        "title": str(title),
        "status": status,
    }
    if detail:
        body["detail"] = str(detail)
    if code:
        body["code"] = code
    request_id = request_id_var.get()
    if request_id:
        body["instance"] = f"urn:uuid:{request_id}" if len(request_id) == 36 else request_id
    if invalid_params:
        body["invalidParams"] = invalid_params
    return body


def problem_response(**kwargs: Any) -> JsonResponse:
    return JsonResponse(problem_body(**kwargs), status=kwargs["status"], content_type=PROBLEM_CONTENT_TYPE)
