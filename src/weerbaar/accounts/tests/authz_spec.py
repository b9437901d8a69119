# SPDX-License-Identifier: EUPL-1.2
"""Who may use the account routes that are not in the core spec (see ``tests/authz.py``)."""

from tests.authz import ADMIN, Route, _user_kwargs

SPEC: dict[str, Route] = {
    "accounts:user_reactivate": Route("roles", ADMIN, method="post", ok=(302,), scoped="own_org", kwargs=_user_kwargs),
}
