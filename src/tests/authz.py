# SPDX-License-Identifier: EUPL-1.2
"""Building blocks of the authorization matrix, shared by every app's ``tests/authz_spec.py``.

An app declares ``SPEC: dict[str, Route]`` for its own routes; the matrix test merges them all.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from weerbaar.accounts.constants import Role
from weerbaar.accounts.models import User
from weerbaar.accounts.services import role_assign
from weerbaar.organisations.models import Organisation

ALL_ROLES = frozenset(Role.values)
ADMIN = frozenset({Role.FUNCTIONEEL_BEHEERDER})
AUDIT = frozenset({Role.AUDITOR, Role.PRIVACY_OFFICER})
#: The retention overview: each policy's responsible role, and the data protection officer.
RETENTION = frozenset(
    {Role.MELDPUNT, Role.VEILIGHEIDSCOORDINATOR, Role.CASUSREGISSEUR, Role.RIEC_ANALIST, Role.PRIVACY_OFFICER}
)
NOBODY: frozenset[str] = frozenset()


@dataclass
class World:
    """Two municipalities' organisations ("own" = Gemeente Eigen in Tilburg, "other" = Gemeente Ander in
    Amsterdam), a staff member in each, and ``cache`` for objects that app specs create lazily."""

    orgs: dict[str, Organisation]
    subject_user: dict[str, User]
    cache: dict[str, Any] = field(default_factory=dict)

    def once(self, key: str, factory: Callable[[], Any]) -> Any:
        if key not in self.cache:
            self.cache[key] = factory()
        return self.cache[key]


@dataclass(frozen=True)
class Route:
    """Who may use a route.

    ``kind``: public | password_only | roles. ``scoped``: objects of another organisation answer 404
    ("own_org": except for the platform operator's administrators; "strict": for everyone).
    Whether a route needs a passed screening or is closed to private partners is not stated here: the
    matrix reads it from the declaration of the permission code the route's view requires
    (:mod:`weerbaar.core.permissions`), the same declaration that decides who holds the code.
    ``object_roles``: when set, only these roles get ``ok`` on an object of their own organisation; the
    route's other roles get 404 there (e.g. an incident: the security coordinator, not a colleague).
    ``get_ok``: for an action that also shows its form on a page of its own (GET and POST on one URL), the
    matrix GETs it too (with ``get_query`` as its query string), expecting these statuses where the POST
    expects ``ok`` and the same refusals.
    """

    kind: str
    roles: frozenset[str] = NOBODY
    method: str = "get"
    ok: tuple[int, ...] = (200,)
    scoped: str = ""
    operator_only: bool = False
    api: bool = False
    object_roles: frozenset[str] | None = None
    get_ok: tuple[int, ...] = ()
    get_query: Callable[[World, str], dict[str, Any]] = field(default=lambda world, scope: {})
    data: Callable[[World, str], dict[str, Any]] = field(default=lambda world, scope: {})
    kwargs: Callable[[World, str], dict[str, Any]] = field(default=lambda world, scope: {})


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


CORE_SPEC: dict[str, Route] = {
    "core:start": Route("roles", ALL_ROLES),
    "core:accessibility": Route("public"),
    "core:retention": Route("roles", RETENTION),
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
    "accounts:user_detail": Route("roles", ADMIN, scoped="own_org", kwargs=_user_kwargs),
    "accounts:role_assign": Route("roles", ADMIN, method="post", ok=(302,), scoped="own_org", kwargs=_user_kwargs),
    "accounts:role_revoke": Route("roles", ADMIN, method="post", ok=(302,), scoped="own_org", kwargs=_role_kwargs),
    "accounts:user_action": Route("roles", ADMIN, scoped="own_org", kwargs=_user_action_kwargs),
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
