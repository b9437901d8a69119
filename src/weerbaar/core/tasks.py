# SPDX-License-Identifier: EUPL-1.2
from django.tasks import task

from weerbaar.core.retention import retention_run


@task()
def retention_daily() -> dict[str, dict[str, int]]:
    """Every registered retention policy; the result per policy (counts only)."""
    return {
        report.policy: {"warned": report.warned, "held": report.held, "deleted": report.deleted}
        for report in retention_run()
    }
