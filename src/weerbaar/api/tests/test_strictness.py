# SPDX-License-Identifier: EUPL-1.2
"""The API takes only what its OpenAPI document declares, and the document says so.

Unknown query parameters and unknown (or read-only) body fields are 400 problems naming them; date-times
are RFC 3339 both ways; the document marks request bodies closed (``additionalProperties: false``), lists
every field of a response as present and bounds the pages.
"""

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import path
from django.utils import timezone
from drf_spectacular.drainage import GENERATOR_STATS, reset_generator_stats
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from weerbaar.accounts.constants import Role
from weerbaar.api.fields import StrictSerializer
from weerbaar.api.services import api_token_issue
from weerbaar.core.policy import AUTHENTICATED
from weerbaar.organisations.constants import OrganisationType
from weerbaar.threats.models import Incident

pytestmark = pytest.mark.django_db

RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


@pytest.fixture
def client(geography: None, make_org: Any, make_user: Any) -> Client:
    user = make_user(organisation=make_org("Gemeente Strikt"), role=Role.MEDEWERKER)
    return Client(headers={"Authorization": f"Bearer {api_token_issue(user=user)[1]}"})


def _problem(response: Any) -> dict[str, str]:
    """The invalid parameters of a 400 problem, name -> code."""
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {param["name"]: param["code"] for param in response.json()["invalidParams"]}


def _incident(**fields: Any) -> str:
    body = {
        "rolSlachtoffer": "raadslid",
        "vormen": ["bedreiging"],
        "kanaal": "brief",
        "gerichtOp": "persoon",
        "tijdstip": (timezone.now() - timedelta(hours=1)).isoformat(),
        "ernst": 3,
        "omschrijving": "Dreigbrief (synthetisch).",
    }
    return json.dumps(body | fields)


def test_an_unknown_query_parameter_is_refused_on_every_kind_of_route(client: Client) -> None:
    organisation = client.get("/api/v1/organisaties").json()["results"][0]["uuid"]
    for url in (
        "/api/v1/organisaties?typ=gemeente",  # a typo of a filter
        f"/api/v1/organisaties/{organisation}?typ=gemeente",
        "/api/v1/gebruikersprofiel?typ=gemeente",
        "/api/v1/incidenten?typ=gemeente",
        "/api/v1/openapi.json?typ=gemeente",
    ):
        assert _problem(client.get(url)) == {"typ": "unknown"}, url
    response = client.post("/api/v1/incidenten?typ=gemeente", _incident(), content_type="application/json")
    assert _problem(response) == {"typ": "unknown"}
    assert not Incident.objects.exists()


def test_declared_query_parameters_work_and_are_taken_once(client: Client) -> None:
    response = client.get(f"/api/v1/organisaties?type={OrganisationType.GEMEENTE}&page=1&pageSize=5")
    assert response.status_code == 200
    assert _problem(client.get("/api/v1/organisaties?pageSize=5&pageSize=6")) == {"pageSize": "repeated"}
    for value in ("0", "101", "²", "1.0"):
        assert "pageSize" in _problem(client.get(f"/api/v1/gemeenten?pageSize={value}")), value
    assert client.get("/api/v1/gemeenten?page=999").status_code == 404


def test_the_policy_answers_before_the_parameters_are_looked_at(client: Client, geography: None) -> None:
    assert Client().get("/api/v1/gebruikersprofiel?typ=x").status_code == 401
    # A route this caller may not use stays a 404, whatever is wrong with the request.
    assert client.get("/api/v1/casussen?typ=x").status_code == 404


def test_unknown_and_read_only_body_fields_are_refused_with_the_other_errors(client: Client) -> None:
    response = client.post(
        "/api/v1/incidenten",
        _incident(status="afgesloten", beschrijving="typo", ernst=9),
        content_type="application/json",
    )
    assert _problem(response) == {"status": "read_only", "beschrijving": "unknown", "ernst": "max_value"}
    assert not Incident.objects.exists()


def test_a_value_of_another_json_type_is_refused(client: Client) -> None:
    # DRF alone would read the number 3 as the text "3" and the text "3" as the number 3.
    response = client.post(
        "/api/v1/incidenten",
        _incident(ernst="3", omschrijving=3, vormen=[7], plaats=None, gerichtOp=True),
        content_type="application/json",
    )
    assert _problem(response) == {
        "ernst": "invalid",
        "omschrijving": "invalid",
        "vormen": "invalid",
        "plaats": "null",
        "gerichtOp": "invalid",
    }


