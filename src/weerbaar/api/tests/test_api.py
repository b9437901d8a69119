# SPDX-License-Identifier: EUPL-1.2
"""NL API Design Rules: problem+json, camelCase, UUIDs, no trailing slash, API-Version, bearer tokens."""

import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from weerbaar.accounts.constants import Role
from weerbaar.api.models import ApiToken
from weerbaar.api.services import api_token_issue
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def token_client(geography: None, make_org: Any, make_user: Any) -> tuple[Client, Any]:
    org = make_org("Gemeente Api")
    user = make_user(organisation=org, role=Role.MELDPUNT, username="api.user")
    _token, raw = api_token_issue(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"}), user


def test_openapi_is_public_and_versioned() -> None:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert response["API-Version"] == "1.0.0"
    paths = set(document["paths"])
    assert {"/organisaties", "/organisaties/{uuid}", "/gebruikersprofiel", "/gemeenten"} <= paths
    assert not any(p.endswith("/") for p in paths)


def test_openapi_is_built_once_and_again_when_the_settings_change(settings: Any, monkeypatch: Any) -> None:
    from weerbaar.api.views import OpenApiView

    built: list[int] = []

    class CountingGenerator(OpenApiView.generator_class):  # type: ignore[misc,name-defined]
        def get_schema(self, *args: Any, **kwargs: Any) -> Any:
            built.append(1)
            return super().get_schema(*args, **kwargs)

    monkeypatch.setattr(OpenApiView, "generator_class", CountingGenerator)
    settings.API_DOCUMENT_PROBE = 1  # any changed setting forgets what was built before
    first = Client().get("/api/v1/openapi.json")
    again = Client().get("/api/v1/openapi.json")
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    assert len(built) == 1
    settings.API_DOCUMENT_PROBE = 2
    assert Client().get("/api/v1/openapi.json").content == first.content
    assert len(built) == 2


def test_profile_in_camel_case(token_client: tuple[Client, Any]) -> None:
    client, user = token_client
    response = client.get("/api/v1/gebruikersprofiel")
    assert response.status_code == 200
    body = response.json()
    assert body["uuid"] == str(user.uuid)
    assert body["gebruikersnaam"] == "api.user"
    assert body["rollen"][0]["rol"] == Role.MELDPUNT
    assert "actieveOrganisatie" in body and "geldigVanaf" in body["rollen"][0]
    assert response["API-Version"] == "1.0.0"


def test_organisations_list_and_detail(token_client: tuple[Client, Any]) -> None:
    client, user = token_client
    listing = client.get("/api/v1/organisaties")
    assert listing.status_code == 200
    results = listing.json()["results"]
    assert any(r["uuid"] == str(user.home_organisation.uuid) for r in results)
    assert "id" not in results[0]
    detail = client.get(f"/api/v1/organisaties/{user.home_organisation.uuid}")
    assert detail.json()["naam"] == "Gemeente Api"


def test_trailing_slash_is_404_problem(token_client: tuple[Client, Any]) -> None:
    client, _user = token_client
    response = client.get("/api/v1/organisaties/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_invalid_query_parameters_are_400_with_invalid_params(token_client: tuple[Client, Any]) -> None:
    client, _user = token_client
    for query, name in (
        ("pageSize=0", "pageSize"),
        ("pageSize=abc", "pageSize"),
        ("page=-1", "page"),
        ("type=bestaatniet", "type"),
    ):
        response = client.get(f"/api/v1/organisaties?{query}")
        assert response.status_code == 400, query
        assert response["Content-Type"] == "application/problem+json"
        body = response.json()
        assert body["invalidParams"][0]["name"] == name
        assert body["invalidParams"][0]["reason"]


def test_unknown_uuid_and_malformed_ids_are_404(token_client: tuple[Client, Any]) -> None:
    client, _user = token_client
    assert client.get("/api/v1/organisaties/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get("/api/v1/organisaties/12").status_code == 404
    assert client.get("/api/v1/gemeenten/GM9999").status_code == 404


def test_write_methods_are_refused_with_problem(token_client: tuple[Client, Any]) -> None:
    client, _user = token_client
    response = client.post("/api/v1/organisaties", data="{not json", content_type="application/json")
    assert response.status_code in (400, 405)
    assert response["Content-Type"] == "application/problem+json"


def test_bad_tokens_are_401(geography: None) -> None:
    for header in ("Bearer", "Bearer wbr_nonsense", "Bearer a b"):
        response = Client(headers={"Authorization": header}).get("/api/v1/gebruikersprofiel")
        assert response.status_code == 401, header
        assert response["Content-Type"] == "application/problem+json"


def test_revoked_and_deactivated_tokens_stop_working(token_client: tuple[Client, Any]) -> None:
    client, user = token_client
    assert client.get("/api/v1/gebruikersprofiel").status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get("/api/v1/gebruikersprofiel").status_code == 401


def test_issue_api_token_command(make_org: Any, make_user: Any) -> None:
    user = make_user(organisation=make_org(), role=Role.AUDITOR, username="cli.user")
    out = StringIO()
    call_command("issue_api_token", user="cli.user", stdout=out)
    raw = out.getvalue().strip()
    assert raw.startswith("wbr_")
    stored = ApiToken.objects.get(user=user)
    assert raw not in (stored.digest, stored.prefix)  # only a digest is stored
    assert AuditEvent.objects.filter(action=AuditAction.TOKEN_ISSUED).exists()
    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/v1/gebruikersprofiel")
    assert response.status_code == 200
    with pytest.raises(CommandError):
        call_command("issue_api_token", user="bestaat-niet", stdout=StringIO())


def test_security_headers_on_api(token_client: tuple[Client, Any]) -> None:
    client, _user = token_client
    response = client.get("/api/v1/gebruikersprofiel")
    for header in ("X-Content-Type-Options", "Content-Security-Policy", "Referrer-Policy", "X-Request-ID"):
        assert header in response, header
    assert response["Cache-Control"] == "no-store"
    json.loads(response.content)
