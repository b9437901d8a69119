# SPDX-License-Identifier: EUPL-1.2
"""``Idempotency-Key`` as the OpenAPI document describes it, for every operation that takes one.

A submission that may be retried (a signal, a finding of an action day) takes a key: a retry with the same
key and the same content answers the first result with ``Idempotent-Replayed: true``; the same key with
other content is refused with 422 (code ``idempotency-key-hergebruikt``). How each app keeps its keys is its
own (`weerbaar.signals.idempotency`); what a client reads in the document is the same everywhere, and
written here once.
"""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from weerbaar.core.problems import PROBLEM_CONTENT_TYPE

IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
#: What a key may hold: printable ASCII, not blank (`weerbaar.signals.idempotency.key_problem`).
KEY_PATTERN = "^[ -~]*[!-~][ -~]*$"

REPLAYED_PARAMETER = OpenApiParameter(
    REPLAYED_HEADER,
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    enum=["true"],
    response=[201],
    description="`true` wanneer dit antwoord een herhaling is van een eerder verwerkt verzoek.",
)
KEY_REUSED_RESPONSE: dict[Any, OpenApiResponse] = {
    (422, PROBLEM_CONTENT_TYPE): OpenApiResponse(
        response={"$ref": "#/components/schemas/Problem"},
        description="Idempotency-Key eerder gebruikt met een andere inhoud (code `idempotency-key-hergebruikt`).",
    )
}


def key_parameter(max_length: int, description: str) -> OpenApiParameter:
    """The ``Idempotency-Key`` request header: at most ``max_length`` printable characters."""
    return OpenApiParameter(
        IDEMPOTENCY_HEADER,
        {"type": "string", "minLength": 1, "maxLength": max_length, "pattern": KEY_PATTERN},
        OpenApiParameter.HEADER,
        required=False,
        description=description,
    )


def location_parameter(description: str) -> OpenApiParameter:
    """The ``Location`` header of a 201 answer."""
    return OpenApiParameter(
        "Location", OpenApiTypes.STR, OpenApiParameter.HEADER, response=[201], description=description
    )
