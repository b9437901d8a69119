# SPDX-License-Identifier: EUPL-1.2
"""Background work of correlation: notes to other contexts about a new correlation, and the batch
resolution (also run by ``manage.py correlation_resolve``)."""

from typing import Any

from django.tasks import task

from weerbaar.accounts.models import User
from weerbaar.accounts.selectors import actor_for
from weerbaar.correlation.services.resolution import resolution_run
from weerbaar.correlation.services.subjects import contexts_notify


@task()
def correlation_resolve(*, user_uuid: str = "") -> dict[str, Any]:
    user = User.objects.filter(uuid=user_uuid).first() if user_uuid else None
    run = resolution_run(actor=actor_for(user=user) if user is not None else None)
    return dict(run.stats)


@task()
def correlation_notify(*, subject_uuid: str) -> int:
    return contexts_notify(subject_uuid=subject_uuid)
