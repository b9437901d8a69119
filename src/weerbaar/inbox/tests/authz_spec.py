# SPDX-License-Identifier: EUPL-1.2
"""The "My work" routes in the authorization matrix: every logged-in actor, their own work only."""

from tests.authz import ALL_ROLES, Route

SPEC: dict[str, Route] = {
    "inbox:index": Route("roles", ALL_ROLES),
    "inbox:digest": Route("roles", ALL_ROLES, method="post", ok=(302,), data=lambda world, scope: {"daily": "on"}),
}
