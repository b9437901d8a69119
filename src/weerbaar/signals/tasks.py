# SPDX-License-Identifier: EUPL-1.2
from django.tasks import task

from weerbaar.signals.retention import retention_run


@task()
def signals_retention_daily() -> dict[str, int]:
    """Signals' retention policy alone; ``weerbaar.core.tasks.retention_daily`` runs every app's."""
    report = retention_run()
    return {"warned": report.warned, "held": report.held, "deleted": report.deleted}
