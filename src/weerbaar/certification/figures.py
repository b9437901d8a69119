# SPDX-License-Identifier: EUPL-1.2
"""The certification cycle's figures for the situational picture (registered in :mod:`weerbaar.core.figures`).

A cycle belongs to an area partnership, seen per partnership (membership): so, as with the partnerships'
own figures, the counts belong to the partnership's lead organisation and are read by holders of
``insights.organisation`` only.

A measure is overdue when it is planned or in progress and its deadline has passed; it is counted by the
month of its deadline. A deadline passing changes no row, so the days whose deadline passed since the last
refresh are recounted too.
"""

from collections.abc import Collection, Iterable
from datetime import date, datetime

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.certification.constants import MeasureStatus, Phase
from weerbaar.certification.models import CertificationCycle, Measure
from weerbaar.core.figures import (
    OVERDUE,
    BaseRow,
    Columns,
    Figure,
    Rows,
    Series,
    organisation_rows,
    overdue_split,
    register_figure,
    register_series,
)
from weerbaar.core.policy import Actor

OPEN_STATUSES = (MeasureStatus.GEPLAND, MeasureStatus.IN_UITVOERING)


def _scope(actor: Actor) -> Q:
    return organisation_rows(actor, Perm.INSIGHTS_ORGANISATION)


def _phases(days: Collection[date] | None) -> Iterable[BaseRow]:
    cycles = CertificationCycle.objects.all()
    if days is not None:
        cycles = cycles.filter(started_on__in=list(days))
    rows = (
        cycles.values_list("started_on", "partnership__lead_organisation_id", "phase")
        .annotate(n=Count("id"))
        .order_by()
    )
    for day, organisation_id, phase, n in rows:
        yield day, organisation_id, "", phase, n


def _cycle_days(since: datetime) -> set[date]:
    changed = CertificationCycle.objects.filter(Q(created_at__gte=since) | Q(status_changes__at__gte=since))
    return set(changed.values_list("started_on", flat=True).distinct())


def _measures(days: Collection[date] | None) -> Iterable[BaseRow]:
    measures = Measure.objects.all()
    if days is not None:
        measures = measures.filter(deadline__in=list(days))
    today = timezone.localdate()
    rows = (
        measures.values_list("deadline", "cycle__partnership__lead_organisation_id", "status")
        .annotate(
            late=Count("id", filter=Q(status__in=OPEN_STATUSES, deadline__lt=today)),
            n=Count("id"),
        )
        .order_by()
    )
    yield from overdue_split(rows)


def _measure_days(since: datetime) -> set[date]:
    changed = set(Measure.objects.filter(updated_at__gte=since).values_list("deadline", flat=True).distinct())
    passed = Measure.objects.filter(deadline__gte=timezone.localdate(since), deadline__lt=timezone.localdate())
    return changed | set(passed.values_list("deadline", flat=True).distinct())


register_series(Series("certification.phases", tuple(Phase.choices), _phases, _cycle_days, _scope))
register_series(
    Series(
        "certification.measures",
        ((OVERDUE, _("Overdue")), *MeasureStatus.choices),
        _measures,
        _measure_days,
        _scope,
    )
)

register_figure(
    Figure(
        "certificering-per-fase",
        "certification.phases",
        _("Partnerships by certification phase"),
        _(
            "Certification rounds started in the period by the phase they are in now, for the area partnerships "
            "the organisation leads."
        ),
        Rows.CATEGORY,
        Columns.TOTAL,
        order=42,
    )
)
register_figure(
    Figure(
        "maatregelen-status",
        "certification.measures",
        _("Measures of the measures matrix"),
        _(
            "Measures by the month of their deadline and their status now; a measure planned or in progress "
            "whose deadline has passed counts as overdue (area partnerships the organisation leads)."
        ),
        Rows.MONTH,
        share=OVERDUE,
        order=43,
    )
)
