# SPDX-License-Identifier: EUPL-1.2
from django.tasks import task

from weerbaar.insights.reports.services import report_generate


@task()
def report_generate_task(report_id: int) -> int | None:
    """Make one report (its progress is in the report itself); the number of the version made, or None."""
    version = report_generate(report_id=report_id)
    return version.number if version is not None else None
