# SPDX-License-Identifier: EUPL-1.2
"""Rules for managing accounts: own organisation only; the platform operator manages all."""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register

declare(
    Perm.USERS_MANAGE,
    area=Area.PLATFORM,
    private_allowed=True,
    screening_required=False,
    description="Manage the accounts, roles, screening status and second factors of one's organisation.",
)


@register(Perm.USERS_MANAGE)
def manage_users(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    if actor.organisation is not None and actor.organisation.is_operator:
        return True
    return actor.organisation_id is not None and getattr(obj, "home_organisation_id", None) == actor.organisation_id
