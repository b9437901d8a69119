# SPDX-License-Identifier: EUPL-1.2
"""The cases' figures for the situational picture (registered in :mod:`weerbaar.core.figures`).

A case is seen on need-to-know (membership), which is narrower than an organisation: a member of some of
an organisation's cases may not learn how many others there are. So the organisation's case figures are read
only by holders of ``insights.organisation`` (the programme manager, the council); case members read them
in their own lists.
"""

from collections.abc import Collection, Iterable
from datetime import date, datetime

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts.constants import Perm
from weerbaar.cases.constants import CaseStatus
from weerbaar.cases.models import Case, CaseStatusChange, Intervention
from weerbaar.cases.selectors import programme_summary
from weerbaar.core.disclosure import Unit
from weerbaar.core.figures import (
    AmountRow,
    BaseRow,
    Columns,
    Figure,
    Measure,
    Rows,
    Series,
    on_days,
    organisation_rows,
    register_figure,
    register_series,
)
from weerbaar.core.policy import Actor
from weerbaar.core.sections import Section, register_section

OPEN, CLOSED = "open", "afgesloten"
#: Intervention results; one intervention may have several (a closure and a levy), so they overlap.
RESULTS = (
    ("sluiting", _("Closure")),
    ("bibob-weigering", _("Permit refused or withdrawn (Bibob)")),
    ("invordering", _("Amount levied")),
    ("beslag", _("Amount seized")),
)


def _scope(actor: Actor) -> Q:
    return organisation_rows(actor, Perm.INSIGHTS_ORGANISATION)


def _statuses(days: Collection[date] | None) -> Iterable[BaseRow]:
    cases = Case.objects.annotate(day=TruncDate("created_at"))
    if days is not None:
        cases = cases.filter(on_days("created_at", days))
    rows = cases.values_list("day", "owner_id", "municipality__code", "status").annotate(n=Count("id")).order_by()
    for day, owner_id, region, status, n in rows:
        yield day, owner_id, region or "", CLOSED if status == CaseStatus.AFGESLOTEN else OPEN, n


def _steps(days: Collection[date] | None) -> Iterable[BaseRow]:
    """Cases by the step of the work process they are in now (the programme's cases by status)."""
    cases = Case.objects.annotate(day=TruncDate("created_at"))
    if days is not None:
        cases = cases.filter(on_days("created_at", days))
    rows = cases.values_list("day", "owner_id", "municipality__code", "status").annotate(n=Count("id")).order_by()
    for day, owner_id, region, status, n in rows:
        yield day, owner_id, region or "", status, n


def _results(days: Collection[date] | None) -> Iterable[BaseRow]:
    interventions = Intervention.objects.annotate(day=TruncDate("created_at"))
    if days is not None:
        interventions = interventions.filter(on_days("created_at", days))
    conditions = {
        "sluiting": Q(closure_months__gt=0),
        "bibob-weigering": Q(permit_refused=True),
        "invordering": Q(amount_levied__gt=0),
        "beslag": Q(amount_seized__gt=0),
    }
    rows = (
        interventions.values_list("day", "owner_id", "case__municipality__code")
        .annotate(**{f"n{i}": Count("id", filter=q) for i, q in enumerate(conditions.values())})
        .order_by()
    )
    for day, owner_id, region, *counts in rows:
        for key, n in zip(conditions, counts, strict=True):
            if n:
                yield day, owner_id, region or "", key, n


#: Sums of the results: euros levied and seized (each summed over the interventions that record one), and the
#: months of closure imposed. The count of each base cell is the number of interventions summed.
AMOUNTS = (("invordering", _("Amount levied (EUR)")), ("beslag", _("Amount seized (EUR)")))
CLOSURE_MONTHS = (("sluiting", _("Months of closure")),)


def _sums(days: Collection[date] | None, fields: dict[str, str]) -> Iterable[AmountRow]:
    """Per (day planned, owner, municipality) and category: how many interventions record the field, and the
    sum of it (rounded to whole units once per base row: a cent more or less says nothing)."""
    interventions = Intervention.objects.annotate(day=TruncDate("created_at"))
    if days is not None:
        interventions = interventions.filter(on_days("created_at", days))
    aggregates: dict[str, Count | Sum | Max] = {}
    for i, field in enumerate(fields.values()):
        recorded = Q(**{f"{field}__gt": 0})
        aggregates[f"n{i}"] = Count("id", filter=recorded)
        aggregates[f"s{i}"] = Sum(field, filter=recorded)
        aggregates[f"m{i}"] = Max(field, filter=recorded)
    rows = interventions.values_list("day", "owner_id", "case__municipality__code").annotate(**aggregates).order_by()
    for day, owner_id, region, *values in rows:
        for i, key in enumerate(fields):
            n, total, largest = values[3 * i], values[3 * i + 1], values[3 * i + 2]
            if n:
                yield day, owner_id, region or "", key, n, round(total or 0), round(largest or 0)


