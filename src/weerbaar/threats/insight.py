# SPDX-License-Identifier: EUPL-1.2
"""Aggregated figures for the organisation (THREATS_INSIGHT). Small counts are suppressed everywhere.

Suppression follows :mod:`weerbaar.core.disclosure` (1-4 shown as "< 5", no share over a suppressed cell); the
same cells feed the page, the bars and the CSV export.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from weerbaar.core.disclosure import THRESHOLD, share, suppress
from weerbaar.core.policy import Actor
from weerbaar.core.scopes import NOTHING
from weerbaar.threats.constants import (
    ONLINE_CHANNELS,
    Channel,
    IncidentForm,
    LinkedProcess,
    TriState,
    VictimRole,
)
from weerbaar.threats.models import Incident
from weerbaar.threats.scopes import incident_counted

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def bar_class(count: int, maximum: int) -> str:
    """CSS class for a bar of this size (steps of 5 %); suppressed cells get no bar length."""
    if count < THRESHOLD or maximum <= 0:
        return "weerbaar-bar--w0"
    return f"weerbaar-bar--w{round(20 * count / maximum) * 5}"


@dataclass
class Row:
    label: str
    cells: list[str]
    total: str


@dataclass
class Table:
    key: str
    title: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Insight:
    year: int
    total: str
    quarters: list[tuple[str, str, str]]  # (quarter label, count, bar class)
    tables: list[Table]
    police_report_rate: str
    influenced_share: str
    online_share: str


def _quarter(moment: datetime) -> int:
    return (moment.astimezone(AMSTERDAM).month - 1) // 3


def insight_for(*, actor: Actor, year: int) -> Insight | None:
    counted = incident_counted(actor)
    if counted is NOTHING:
        return None
    incidents = list(
        Incident.objects.filter(counted, occurred_at__year=year)
        .select_related("victim_person")
        .only(
            "victim_person__office",
            "forms",
            "channel",
            "linked_process",
            "occurred_at",
            "influenced_decision",
            "police_report_filed_at",
        )
    )
    per_quarter = [0, 0, 0, 0]
    for incident in incidents:
        per_quarter[_quarter(incident.occurred_at)] += 1
    maximum = max(per_quarter)
    quarters = [(f"K{i + 1}", suppress(n), bar_class(n, maximum)) for i, n in enumerate(per_quarter)]

    def table(key: str, title: str, choices: Any, values_of: Any) -> Table:
        result = Table(key=key, title=title)
        for value, label in choices:
            counts = [0, 0, 0, 0]
            for incident in incidents:
                if value in values_of(incident):
                    counts[_quarter(incident.occurred_at)] += 1
            result.rows.append(Row(str(label), [suppress(c) for c in counts], suppress(sum(counts))))
        return result

    tables = [
        table("rol", _("By role of the person affected"), VictimRole.choices, lambda i: [i.victim_role]),
        table("vorm", _("By form"), IncidentForm.choices, lambda i: i.forms),
        table("kanaal", _("By channel"), Channel.choices, lambda i: [i.channel]),
        table("proces", _("By linked municipal process"), LinkedProcess.choices, lambda i: [i.linked_process]),
    ]
    total = len(incidents)
    reported = sum(1 for i in incidents if i.police_report_filed_at)
    influenced = sum(1 for i in incidents if i.influenced_decision == TriState.JA)
    online = sum(1 for i in incidents if i.channel in ONLINE_CHANNELS)
    return Insight(
        year=year,
        total=suppress(total),
        quarters=quarters,
        tables=tables,
        police_report_rate=share(reported, total),
        influenced_share=share(influenced, total),
        online_share=share(online, total),
    )


def insight_csv_rows(insight: Insight) -> list[list[str]]:
    """The yearly-monitor layout: indicator; category; Q1..Q4; year — suppressed like the page."""
    rows = [[_("indicator"), _("category"), "K1", "K2", "K3", "K4", str(insight.year)]]
    rows.append([_("incidents"), _("total"), *[q[1] for q in insight.quarters], insight.total])
    for tbl in insight.tables:
        rows.extend([tbl.key, row.label, *row.cells, row.total] for row in tbl.rows)
    rows.append([_("police report rate"), "", "", "", "", "", insight.police_report_rate])
    rows.append([_("share that influenced a decision"), "", "", "", "", "", insight.influenced_share])
    rows.append([_("share online"), "", "", "", "", "", insight.online_share])
    return rows
