# SPDX-License-Identifier: EUPL-1.2
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.tasks import default_task_backend, task
from django.utils import timezone

from weerbaar.accounts.selectors import actor_for
from weerbaar.audit.sealing import audit_seal_pending, audit_unsealed_count
from weerbaar.audit.services import audit_chain_check


@task()
def audit_chain_check_task(*, user_uuid: str, organisation_uuid: str) -> dict[str, Any]:
    """Check the whole chain for the one who asked; the outcome is recorded in their organisation's trail."""
    user = get_user_model().objects.filter(uuid=user_uuid).first() if user_uuid else None
    actor = actor_for(user=user, organisation_uuid=organisation_uuid or None)
    report = audit_chain_check(actor=actor, mode="background")
    return {"ok": report.ok, "count": report.count}


@task()
def audit_seal_task() -> dict[str, Any]:
    """Seal what can be sealed; while events are still waiting, look again after the interval.

    Commits ask for this task at most once per interval per process, so the last events of a burst can
    commit after a run began: rescheduling while anything is unsealed makes sure they are sealed too.
    """
    outcome = audit_seal_pending()
    waiting = audit_unsealed_count()
    if waiting and default_task_backend.supports_defer:
        later = timezone.now() + timedelta(seconds=settings.AUDIT_SEAL_INTERVAL_SECONDS)
        audit_seal_task.using(run_after=later).enqueue()
    return {"batches": outcome.batches, "events": outcome.events, "settled": outcome.settled, "waiting": waiting}
