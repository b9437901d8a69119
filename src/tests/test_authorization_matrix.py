# SPDX-License-Identifier: EUPL-1.2
"""The authorization matrix: every registered URL and API route x every role x own/other organisation.

``CORE_SPEC`` (in ``tests/authz.py``) and each app's ``tests/authz_spec.py`` state, per route name, who
may use it. The harness builds each route for an object of the actor's own organisation and of another
organisation, calls it as every role (acting for a municipality, for the platform operator and for a
private partner; and without a passed screening when the permission code the route's view requires is
declared to need one), anonymously and half-logged-in without the second factor, and fails on any
response that differs from the spec. Which of those homes must be refused comes from that code's
declaration (:mod:`weerbaar.core.permissions`), not from the spec. A route missing from the specs
fails the coverage test, so every new page or endpoint must be added.
"""

import importlib
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz import ALL_ROLES, CORE_SPEC, Route, World
from tests.helpers import matrix_actors, verified_client
from weerbaar.accounts.constants import Role
from weerbaar.api.services import api_token_issue
from weerbaar.core.permissions import PermissionSpec, permission_spec
from weerbaar.core.policy import declared_rule
from weerbaar.geo.models import Municipality
from weerbaar.organisations.constants import OrganisationType

# It tests the one policy and the routes, the same Python on any database: CI runs it on PostgreSQL only.
pytestmark = pytest.mark.matrix


