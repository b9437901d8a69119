# SPDX-License-Identifier: EUPL-1.2
"""OpenAPI generation tuned to the NL API Design Rules, and the document as the contract of the API.

The document says exactly what the API takes and gives:

- a request body is an object with the properties its serializer declares and no others
  (``additionalProperties: false``): every request serializer derives from
  :class:`weerbaar.api.fields.StrictSerializer`, which refuses the rest, and reads date-times with
  :class:`weerbaar.api.fields.DateTimeField` (RFC 3339, offset required); anything else is a warning, so
  ``make openapi`` (``--fail-on-warn``) fails;
- every field of a response is present (``required``), ``null`` only where the field allows it;
- the query parameters of an operation are the ones it lists: :mod:`weerbaar.api.strictness` refuses any
  other, reading the list from the operations recorded here (:func:`declared_query_parameters`);
- every response carries the ``API-Version`` header; errors are problem+json, including the refusals
  every operation can give (400, 401, 404, 406, 429) and those of a request body (413, 415).
"""

import threading
from decimal import Decimal
from typing import Any

from drf_spectacular.drainage import warn
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import force_instance
from rest_framework import serializers

from weerbaar.api.fields import DateTimeField, UniqueListField, is_strict

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "code": {"type": "string"},
        "invalidParams": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "code": {"type": "string"}, "reason": {"type": "string"}},
                "required": ["name", "code", "reason"],
            },
        },
    },
    "required": ["type", "title", "status"],
}

API_VERSION_HEADER = {
    "API-Version": {
        "description": "The full version of this API (semantic versioning).",
        "required": True,
        "schema": {"type": "string", "example": "1.0.0"},
    }
}

#: Refusals any operation can give, and those of an operation with a request body.
_PROBLEMS_ALWAYS = (
    ("400", "Ongeldige invoer"),
    ("401", "Niet geauthenticeerd"),
    ("404", "Niet gevonden"),
    ("406", "Alleen JSON kan worden geleverd"),
    ("429", "Te veel verzoeken"),
)
_PROBLEMS_WITH_BODY = (
    ("413", "Verzoek te groot"),
    ("415", "Alleen application/json wordt aangenomen"),
)

#: (view class, viewset action, method) -> the names of the query parameters the operation declares.
_query_parameters: dict[tuple[type, str | None, str], frozenset[str]] = {}
_recorded = threading.Event()
_recording = threading.Lock()


class WeerbaarAutoSchema(AutoSchema):
    def get_operation(
        self, path: str, path_regex: str, path_prefix: str, method: str, registry: Any
    ) -> dict[str, Any] | None:
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is not None:
            key = (type(self.view), getattr(self.view, "action", None), method.upper())
            names = frozenset(p["name"] for p in operation.get("parameters", []) if p.get("in") == "query")
            # One view class can serve several routes (as_view(kind=...)): their parameters add up.
            _query_parameters[key] = _query_parameters.get(key, frozenset()) | names
        return operation

    def _map_serializer(self, serializer: Any, direction: str, bypass_extensions: bool = False) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_serializer(serializer, direction, bypass_extensions)  # type: ignore[no-untyped-call]
        if schema.get("type") != "object":
            return schema
        serializer = force_instance(serializer)  # type: ignore[no-untyped-call]
        if direction == "request" and not serializer.read_only:  # a read-only one never reads a body
            if is_strict(serializer):
                schema["additionalProperties"] = False
            else:
                warn(
                    f"{type(serializer).__name__} takes a request body but accepts fields it does not know; "
                    "derive it from weerbaar.api.fields.StrictSerializer."
                )
            for field in serializer._writable_fields:  # noqa: SLF001 - DRF's own list of the fields it reads
                if isinstance(field, serializers.DateTimeField) and not isinstance(field, DateTimeField):
                    warn(
                        f"{type(serializer).__name__}.{field.field_name} reads a date-time without requiring "
                        "an offset; use weerbaar.api.fields.DateTimeField."
                    )
        elif direction == "response" and schema.get("properties"):
            # A serializer writes every readable field, also one that is empty or null.
            schema["required"] = sorted(schema["properties"])
        return schema

    def _insert_field_validators(self, field: Any, schema: dict[str, Any]) -> None:
        # Bounds drf-spectacular leaves out: an empty or too long list of nested objects, a list of distinct
        # values, the decimal places of a decimal.
        super()._insert_field_validators(field, schema)  # type: ignore[no-untyped-call]
        kind = schema.get("type")
        if kind == "array":
            if getattr(field, "allow_empty", True) is False:
                schema["minItems"] = max(schema.get("minItems", 0), 1)
            if isinstance(field, serializers.ListSerializer):
                min_length, max_length = getattr(field, "min_length", None), getattr(field, "max_length", None)
                if min_length is not None:
                    schema["minItems"] = max(schema.get("minItems", 0), min_length)
                if max_length is not None:
                    schema["maxItems"] = max_length
            if isinstance(field, UniqueListField):
                schema["uniqueItems"] = True
        elif kind == "number" and isinstance(field, serializers.DecimalField) and field.decimal_places is not None:
            schema["multipleOf"] = float(Decimal(1).scaleb(-field.decimal_places))


def declared_query_parameters(view: Any, method: str) -> frozenset[str]:
    """The query parameters the OpenAPI document declares for ``view``'s operation ``method``.

    The operations are recorded while the document is generated; the first call in a process generates it
    once (about a second) when nothing has recorded them yet. An operation the document does not describe
    declares none.
    """
    if not _recorded.is_set():
        with _recording:
            if not _recorded.is_set():
                from drf_spectacular.generators import SchemaGenerator

                SchemaGenerator().get_schema(request=None, public=True)  # type: ignore[no-untyped-call]
                _recorded.set()
    method = method.upper()
    key = (type(view), getattr(view, "action", None), "GET" if method == "HEAD" else method)
    return _query_parameters.get(key, frozenset())


def nl_api_postprocessing_hook(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    components.setdefault("headers", {}).update({"API-Version": API_VERSION_HEADER["API-Version"]})
    version_header = {"$ref": "#/components/headers/API-Version"}
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for _path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            refusals = _PROBLEMS_ALWAYS + (_PROBLEMS_WITH_BODY if "requestBody" in operation else ())
            for code, description in refusals:
                responses.setdefault(code, {"description": description, "content": problem})
            for response in responses.values():
                response.setdefault("headers", {})["API-Version"] = version_header
    return result


class BearerTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "weerbaar.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "Token from `manage.py issue_api_token`."}


class VerifiedSessionScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "weerbaar.api.authentication.VerifiedSessionAuthentication"
    name = "sessionAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "__Host-weerbaar-session"}
