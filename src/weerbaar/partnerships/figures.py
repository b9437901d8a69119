# SPDX-License-Identifier: EUPL-1.2
"""The area partnerships' figures for the situational picture (registered in :mod:`weerbaar.core.figures`).

What a partnership shows is decided per partnership (membership and a data-class ceiling), which is narrower
than an organisation: counting an organisation's partnerships for a member of one of them would tell him
about the others. So these counts belong to the lead organisation and are read only by holders of
``insights.organisation`` (the programme manager, the council), as the case figures are.
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
    Outline,
    Rows,
    Series,
    on_days,
    organisation_rows,
    register_figure,
    register_outlines,
    register_series,
)
from weerbaar.core.policy import Actor
from weerbaar.partnerships.constants import AlertTheme
from weerbaar.partnerships.models import AreaAlert
from weerbaar.partnerships.selectors import partnership_list


def _scope(actor: Actor) -> Q:
    return organisation_rows(actor, Perm.INSIGHTS_ORGANISATION)


def _alerts(days: Collection[date] | None) -> Iterable[BaseRow]:
    alerts = AreaAlert.objects.annotate(day=TruncDate("sent_at"))
    if days is not None:
        alerts = alerts.filter(on_days("sent_at", days))
    rows = alerts.values_list("day", "partnership__lead_organisation_id", "theme").annotate(n=Count("id")).order_by()
    for day, organisation_id, theme, n in rows:
        yield day, organisation_id, "", theme, n


def _alert_days(since: datetime) -> set[date]:
    """Alerts are never edited: only the days of new ones."""
    sent = AreaAlert.objects.filter(sent_at__gte=since).values_list("sent_at", flat=True)
    return {timezone.localdate(at) for at in sent}


register_series(Series("partnerships.alerts", tuple(AlertTheme.choices), _alerts, _alert_days, _scope))

register_figure(
    Figure(
        "gebiedssignaleringen-per-maand",
        "partnerships.alerts",
        _("Area alerts per month"),
        _("Alerts sent to the partners of the area partnerships the organisation leads, per month and theme."),
        Rows.MONTH,
        chart=ChartKind.BAR,
        order=40,
    )
)
register_figure(
    Figure(
        "gebiedssignaleringen-per-thema",
        "partnerships.alerts",
        _("Area alerts by theme"),
        _("Alerts sent in the period in the area partnerships the organisation leads, by theme."),
        Rows.CATEGORY,
        Columns.TOTAL,
        order=41,
    )
)


def _outlines(actor: Actor) -> list[Outline]:
    """The areas of the partnerships the actor is a member of (their name and figures are his to read), for
    the situational picture's map."""
    areas = partnership_list(actor=actor).prefetch_related(None).values_list("name", "area")
    return [Outline(name, area) for name, area in areas if area.get("type") in {"Polygon", "MultiPolygon"}]


register_outlines(_outlines)