def collect_specs() -> dict[str, Route]:
    spec = dict(CORE_SPEC)
    for config in apps.get_app_configs():
        if not config.name.startswith("weerbaar."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.authz_spec")
        except ModuleNotFoundError:
            continue
        overlap = set(spec) & set(module.SPEC)
        assert not overlap, f"routes specified twice: {overlap}"
        spec.update(module.SPEC)
    return spec


SPEC = collect_specs()


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from _walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>"), entry.callback


@cache
def _views() -> dict[str, Any]:
    return dict(_walk(get_resolver().url_patterns))


def registered_routes() -> set[str]:
    return set(_views())


def required_permission(name: str) -> PermissionSpec | None:
    """The declaration of the permission code the route's view requires (``None``: it requires none)."""
    rule = declared_rule(_views()[name])
    return permission_spec(rule.code) if rule is not None and rule.code else None


def test_every_registered_route_is_in_the_matrix() -> None:
    missing = registered_routes() - set(SPEC)
    assert not missing, f"Routes without an authorization spec (add them to an authz_spec.py): {sorted(missing)}"
    stale = set(SPEC) - registered_routes()
    assert not stale, f"Specs name routes that no longer exist: {sorted(stale)}"


def test_every_route_requires_no_permission_code_or_a_declared_one() -> None:
    """The matrix probes a route by its code's declaration; an undeclared code would leave it unprobed."""
    undeclared = []
    for name in SPEC:
        try:
            required_permission(name)
        except LookupError:
            undeclared.append(name)
    assert not undeclared, f"Routes requiring an undeclared permission code: {sorted(undeclared)}"


@pytest.fixture
def world(geography: None, make_org: Any, make_user: Any) -> World:
    own = make_org("Gemeente Eigen", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0855"))
    other = make_org("Gemeente Ander", OrganisationType.GEMEENTE, municipality=Municipality.objects.get(code="GM0363"))
    return World(
        orgs={"own": own, "other": other},
        subject_user={
            "own": make_user(organisation=own, role=Role.MEDEWERKER, username="subject.own"),
            "other": make_user(organisation=other, role=Role.MEDEWERKER, username="subject.other"),
        },
    )


def _call(client: Client, route: Route, url: str, data: dict[str, Any], token: str | None = None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if route.method == "post":
        if route.api:
            return client.post(url, data=data, content_type="application/json", headers=headers).status_code
        return client.post(url, data=data, headers=headers).status_code
    return client.get(url, data=data, headers=headers).status_code


def _denied(route: Route) -> tuple[int, ...]:
    # Function-level refusal: a 403 page in the UI; in the API the resource does not exist (404).
    return (404,) if route.api else (403,)


def _expected(
    route: Route,
    role: str,
    foreign: bool,
    *,
    code: PermissionSpec | None,
    operator: bool,
    private: bool,
    screened: bool,
) -> tuple[int, ...]:
    if route.kind in {"public", "password_only"}:
        return route.ok
    if role not in route.roles or (route.operator_only and not operator):
        return _denied(route)
    # Read from the declaration here, not through the policy's own filter, so that the two check each other.
    if code is not None and ((code.screening_required and not screened) or (private and not code.private_allowed)):
        return _denied(route)
    if foreign and (route.scoped == "strict" or (route.scoped == "own_org" and not operator)):
        return (404,)
    if route.object_roles is not None and role not in route.object_roles:
        return (404,)
    return route.ok


def _probes(route: Route) -> list[Route]:
    """The route as specified, and as a GET of its own page when it has one (``get_ok``)."""
    if not route.get_ok:
        return [route]
    return [route, replace(route, method="get", ok=route.get_ok, data=route.get_query)]


@pytest.mark.parametrize("name", sorted(SPEC))
def test_matrix(name: str, world: World, make_org: Any) -> None:
    """Every role, acting for its own organisation, on objects of its own and another organisation."""
    route = SPEC[name]
    code = required_permission(name)
    failures: list[str] = []
    operator_org = make_org("RIEC Beheer", OrganisationType.RIEC, is_operator=True)
    private_org = make_org("Agrarische Vereniging", OrganisationType.AGRARISCH)
    homes = [
        (world.orgs["own"], False, False, True),
        (operator_org, True, False, True),
        (private_org, False, True, True),
    ]
    if code is not None and code.screening_required:
        # The same roles without a passed screening; at a private partner too where the code is open to one.
        homes.append((world.orgs["own"], False, False, False))
        if code.private_allowed:
            homes.append((private_org, False, True, False))
    actors = [(role, *home) for role in sorted(ALL_ROLES) for home in homes]
    logged_in = matrix_actors([(role, home, screened) for role, home, _op, _pr, screened in actors])
    for (role, home, operator, private, screened), (actor_user, client) in zip(actors, logged_in, strict=True):
        # A role the route refuses as such (its code, screening, a private home) is refused before any
        # object is read: probing it on the own organisation's object proves that; the other's adds nothing.
        refused = _expected(
            route, role, False, code=code, operator=operator, private=private, screened=screened
        ) == _denied(route)
        for scope in ("own",) if refused else ("own", "other"):
            url = reverse(name, kwargs=route.kwargs(world, scope))
            # The "own" objects belong to Gemeente Eigen; for every other home both are foreign.
            foreign = scope == "other" or home != world.orgs["own"]
            for probe in _probes(route):
                expected = _expected(
                    probe, role, foreign, code=code, operator=operator, private=private, screened=screened
                )
                label = (
                    f"{role}@{home.name}{'' if screened else ' (unscreened)'} {probe.method.upper()} {url} ({scope})"
                )
                status = _call(client, probe, url, probe.data(world, scope))
                if status not in expected:
                    failures.append(f"{label}: {status}, expected {expected}")
            if route.api and route.kind == "roles":
                _token, raw = api_token_issue(user=actor_user)
                status = _call(Client(), route, url, route.data(world, scope), token=raw)
                if status not in expected:
                    failures.append(f"{label} with token: {status}, expected {expected}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", sorted(SPEC))
def test_matrix_anonymous_and_half_logged_in(name: str, world: World, make_user: Any) -> None:
    """Without log-in: public routes answer, the rest send to log-in (UI) or answer 401 (API).
    With a password but no second factor: only the log-in steps are reachable."""
    route = SPEC[name]
    url = reverse(name, kwargs=route.kwargs(world, "own"))
    data = route.data(world, "own")
    status = _call(Client(), route, url, data)
    if route.kind == "public":
        assert status in route.ok, f"anonymous {url}: {status}"
    elif route.api:
        assert status == 401, f"anonymous {url}: {status}"
    else:
        assert status == 302, f"anonymous {url}: {status}"

    half = Client()
    half.force_login(make_user(organisation=world.orgs["own"], role=Role.FUNCTIONEEL_BEHEERDER, username="half"))
    status = _call(half, route, url, data)
    if route.kind in {"public", "password_only"}:
        assert status in (*route.ok, 302), f"half-logged-in {url}: {status}"
    elif route.api:
        assert status == 401, f"half-logged-in API {url}: {status} (a session without second factor is no session)"
    else:
        response = half.get(url) if route.method == "get" else half.post(url)
        assert response.status_code == 302, f"half-logged-in {url}: {response.status_code}"
        assert response["Location"].startswith(reverse("accounts:verify")) or "inloggen" in response["Location"]


def test_deactivated_user_loses_access(world: World, make_user: Any) -> None:
    user = make_user(organisation=world.orgs["own"], role=Role.FUNCTIONEEL_BEHEERDER)
    client = verified_client(user)
    assert client.get(reverse("accounts:user_list")).status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert client.get(reverse("accounts:user_list")).status_code == 302


def test_expired_role_loses_access(world: World, make_user: Any) -> None:
    from datetime import timedelta

    from django.utils import timezone

    user = make_user(organisation=world.orgs["own"], role=Role.AUDITOR)
    client = verified_client(user)
    assert client.get(reverse("audit:list")).status_code == 200
    user.role_assignments.update(valid_until=timezone.localdate() - timedelta(days=1))
    assert client.get(reverse("audit:list")).status_code == 403


JUNK: dict[str, str] = {
    "pagina": "-1",
    "page": "abc",
    "pageSize": "99999",
    "uuid": "not-a-uuid",
    "status": "<script>alert(1)</script>",
    "type": "\u202e",
    "since": "2026-13-45",
    "until": "gisteren",
    "token": "x" * 5000,
    "username": "'; DROP TABLE accounts_user; --",
    "description": "\x00",
}


@pytest.mark.parametrize("name", sorted(SPEC))
def test_junk_input_never_causes_a_server_error(name: str, world: World, make_user: Any) -> None:
    """Bad input to every form and endpoint gets a clear answer (4xx or a re-rendered form), never a 500."""
    route = SPEC[name]
    url = reverse(name, kwargs=route.kwargs(world, "own"))
    roles = sorted(route.roles) if route.kind == "roles" else [Role.MEDEWERKER]
    client = verified_client(make_user(organisation=world.orgs["own"], role=roles[0]))
    get = client.get(url, data=JUNK)
    post = client.post(url, data=JUNK)
    as_json = client.post(url, data="{not json", content_type="application/json")
    for label, response in (("GET", get), ("POST", post), ("JSON", as_json)):
        assert response.status_code < 500, f"{label} {url}: {response.status_code}"
