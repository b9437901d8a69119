# SPDX-License-Identifier: EUPL-1.2
"""Organisations are a public directory (names, types, regions); only the operator manages them."""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.policy import Actor, any_object, register

register(Perm.ORGANISATIONS_VIEW)(any_object)
register(Perm.GEO_VIEW)(any_object)


@register(Perm.ORGANISATIONS_MANAGE)
def manage_organisations(actor: Actor, obj: Any) -> bool:
    return actor.organisation is not None and actor.organisation.is_operator
