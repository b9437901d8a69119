# SPDX-License-Identifier: EUPL-1.2
from typing import Any

from django.contrib.auth import get_user_model
from django.tasks import task

from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.services import audit_chain_check


@task()
def audit_chain_check_task(*, user_uuid: str, organisation_uuid: str) -> dict[str, Any]:
    """Check the whole chain for the one who asked; the outcome is recorded in their organisation's trail."""
    user = get_user_model().objects.filter(uuid=user_uuid).first() if user_uuid else None
    actor = actor_for(user=user, organisation_uuid=organisation_uuid or None)
    report = audit_chain_check(actor=actor, mode="background")
    return {"ok": report.ok, "count": report.count}