def _amounts(days: Collection[date] | None) -> Iterable[AmountRow]:
    return _sums(days, {"invordering": "amount_levied", "beslag": "amount_seized"})


def _closure_months(days: Collection[date] | None) -> Iterable[AmountRow]:
    return _sums(days, {"sluiting": "closure_months"})


def _case_days(since: datetime) -> set[date]:
    """Days of cases created, or whose status changed, since ``since`` (two queries: an OR over the join
    would read every case)."""
    created = Case.objects.filter(created_at__gte=since)
    moved = Case.objects.filter(pk__in=CaseStatusChange.objects.filter(at__gte=since).values("case_id"))
    moments = set(created.values_list("created_at", flat=True)) | set(moved.values_list("created_at", flat=True))
    return {timezone.localdate(at) for at in moments}


def _intervention_days(since: datetime) -> set[date]:
    """New interventions, and every intervention of a case whose status moved (a result is recorded before the
    case moves on to accountability); a result changed without that is caught by the nightly full rebuild."""
    created = Intervention.objects.filter(created_at__gte=since)
    moved = Intervention.objects.filter(case_id__in=CaseStatusChange.objects.filter(at__gte=since).values("case_id"))
    moments = set(created.values_list("created_at", flat=True)) | set(moved.values_list("created_at", flat=True))
    return {timezone.localdate(at) for at in moments}


register_series(Series("cases.status", ((OPEN, _("Open")), (CLOSED, _("Closed"))), _statuses, _case_days, _scope))
register_series(Series("cases.steps", tuple(CaseStatus.choices), _steps, _case_days, _scope))
register_series(Series("cases.results", RESULTS, _results, _intervention_days, _scope, exclusive=False))
register_series(Series("cases.amounts", AMOUNTS, _amounts, _intervention_days, _scope, exclusive=False))
register_series(Series("cases.closures", CLOSURE_MONTHS, _closure_months, _intervention_days, _scope, exclusive=False))

register_figure(
    Figure(
        "casussen-open-gesloten",
        "cases.status",
        _("Cases open and closed"),
        _("Cases by the month they were opened, by whether they are closed now (owning organisation)."),
        Rows.MONTH,
        order=20,
    )
)
register_figure(
    Figure(
        "interventies-resultaten",
        "cases.results",
        _("Results of interventions"),
        _(
            "Interventions by the month they were planned, by recorded result: a closure, a permit refused or "
            "withdrawn after a Bibob screening, an amount levied, an amount seized. One intervention can have "
            "several results, so the columns do not add up (organisation carrying out the intervention)."
        ),
        Rows.MONTH,
        order=21,
    )
)
register_figure(
    Figure(
        "interventies-bedragen",
        "cases.amounts",
        _("Amounts levied and seized"),
        _(
            "Euros levied and euros seized through interventions, by the month the intervention was planned "
            "(organisation carrying out the intervention). A sum is shown only over at least 5 interventions of "
            "one organisation, municipality and month; smaller groups are left out, like small counts. Outside the "
            "organisation's own staff a group is also left out when one intervention makes up more than half of "
            "its sum, and published sums are rounded to 1,000 euros."
        ),
        Rows.MONTH,
        order=21,
        measure=Measure.AMOUNT,
        unit=Unit.EUROS,
    )
)
register_figure(
    Figure(
        "interventies-sluitingsmaanden",
        "cases.closures",
        _("Months of closure"),
        _(
            "The months of closure imposed through interventions, by the month the intervention was planned "
            "(organisation carrying out the intervention). Summed only over at least 5 closures of one "
            "organisation, municipality and month; smaller groups are left out, like small counts. Outside the "
            "organisation's own staff a group is also left out when one closure makes up more than half of its "
            "months, and published sums are rounded to 5 months."
        ),
        Rows.MONTH,
        order=21,
        measure=Measure.AMOUNT,
        unit=Unit.MONTHS,
    )
)
register_figure(
    Figure(
        "casussen-per-status",
        "cases.steps",
        _("Cases by status"),
        _("Cases opened in the period by the step of the work process they are in now (owning organisation)."),
        Rows.CATEGORY,
        Columns.TOTAL,
        order=22,
    )
)
register_figure(
    Figure(
        "casussen-per-gemeente",
        "cases.steps",
        _("Cases per municipality"),
        _("Cases opened in the period by the municipality they concern (owning organisation; empty: not known)."),
        Rows.REGION,
        Columns.TOTAL,
        order=23,
    )
)

# The programme manager's view of the cases, a section of the situational picture: read on need-to-know per
# actor (his own cases exactly, all others only as suppressed counts), so not made of base cells.
register_section(
    Section(
        "programma",
        _("Programme"),
        Perm.CASES_PROGRAMME,
        "cases/_programme_section.html",
        programme_summary,
        audit_object_type="cases.case",
        order=20,
    )
)
