# SPDX-License-Identifier: EUPL-1.2
"""The authorization matrix: every registered URL and API route x every role x own/other organisation.

``SPEC`` states, per route name, who may use it. The harness builds each route for an object of the
actor's own organisation and of another organisation, calls it as every role (and anonymously, and
half-logged-in without the second factor), and fails on any response that differs from the spec.
A route that is missing from ``SPEC`` fails the coverage test, so new pages must be added here.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import verified_client
from weerbaar.accounts.constants import Role
from weerbaar.accounts.models import User
from weerbaar.accounts.services import role_assign
from weerbaar.api.services import api_token_issue
from weerbaar.organisations.constants import OrganisationType
from weerbaar.organisations.models import Organisation

ALL_ROLES = frozenset(Role.values)
ADMIN = frozenset({Role.FUNCTIONEEL_BEHEERDER})
AUDIT = frozenset({Role.AUDITOR, Role.PRIVACY_OFFICER})
NOBODY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Route:
    """Who may use a route. ``kind``: public | password_only | roles. ``scoped``: own organisation only."""

    kind: str
    roles: frozenset[str] = NOBODY
    method: str = "get"
    ok: tuple[int, ...] = (200,)
    scoped: bool = False
    operator_only: bool = False
    api: bool = False
    kwargs: Callable[["World", str], dict[str, Any]] = field(default=lambda world, scope: {})


def _user_kwargs(world: "World", scope: str) -> dict[str, Any]:
    return {"uuid": world.subject_user[scope].uuid}


def _role_kwargs(world: "World", scope: str) -> dict[str, Any]:
    user = world.subject_user[scope]
    assignment = user.role_assignments.first()
    if assignment is None:  # an earlier allowed call withdrew it; give the subject a role again
        assignment = role_assign(actor=None, user=user, organisation=world.orgs[scope], role=Role.MEDEWERKER)
    return {"uuid": user.uuid, "assignment_uuid": assignment.uuid}


def _user_action_kwargs(world: "World", scope: str) -> dict[str, Any]:
    return {"uuid": world.subject_user[scope].uuid, "action": "overal-uitloggen"}


def _org_kwargs(world: "World", scope: str) -> dict[str, Any]:
    return {"uuid": world.orgs[scope].uuid}


def _municipality_kwargs(world: "World", scope: str) -> dict[str, Any]:
    return {"code": "GM0855"}


SPEC: dict[str, Route] = {
    "core:start": Route("roles", ALL_ROLES),
    "core:accessibility": Route("public"),
    "healthz": Route("public"),
    "readyz": Route("public"),
    "set_language": Route("public", method="post", ok=(302,)),
    "accounts:login": Route("public", ok=(200, 302)),
    "accounts:verify": Route("password_only", ok=(200, 302)),
    "accounts:enrol": Route("password_only", ok=(200, 302)),
    "accounts:password_change": Route("password_only", ok=(200,)),
    "accounts:logout": Route("password_only", method="post", ok=(302,)),
    "accounts:backup_codes": Route("roles", ALL_ROLES, ok=(302,)),
    "accounts:logout_everywhere": Route("roles", ALL_ROLES, method="post", ok=(302,)),
    "accounts:profile": Route("roles", ALL_ROLES),
    "accounts:organisation_switch": Route("roles", ALL_ROLES, method="post", ok=(302,)),
    "accounts:backup_codes_regenerate": Route("roles", ALL_ROLES, method="post", ok=(302,)),
    "accounts:user_list": Route("roles", ADMIN),
    "accounts:user_create": Route("roles", ADMIN),
    "accounts:user_detail": Route("roles", ADMIN, scoped=True, kwargs=_user_kwargs),
    "accounts:role_assign": Route("roles", ADMIN, method="post", ok=(302,), scoped=True, kwargs=_user_kwargs),
    "accounts:role_revoke": Route("roles", ADMIN, method="post", ok=(302,), scoped=True, kwargs=_role_kwargs),
    "accounts:user_action": Route("roles", ADMIN, method="post", ok=(302,), scoped=True, kwargs=_user_action_kwargs),
    "organisations:list": Route("roles", ALL_ROLES),
    "organisations:detail": Route("roles", ALL_ROLES, kwargs=_org_kwargs),
    "organisations:create": Route("roles", ADMIN, operator_only=True),
    "organisations:update": Route("roles", ADMIN, operator_only=True, kwargs=_org_kwargs),
    "audit:list": Route("roles", AUDIT),
    "api:openapi": Route("public", api=True),
    "api:gebruikersprofiel": Route("roles", ALL_ROLES, api=True),
    "api:organisaties-list": Route("roles", ALL_ROLES, api=True),
    "api:organisaties-detail": Route("roles", ALL_ROLES, api=True, kwargs=_org_kwargs),
    "api:gemeenten-list": Route("roles", ALL_ROLES, api=True),
    "api:gemeenten-detail": Route("roles", ALL_ROLES, api=True, kwargs=_municipality_kwargs),
}


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            yield from _walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}" if entry.name else f"<unnamed {entry.pattern}>"


def registered_routes() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


def test_every_registered_route_is_in_the_matrix() -> None:
    missing = registered_routes() - set(SPEC)
    assert not missing, f"Routes without an authorization spec (add them to SPEC): {sorted(missing)}"
    stale = set(SPEC) - registered_routes()
    assert not stale, f"SPEC names routes that no longer exist: {sorted(stale)}"


@dataclass
class World:
    orgs: dict[str, Organisation]
    subject_user: dict[str, User]


@pytest.fixture
def world(geography: None, make_org: Any, make_user: Any) -> World:
    own = make_org("Gemeente Eigen", OrganisationType.GEMEENTE)
    other = make_org("Gemeente Ander", OrganisationType.GEMEENTE)
    return World(
        orgs={"own": own, "other": other},
        subject_user={
            "own": make_user(organisation=own, role=Role.MEDEWERKER, username="subject.own"),
            "other": make_user(organisation=other, role=Role.MEDEWERKER, username="subject.other"),
        },
    )


def _call(client: Client, route: Route, url: str, token: str | None = None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if route.method == "post":
        return client.post(url, data={}, headers=headers).status_code
    return client.get(url, headers=headers).status_code


def _expected_for_role(route: Route, role: str, scope: str, *, operator: bool) -> tuple[int, ...]:
    if route.kind in {"public", "password_only"}:
        return route.ok
    if role not in route.roles or (route.operator_only and not operator):
        # Function-level refusal: 403 page in the UI; in the API the resource does not exist (404).
        return (404,) if route.api else (403,)
    if route.scoped and scope == "other" and not operator:
        return (404,)
    return route.ok


@pytest.mark.parametrize("name", sorted(SPEC))
def test_matrix(name: str, world: World, make_user: Any, make_org: Any) -> None:
    """Every role, acting for its own organisation, on objects of its own and another organisation."""
    route = SPEC[name]
    failures: list[str] = []
    operator_org = make_org("RIEC Beheer", OrganisationType.RIEC, is_operator=True)
    private_org = make_org("Agrarische Vereniging", OrganisationType.AGRARISCH)
    for role in sorted(ALL_ROLES):
        for home, operator in ((world.orgs["own"], False), (operator_org, True), (private_org, False)):
            actor_user = make_user(organisation=home, role=role)
            for scope in ("own", "other"):
                if home != world.orgs["own"] and scope == "own" and route.scoped:
                    continue  # "own" objects belong to Gemeente Eigen; covered by the first home.
                url = reverse(name, kwargs=route.kwargs(world, scope))
                expected = _expected_for_role(route, role, scope, operator=operator)
                client = verified_client(actor_user)
                status = _call(client, route, url)
                if status not in expected:
                    failures.append(
                        f"{role}@{home.name} {route.method.upper()} {url} ({scope}): {status}, expected {expected}"
                    )
                if route.api:
                    _token, raw = api_token_issue(user=actor_user)
                    status = _call(Client(), route, url, token=raw)
                    if status not in expected:
                        failures.append(f"{role}@{home.name} token {url} ({scope}): {status}, expected {expected}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name", sorted(SPEC))
def test_matrix_anonymous_and_half_logged_in(name: str, world: World, make_user: Any) -> None:
    """Without log-in: public routes answer, the rest send to log-in (UI) or answer 401 (API).
    With a password but no second factor: only the log-in steps are reachable."""
    route = SPEC[name]
    url = reverse(name, kwargs=route.kwargs(world, "own"))
    status = _call(Client(), route, url)
    if route.kind == "public":
        assert status in route.ok, f"anonymous {url}: {status}"
    elif route.api:
        assert status == 401, f"anonymous {url}: {status}"
    else:
        assert status == 302, f"anonymous {url}: {status}"

    half = Client()
    half.force_login(make_user(organisation=world.orgs["own"], role=Role.FUNCTIONEEL_BEHEERDER, username="half"))
    status = _call(half, route, url)
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
