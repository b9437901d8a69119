# SPDX-License-Identifier: EUPL-1.2
"""Hostile JSON bodies are a 400 or 413 problem on every API route, never a 500 or an echo."""

from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from weerbaar.accounts.constants import Role
from weerbaar.api.services import api_token_issue

pytestmark = pytest.mark.django_db

PUBLIC_URL = "/api/v1/publiek/meldingen"
SCREENING_URL = "/api/v1/subjecten/_zoek"
JUDGE_URL = "/api/v1/subjecten/00000000-0000-4000-8000-000000000000/oordelen"


@pytest.fixture
def token_client(geography: None, make_org: Any, make_user: Any) -> Client:
    user = make_user(organisation=make_org("Gemeente Api"), role=Role.CASUSREGISSEUR, username="api.parser")
    _token, raw = api_token_issue(user=user)
    return Client(headers={"Authorization": f"Bearer {raw}"}, raise_request_exception=False)


def problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/problem+json"
    answer: dict[str, Any] = response.json()
    return answer


@pytest.mark.parametrize("url", ["/api/v1/meldingen", PUBLIC_URL, SCREENING_URL])
def test_deep_nesting_is_a_400_problem(token_client: Client, url: str) -> None:
    cache.clear()
    deep = "[" * 50_000 + "]" * 50_000
    answer = problem(token_client.post(url, data=deep, content_type="application/json"), 400)
    assert answer["code"] == "te-diep-genest" and "genest" in answer["detail"]


def test_moderate_nesting_beyond_the_limit_is_refused_too(token_client: Client) -> None:
    # Deep enough to pass json but far beyond any input the API takes: refused before a view recurses on it.
    deep = '{"a":' * 100 + "1" + "}" * 100
    answer = problem(token_client.post(SCREENING_URL, data=deep, content_type="application/json"), 400)
    assert answer["code"] == "te-diep-genest"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_too_large_body_is_413_and_not_echoed(token_client: Client) -> None:
    cache.clear()
    marker = "ECHOTEST"
    body = '{"omschrijving": "' + marker * 5_000 + '"}'
    for client in (token_client, Client()):
        response = client.post(PUBLIC_URL, data=body, content_type="application/json")
        answer = problem(response, 413)
        assert answer["code"] == "verzoek-te-groot"
        assert marker not in response.content.decode()


def test_default_body_limit_is_modest() -> None:
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2 * 1024 * 1024


def test_invalid_json_is_not_echoed(token_client: Client) -> None:
    response = token_client.post(PUBLIC_URL, data='{"x": GEHEIMEWAARDE', content_type="application/json")
    assert problem(response, 400)["code"] == "ongeldige-json"
    assert "GEHEIMEWAARDE" not in response.content.decode()
