# SPDX-License-Identifier: EUPL-1.2
"""Schemathesis against the whole API: every operation does what the OpenAPI document says, and no more.

The document is the one the application publishes (``/api/v1/openapi.json``); the application answers in
this process (WSGI) on the test database, filled with the demo data set. People of Gemeente Tilburg and
the RIEC (two organisations in area B), the chair of an area partnership (Gemeente Boxtel) and the
representative of a private partner (ZLTO) each get a token the way ``issue_api_token`` issues one (the
demo gives each an authenticator too); some requests carry no token at all.

For each operation Schemathesis generates requests from the document: valid ones (positive) and ones that
break it (negative: a wrong type, a value out of bounds, a missing required value). A quarter of the valid
bodies get a field no body declares, which must be refused. So that the answers are not all 404s, half of
the paths name objects the caller sees, found as a client finds them (in the API's own collections, by a
caller who sees some); a quarter name an object of any organisation; half of the ``If-Match`` headers carry
the current ``ETag``; half of the UUIDs in a valid body name an existing object.

Every answer is checked: no server error, a documented status code and content type, a body and headers as
documented; an invalid request must be refused. The failures of all operations are collected and reported
together. The examples are bounded and the same on every run (``derandomize``), so a failure in CI can be
reproduced; ``WEERBAAR_API_FUZZ=500`` runs 500 fresh random examples per operation and kind instead.
"""

import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from werkzeug.test import Client as WsgiClient

from weerbaar.accounts.models import User
from weerbaar.api.services import api_token_issue
from weerbaar.cases.models import Case, Meeting
from weerbaar.correlation.models import Subject
from weerbaar.demo.services import demo_load
from weerbaar.geo.models import Municipality
from weerbaar.organisations.models import Organisation
from weerbaar.signals.models import Signal
from weerbaar.surveys.models import Survey
from weerbaar.threats.models import Incident

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

#: Who calls: a name for the report -> the demo user whose token is used (None: no token at all).
CALLERS: dict[str, str | None] = {
    "meldpunt Tilburg": "meldpunt.tilburg",  # intake of signals
    "casusregisseur Tilburg": "regisseur.tilburg",  # cases, screening, judgements
    "veiligheidscoördinator Tilburg": "coordinator.tilburg",  # threats against office holders (area C)
    "analist RIEC": "analist.riec",  # the second organisation: its own cases, correlation
    "schakelteam Tilburg": "schakelteam.tilburg",  # weighing signals
    "gebiedsregisseur Boxtel": "gebied.boxtel",  # a third organisation: the chair of an area partnership
    "private partner ZLTO": "partner.zlto",  # a private partner: reporting, an area partnership's directory
    "weerbaarheidscoördinator Tilburg": "weerbaarheid.tilburg",  # the resilience scan and its actions (area D)
    "medewerker Tilburg": "medewerker1.tilburg",  # training modules and one's own results (area D)
    "integriteitscoördinator Tilburg": "integriteit.tilburg",  # the staff survey (area D)
    "anoniem": None,
}

#: Examples per operation and kind: over 3,000 requests in all, one and a half to two minutes (SQLite, PostgreSQL).
EXAMPLES = {GenerationMode.POSITIVE: 40, GenerationMode.NEGATIVE: 25}
FUZZ = int(os.environ.get("WEERBAAR_API_FUZZ", "0"))

CHECKS = {
    GenerationMode.POSITIVE: [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
        response_headers_conformance,
    ],
    GenerationMode.NEGATIVE: [
        not_a_server_error,
        negative_data_rejection,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
        response_headers_conformance,
    ],
}

#: A refusal of invalid input: Schemathesis's list, plus 412 (``If-Match`` is checked before the body).
REFUSALS = ["400", "401", "403", "404", "405", "406", "409", "412", "413", "415", "422", "428", "429"]

#: A field no request body declares, put into some valid bodies.
UNKNOWN_FIELD = "onbekendVeld"

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@dataclass
class World:
    """The demo data as the test sees it: tokens, and identifiers of existing objects."""

    tokens: dict[str, str | None]
    #: Top-level resource (``meldingen``) -> identifiers of its objects, of every organisation.
    top: dict[str, list[str]]
    #: Every identifier above, for a UUID in a request body.
    every: list[str]
    #: (collection path, token) -> the identifiers in it as that caller saw them (asked once).
    seen: dict[tuple[str, str | None], list[str]] = field(default_factory=dict)


