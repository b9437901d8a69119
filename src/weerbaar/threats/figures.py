# SPDX-License-Identifier: EUPL-1.2
"""The threats' figures for the situational picture (registered in :mod:`weerbaar.core.figures`).

Counted as the threat figures are (``incident_counted``: the own organisation's, for ``threats.insight``) or,
for the organisation as a whole, with ``insights.organisation`` (the programme manager, the council). No
region: an incident belongs to the organisation whose office holder or staff member was threatened.
"""

from collections.abc import Collection, Iterable
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet
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
    either,
    on_days,
    organisation_rows,
    register_figure,
    register_series,
)
from weerbaar.core.policy import Actor
from weerbaar.threats.constants import Channel
from weerbaar.threats.models import Incident
from weerbaar.threats.scopes import incident_counted

REPORTED, NOT_REPORTED = "aangifte", "geen-aangifte"
INCIDENTS = "incidenten"


def _scope(actor: Actor) -> Q:
    return either(incident_counted(actor), organisation_rows(actor, Perm.INSIGHTS_ORGANISATION))


def _incidents(days: Collection[date] | None) -> QuerySet[Incident]:
    """The incidents that happened on ``days`` (every one when None)."""
    if days is None:
        return Incident.objects.all()
    return Incident.objects.filter(on_days("occurred_at", days))


def _forms(days: Collection[date] | None) -> Iterable[BaseRow]:
    rows = (
        _incidents(days)
        .annotate(day=TruncDate("occurred_at"))
        .values_list("day", "organisation_id", "channel")
        .annotate(n=Count("id"))
        .order_by()
    )
    for day, organisation_id, channel, n in rows:
        yield day, organisation_id, "", channel, n


def _police(days: Collection[date] | None) -> Iterable[BaseRow]:
    rows = (
        _incidents(days)
        .annotate(day=TruncDate("occurred_at"))
        .values("day", "organisation_id")
        .annotate(
            reported=Count("id", filter=Q(police_report_filed_at__isnull=False)),
            total=Count("id"),
        )
        .order_by()
    )
    for row in rows:
        if row["reported"]:
            yield row["day"], row["organisation_id"], "", REPORTED, row["reported"]
        if row["total"] - row["reported"]:
            yield row["day"], row["organisation_id"], "", NOT_REPORTED, row["total"] - row["reported"]


def _regions(days: Collection[date] | None) -> Iterable[BaseRow]:
    """Incidents by the municipality of the person threatened (the municipality organisation's CBS code)."""
    rows = (
        _incidents(days)
        .annotate(day=TruncDate("occurred_at"))
        .values_list("day", "organisation_id", "victim_person__municipality__municipality__code")
        .annotate(n=Count("id"))
        .order_by()
    )
    for day, organisation_id, region, n in rows:
        yield day, organisation_id, region or "", INCIDENTS, n


def _changed_days(since: datetime) -> set[date]:
    changed = Incident.objects.filter(updated_at__gte=since).values_list("occurred_at", flat=True)
    return {timezone.localdate(at) for at in changed}


register_series(Series("threats.forms", tuple(Channel.choices), _forms, _changed_days, _scope))
register_series(
    Series(
        "threats.police",
        ((REPORTED, _("Reported to the police")), (NOT_REPORTED, _("Not reported"))),
        _police,
        _changed_days,
        _scope,
    )
)
register_series(Series("threats.regions", ((INCIDENTS, _("Incidents")),), _regions, _changed_days, _scope))

register_figure(
    Figure(
        "dreigingen-per-maand",
        "threats.forms",
        _("Threats per month"),
        _("Aggression and threats against office holders and staff, per month in which they happened."),
        Rows.MONTH,
        Columns.TOTAL,
        ChartKind.LINE,
        order=30,
    )
)
register_figure(
    Figure(
        "dreigingen-per-vorm",
        "threats.forms",
        _("Threats by form"),
        _("Incidents in the period by the way the threat reached the person (in person, by phone, online, …)."),
        Rows.CATEGORY,
        Columns.TOTAL,
        order=31,
    )
)
register_figure(
    Figure(
        "dreigingen-aangifte",
        "threats.police",
        _("Threats reported to the police"),
        _("Incidents per month by whether a police report was filed, with the share reported."),
        Rows.MONTH,
        share=REPORTED,
        order=32,
    )
)
register_figure(
    Figure(
        "dreigingen-per-gemeente",
        "threats.regions",
        _("Threats per municipality"),
        _("Incidents in the period by the municipality of the person threatened (empty: not known)."),
        Rows.REGION,
        Columns.TOTAL,
        order=33,
    )
)
