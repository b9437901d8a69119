# SPDX-License-Identifier: EUPL-1.2
"""Rules for managing accounts: own organisation only; the platform operator manages all."""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, register


@register(Perm.USERS_MANAGE)
def manage_users(actor: Actor, obj: Any) -> bool:
    if obj is None:
        return actor.organisation is not None
    if actor.organisation is not None and actor.organisation.is_operator:
        return True
    return actor.organisation_id is not None and getattr(obj, "home_organisation_id", None) == actor.organisation_id