@dataclass
class Outcome:
    """What one mode found: failures by a key that leaves out the example, and the statuses seen."""

    failures: dict[str, str] = field(default_factory=dict)
    statuses: dict[str, Counter[int]] = field(default_factory=lambda: defaultdict(Counter))


@pytest.fixture
def wsgi_app() -> Iterator[WSGIHandler]:
    """The application as a WSGI server runs it, on the test's database connection.

    A WSGI request ends by closing "old" connections; inside the test's transaction that would close the
    very connection the test runs on, so for this test (as Django's test client does) that is switched off.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(settings: Any) -> World:
    # Thousands of requests in a minute from one token: far above the per-user rate a client gets.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": "100000/minute"}}
    demo_load()
    tokens: dict[str, str | None] = {}
    for caller, username in CALLERS.items():
        tokens[caller] = None if username is None else api_token_issue(user=User.objects.get(username=username))[1]

    def uuids(model: Any) -> list[str]:
        return [str(value) for value in model.objects.order_by("pk").values_list("uuid", flat=True)]

    top = {
        "meldingen": uuids(Signal),
        "casussen": uuids(Case),
        "subjecten": uuids(Subject),
        "incidenten": uuids(Incident),
        "organisaties": uuids(Organisation),
        "overleggen": uuids(Meeting),
        # Survey results hang under the survey itself; its lists are per partnership or organisation.
        "enquetes": uuids(Survey),
        "gemeenten": list(Municipality.objects.order_by("code").values_list("code", flat=True)[:25]),
    }
    every = sorted({value for key, values in top.items() if key != "gemeenten" for value in values})
    return World(tokens=tokens, top=top, every=every)


def _authorise(case: Any, token: str | None) -> None:
    headers = case.headers if case.headers is not None else {}
    headers.pop("Authorization", None)
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    case.headers = headers


def _api_get(app: WSGIHandler, path: str, token: str | None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return WsgiClient(app).get(f"/api/v1{path}", headers=headers)


def _items(body: Any, field: str | None = None) -> list[Any]:
    """A collection's items: a page's ``results``, a plain list, or the list ``field`` of a resource."""
    if field is not None:
        body = body.get(field) if isinstance(body, dict) else None
    elif isinstance(body, dict):
        body = body.get("results")
    return [item for item in body if isinstance(item, dict)] if isinstance(body, list) else []


def _identifiers(world: World, app: WSGIHandler, collection: str, key: str, token: str | None) -> list[str]:
    """The ``key`` (else ``uuid`` or ``naam``) of the objects in a collection as the caller sees it, asked once (its first
    page), or, where the API has no such collection, of the list of that name in the resource above it."""
    if (collection, token) not in world.seen:
        response = _api_get(app, collection, token)
        items = _items(response.json) if response.status_code == 200 else []
        if response.status_code != 200 and collection.count("/") > 1:
            parent, field = collection.rsplit("/", 1)
            above = _api_get(app, parent, token)
            items = _items(above.json, field) if above.status_code == 200 else []
        found = (_identifier(item, key) for item in items)
        world.seen[collection, token] = [value for value in found if value is not None]
    return world.seen[collection, token]


def _identifier(item: dict[str, Any], key: str) -> str | None:
    """How a client names an item in a path: by ``key``, else its ``uuid``, else its ``naam`` (a figure)."""
    for name in (key, "uuid", "naam"):
        if name in item:
            return str(item[name])
    return None


def _caller_and_path(case: Any, world: World, app: WSGIHandler, draw: Callable[..., Any]) -> str:
    """Who calls, and which objects the path names: for half of the requests objects the caller sees (found
    in their collections, as a client would, by a caller who sees some), else a top-level object of any
    organisation, or whatever Schemathesis made up."""
    segments = case.operation.path.strip("/").split("/")
    names = {position: segment[1:-1] for position, segment in enumerate(segments) if segment.startswith("{")}
    choice = draw(st.sampled_from(["generated", "visible", "visible", "any"])) if names else "generated"
    callers = sorted(world.tokens)
    first = min(names, default=0)
    if choice == "visible":
        top = "/" + "/".join(segments[:first])
        seeing = [name for name in callers if _identifiers(world, app, top, names[first], world.tokens[name])]
        callers = seeing or callers
    caller = draw(st.sampled_from(callers))
    if choice == "generated" or not set(names.values()) <= set(case.path_parameters or {}):
        return caller
    for position, name in names.items():
        known = []
        if choice == "visible" or position > first:
            collection = "/" + "/".join(segments[:position]).format(**case.path_parameters)
            known = _identifiers(world, app, collection, name, world.tokens[caller])
        if not known and position == first:  # any of its kind; also where the API has no collection to look in
            known = world.top.get(segments[0], world.every)
        if known:
            case.path_parameters[name] = draw(st.sampled_from(known))
    return caller


def _fill_if_match(case: Any, token: str | None, app: WSGIHandler, draw: Callable[..., Any]) -> None:
    """Half of the time, the ETag of the nearest resource above the operation that has one."""
    if "If-Match" not in (case.headers or {}) or not draw(st.booleans()):
        return
    segments = case.operation.path.strip("/").split("/")
    for end in range(len(segments) - 1, 0, -1):
        response = _api_get(app, "/" + "/".join(segments[:end]).format(**case.path_parameters), token)
        if response.status_code == 200 and "ETag" in response.headers:
            case.headers["If-Match"] = response.headers["ETag"]
            return


def _fill_body(body: Any, world: World, draw: Callable[..., Any]) -> Any:
    """Half of the UUIDs in a body name an existing object (of any kind), so references can resolve."""
    if isinstance(body, dict):
        return {key: _fill_body(value, world, draw) for key, value in body.items()}
    if isinstance(body, list):
        return [_fill_body(value, world, draw) for value in body]
    if isinstance(body, str) and _UUID.fullmatch(body) and draw(st.booleans()):
        return draw(st.sampled_from(world.every))
    return body


def _objects(value: Any) -> list[dict[str, Any]]:
    """Every object in a body, the body itself first."""
    if isinstance(value, dict):
        return [value, *(found for item in value.values() for found in _objects(item))]
    if isinstance(value, list):
        return [found for item in value for found in _objects(item)]
    return []


def _exercise(operation: Any, mode: GenerationMode, world: World, app: WSGIHandler, outcome: Outcome) -> None:
    examples = FUZZ or EXAMPLES[mode]

    @hypothesis_settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=not FUZZ,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    def run(case: Any, data: Any) -> None:
        caller = _caller_and_path(case, world, app, data.draw)
        token = world.tokens[caller]
        _authorise(case, token)
        _fill_if_match(case, token, app, data.draw)
        unknown_field = False
        if mode is GenerationMode.POSITIVE and isinstance(case.body, dict | list):
            case.body = _fill_body(case.body, world, data.draw)
            # Schemathesis lets an API ignore a field it does not know; this one must refuse the request.
            objects = _objects(case.body)
            if objects and data.draw(st.integers(0, 3)) == 0:
                data.draw(st.sampled_from(objects))[UNKNOWN_FIELD] = True
                unknown_field = True
        response = case.call()
        outcome.statuses[operation.label][response.status_code] += 1
        problems: list[tuple[str, str]] = []
        try:
            case.validate_response(response, checks=CHECKS[mode])
        except FailureGroup as group:
            problems += [
                (f"{failure.title}: {failure.message.splitlines()[0][:200]}", failure.message)
                for failure in group.exceptions
            ]
        if unknown_field and response.status_code < 300:
            problems.append(
                ("Unknown field accepted", f"{UNKNOWN_FIELD!r} in the body, answered {response.status_code}")
            )
        for title, message in problems:
            key = f"{mode.value} {operation.label}: {title}"
            outcome.failures.setdefault(
                key,
                f"{key}\n  as {caller}: {case.method} {case.formatted_path} query={case.query!r} "
                f"body={str(case.body)[:400]}\n  -> {response.status_code} {response.text[:600]}\n  {message[:1200]}",
            )

    run()


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["positief", "negatief"])
def test_every_operation_keeps_to_the_document(mode: GenerationMode, world: World, wsgi_app: WSGIHandler) -> None:
    config = SchemathesisConfig.from_dict({"checks": {"negative_data_rejection": {"expected-statuses": REFUSALS}}})
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app, config=config)
    outcome = Outcome()
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        _exercise(operation, mode, world, wsgi_app, outcome)

    assert not outcome.failures, f"{len(outcome.failures)} failures:\n\n" + "\n\n".join(outcome.failures.values())
    assert set(outcome.statuses) == {operation.label for operation in operations}
    if mode is GenerationMode.POSITIVE:
        # Every read answered with content at least once, so its answer was checked against the document. (A
        # write may take a role and a state that random requests rarely meet; its refusals are checked.)
        unread = sorted(
            label for label, seen in outcome.statuses.items() if label.startswith("GET ") and 200 not in seen
        )
        assert not unread, f"never 200 for {unread}: {dict(outcome.statuses)}"
