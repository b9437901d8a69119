# SPDX-License-Identifier: EUPL-1.2
"""The integrity reports' figure for the situational picture (registered in :mod:`weerbaar.core.figures`).

A report of pressure is confidential: only the integrity coordinator of the reporter's organisation reads
it. The figure is a count per month and nothing more (no kind, no status, no share), read only by holders
of ``insights.organisation`` for their own organisation — the council among them, under its rounding.
"""

from collections.abc import Collection, Iterable
from datetime import date, datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.core.figures import (
    BaseRow,
    ChartKind,
    Columns,
    Figure,
    Rows,
    Series,
    organisation_rows,
    register_figure,
    register_series,
)
from weerbaar.core.policy import Actor
from weerbaar.integrity.models import PressureReport

REPORTS = "meldingen"


def _scope(actor: Actor) -> Q:
    return organisation_rows(actor, Perm.INSIGHTS_ORGANISATION)


def _reports(days: Collection[date] | None) -> Iterable[BaseRow]:
    reports = PressureReport.objects.annotate(day=TruncDate("received_at"))
    if days is not None:
        reports = reports.filter(day__in=list(days))
    for day, organisation_id, n in reports.values_list("day", "organisation_id").annotate(n=Count("id")).order_by():
        yield day, organisation_id, "", REPORTS, n


def _report_days(since: datetime) -> set[date]:
    received = PressureReport.objects.filter(received_at__gte=since).values_list("received_at", flat=True)
    return {timezone.localdate(at) for at in received}


register_series(Series("integrity.reports", ((REPORTS, _("Reports")),), _reports, _report_days, _scope))

register_figure(
    Figure(
        "integriteit-meldingen-per-maand",
        "integrity.reports",
        _("Integrity reports of pressure per month"),
        _("Confidential reports of pressure, offers or conflicts of interest received per month; only the count."),
        Rows.MONTH,
        Columns.TOTAL,
        ChartKind.LINE,
        order=60,
    )
)