def test_a_text_is_measured_as_sent_and_an_empty_filter_is_no_filter(client: Client) -> None:
    # Whitespace around a text does not buy room beyond its maximum (the document's maxLength counts it).
    padded = _incident(daderOmschrijving="\x1c" + "x" * 2000)
    assert _problem(client.post("/api/v1/incidenten", padded, content_type="application/json")) == {
        "daderOmschrijving": "max_length"
    }
    assert _problem(client.get("/api/v1/organisaties?type=")) == {"type": "invalid"}


def test_an_unknown_field_deep_in_a_body_is_named_by_its_path(client: Client) -> None:
    body = {
        "fenomeen": "drugsafvaldumping",
        "omschrijving": "Vaten in de berm (synthetisch).",
        "locatie": {"soort": "gebied", "gemeentecode": "GM0855", "straatnaam": "typo"},
        "betrokkenen": [{"soort": "voertuig", "kenteken": "AB-123-C", "merk": "typo"}],
    }
    response = client.post("/api/v1/meldingen", json.dumps(body), content_type="application/json")
    assert _problem(response) == {"locatie.straatnaam": "unknown", "betrokkenen.0.merk": "unknown"}


def test_date_times_are_rfc_3339_in_and_out(client: Client) -> None:
    naive = (timezone.now() - timedelta(hours=1)).replace(tzinfo=None).isoformat()
    assert _problem(client.post("/api/v1/incidenten", _incident(tijdstip=naive), content_type="application/json")) == {
        "tijdstip": "invalid"
    }
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert _problem(client.post("/api/v1/incidenten", _incident(tijdstip=future), content_type="application/json")) == {
        "tijdstip": "future"
    }
    # Before 1937 Amsterdam kept local mean time (+00:19:32): an offset RFC 3339 cannot write, so UTC.
    old = client.post(
        "/api/v1/incidenten", _incident(tijdstip="1920-05-01T12:00:00+01:00"), content_type="application/json"
    )
    assert old.status_code == 201, old.content
    assert old.json()["tijdstip"] == "1920-05-01T11:00:00Z"
    recent = client.post(
        "/api/v1/incidenten", _incident(tijdstip="2026-01-05T09:30:00Z"), content_type="application/json"
    )
    assert recent.json()["tijdstip"] == "2026-01-05T10:30:00+01:00"
    assert all(RFC3339.fullmatch(value) for value in (recent.json()["gemeldOp"], old.json()["gemeldOp"]))


def test_the_document_closes_request_bodies_and_lists_every_response_field(geography: None) -> None:
    document = Client().get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    requests = {name: schema for name, schema in schemas.items() if name.endswith("Request")}
    assert requests and all(schema.get("additionalProperties") is False for schema in requests.values())
    responses = {name: schema for name, schema in schemas.items() if name not in requests and "properties" in schema}
    for name, schema in responses.items():
        if name != "Problem":
            assert set(schema.get("required", [])) == set(schema["properties"]), name
    pages = {p["name"]: p["schema"] for p in document["paths"]["/gemeenten"]["get"]["parameters"]}
    assert pages["pageSize"] == {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}
    assert pages["page"]["minimum"] == 1
    incident = schemas["IncidentRequest"]["properties"]
    assert incident["vormen"]["uniqueItems"] is True and incident["vormen"]["minItems"] == 1
    assert schemas["Incident"]["properties"]["slachtoffer"]["nullable"] is True
    for operation in (op for item in document["paths"].values() for op in item.values()):
        for response in operation["responses"].values():
            assert response["headers"]["API-Version"] == {"$ref": "#/components/headers/API-Version"}


class _Lenient(serializers.Serializer[Any]):
    naam = serializers.CharField()


class _NaiveMoment(StrictSerializer):
    op = serializers.DateTimeField()


class _LenientView(APIView):
    access_rule = AUTHENTICATED

    @extend_schema(request=_Lenient, responses={204: None})
    def post(self, request: Request) -> Response:
        return Response(status=204)

    @extend_schema(request=_NaiveMoment, responses={204: None})
    def put(self, request: Request) -> Response:
        return Response(status=204)


def test_the_generator_warns_about_a_body_that_takes_unknown_fields_or_a_moment_without_offset() -> None:
    reset_generator_stats()
    with GENERATOR_STATS.silence():
        SchemaGenerator(patterns=[path("lenient", _LenientView.as_view())]).get_schema(request=None, public=True)
    warnings = " ".join(GENERATOR_STATS._warn_cache)
    reset_generator_stats()
    assert "_Lenient takes a request body but accepts fields it does not know" in warnings
    assert "_NaiveMoment.op reads a date-time without requiring an offset" in warnings
