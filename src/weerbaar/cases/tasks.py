# SPDX-License-Identifier: EUPL-1.2
"""Daily jobs of integrated cases: deadline warnings for intervention steps, then retention."""

from datetime import date

from django.tasks import task
from django.utils import timezone

from weerbaar.cases.services import cases_retention_run, intervention_step_warnings_send


def cases_daily_run(*, today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    return {
        "steps_warned": intervention_step_warnings_send(today=today),
        "cases_destroyed": cases_retention_run(today=today),
    }


@task()
def cases_daily() -> dict[str, int]:
    return cases_daily_run()
