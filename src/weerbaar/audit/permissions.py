# SPDX-License-Identifier: EUPL-1.2
"""Auditors and the privacy officer read the audit events of their own organisation (the operator's: of all)."""

from typing import Any

from weerbaar.accounts.constants import Perm
from weerbaar.core.permissions import Area, declare
from weerbaar.core.policy import Actor, register

declare(
    Perm.AUDIT_VIEW,
    area=Area.PLATFORM,
    private_allowed=True,
    screening_required=False,
    description="Read who did what in one's own organisation (the audit trail); the operator's, in every one.",
)


@register(Perm.AUDIT_VIEW)
def view_audit(actor: Actor, obj: Any) -> bool:
    if actor.organisation is None:
        return False
    if obj is None or actor.organisation.is_operator:
        return True
    return getattr(obj, "organisation_uuid", None) == actor.organisation.uuid
