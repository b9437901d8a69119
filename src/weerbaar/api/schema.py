# SPDX-License-Identifier: EUPL-1.2
"""OpenAPI generation tuned to the NL API Design Rules."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
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
    "required": ["title", "status"],
}

API_VERSION_HEADER = {
    "API-Version": {
        "description": "The full version of this API (semantic versioning).",
        "schema": {"type": "string", "example": "1.0.0"},
    }
}


class WeerbaarAutoSchema(AutoSchema):
    pass


def nl_api_postprocessing_hook(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    components.setdefault("headers", {}).update({"API-Version": API_VERSION_HEADER["API-Version"]})
    problem_ref = {"$ref": "#/components/schemas/Problem"}
    for _path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, response in responses.items():
                if str(code).startswith("2"):
                    response.setdefault("headers", {})["API-Version"] = {"$ref": "#/components/headers/API-Version"}
            for code, description in (
                ("400", "Ongeldige invoer"),
                ("401", "Niet geauthenticeerd"),
                ("404", "Niet gevonden"),
                ("429", "Te veel verzoeken"),
            ):
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "headers": {"API-Version": {"$ref": "#/components/headers/API-Version"}},
                        "content": {"application/problem+json": {"schema": problem_ref}},
                    },
                )
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
