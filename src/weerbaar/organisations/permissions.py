# SPDX-License-Identifier: EUPL-1.2
"""Organisations are a public directory (names, types, regions); only the operator manages them."""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, any_object, register

declare(
    Perm.ORGANISATIONS_VIEW,
    area=Area.PLATFORM,
    private_allowed=True,
    screening_required=False,
    description="Read the directory of organisations.",
)
declare(
    Perm.ORGANISATIONS_MANAGE,
    area=Area.PLATFORM,
    private_allowed=True,
    screening_required=False,
    description="Create and change organisations (the platform operator's administrators).",
)

register(Perm.ORGANISATIONS_VIEW)(any_object)


@register(Perm.ORGANISATIONS_MANAGE)
def manage_organisations(actor: Actor, obj: Any) -> bool:
    return actor.organisation is not None and actor.organisation.is_operator
