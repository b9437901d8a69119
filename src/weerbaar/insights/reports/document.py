# SPDX-License-Identifier: EUPL-1.2
"""The content of a report and its PDF: the figures (chart from the same spec as the dashboard, and the table)
through the maker's scope and the report's audience, the analyst's sections, and how the figures were counted.
Rendered by the platform's document kit (:mod:`weerbaar.core.documents`)."""

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from weerbaar.core.disclosure import Audience, Rules
from weerbaar.core.documents import document_render
from weerbaar.core.figures import Figure
from weerbaar.core.policy import Actor
from weerbaar.core.sections import council_report_sections
from weerbaar.insights import selectors
from weerbaar.insights.charts import svg
from weerbaar.insights.constants import ReportKind
from weerbaar.insights.filters import Filters
from weerbaar.insights.models import Report
from weerbaar.insights.tables import Table, chart_spec

TEMPLATE = "insights/documents/report.html"

#: Published kinds read under the public or the council's rules; the others under the maker's own.
_KIND_AUDIENCE = {
    ReportKind.RAAD_OPENBAAR: Audience.PUBLIC,
    ReportKind.RAAD_VERTROUWELIJK: Audience.COUNCIL,
    ReportKind.JAARVERANTWOORDING: Audience.COUNCIL,
    # Read in the partnership's working group, private partners included: aggregates only, under their rules.
    ReportKind.VOORTGANG_GEBIED: Audience.PARTNERS,
}
#: Kinds about one subject: only the figures of these series (by the registering app's key) go in.
_KIND_SERIES = {ReportKind.VOORTGANG_GEBIED: ("partnerships.", "certification.")}
#: From the finest to the coarsest: a report is never finer than its maker may read.
_COARSENESS = [Audience.INTERNAL, Audience.PARTNERS, Audience.COUNCIL, Audience.PUBLIC]


def report_audience(kind: str, maker: Audience) -> Audience:
    """The audience whose rules a report of ``kind`` follows: the kind's, or the maker's when that is coarser."""
    wanted = _KIND_AUDIENCE.get(ReportKind(kind), maker)
    return max(wanted, maker, key=_COARSENESS.index)


def report_figures_of(kind: str, figures: list[Figure]) -> list[Figure]:
    """The figures a report of ``kind`` shows, of those its maker may read: all, or its subject's only."""
    prefixes = _KIND_SERIES.get(ReportKind(kind))
    return figures if prefixes is None else [f for f in figures if f.series.startswith(prefixes)]


#: The kind that carries the sections the domain apps give a report to the council (training completion): only
#: the confidential report to the council. A section is about the organisation's own staff (who passed a
#: module, per department), counted under its own rules and not made of base cells: it goes to the council,
#: whose confidential documents stay in the town hall, and not into a report that may be published. The RIEC's
#: annual accountability is about the RIEC's work, not about a municipality's staff.
_SECTION_KINDS = (ReportKind.RAAD_VERTROUWELIJK,)


@dataclass(frozen=True)
class ReportSection:
    title: str
    html: SafeString


def report_sections(report: Report) -> list[ReportSection]:
    """The domain apps' sections of the confidential report to the council: each app's own selector decides
    what the council of the report's organisation may read. None for other kinds."""
    if ReportKind(report.kind) not in _SECTION_KINDS:
        return []
    sections = []
    for section in council_report_sections():
        if section.council_report is None:
            continue
        context = section.council_report(report.organisation_id)
        # The section's own template, rendered with autoescaping: its output is safe HTML.
        html = mark_safe(render_to_string(section.report_template, context))  # noqa: S308
        sections.append(ReportSection(str(section.title), html))
    return sections


def audience_label(audience: Audience) -> str:
    return {
        Audience.INTERNAL: _("internal: the organisation's own staff"),
        Audience.PARTNERS: _("partners"),
        Audience.COUNCIL: _("the council: rounded to 5"),
        Audience.PUBLIC: _("the public: rounded to 5"),
    }[audience]


def report_classification(kind: str) -> str:
    """What is printed on every page: only the public report to the council may be published."""
    return _("Public") if kind == ReportKind.RAAD_OPENBAAR else _("Confidential")


def report_filters(report: Report) -> Filters:
    return Filters(report.period_start, report.period_end, report.region, report.phenomenon)


@dataclass(frozen=True)
class ReportFigure:
    figure: Figure
    chart: SafeString
    columns: list[str]
    rows: list[dict[str, Any]]
    totals: list[str]
    has_shares: bool
    left_out: int
    filtered_by_phenomenon: bool
    widths: list[int]
    #: The table itself (its threshold and what was left out, for the caption).
    table: Table


def _widths(data_columns: int) -> list[int]:
    """Column widths in steps of 5 % adding up to 100: the figures share 70 %, the label takes the rest."""
    each = max(5, (70 // max(data_columns, 1)) // 5 * 5)
    return [100 - each * data_columns, *([each] * data_columns)]


def report_figure(*, actor: Actor, figure: Figure, filters: Filters, rules: Rules) -> ReportFigure:
    """One figure as the report shows it: the dashboard's table and chart spec, through the same selector."""
    item = selectors.figure_table(actor=actor, figure=figure, filters=filters, rules=rules)
    table = item.table
    rows = [
        {"label": label, "cells": cells, "share": table.shares[i] if table.shares else ""}
        for i, ((_key, label), cells) in enumerate(zip(table.rows, table.cells, strict=True))
    ]
    columns = [label for _key, label in table.columns]
    return ReportFigure(
        figure=figure,
        chart=svg(chart_spec(table, str(figure.title)), f"chart-{figure.slug}"),
        columns=columns,
        rows=rows,
        totals=table.totals,
        has_shares=bool(table.shares),
        left_out=table.left_out,
        filtered_by_phenomenon=item.filtered_by_phenomenon,
        widths=_widths(len(columns) + (1 if table.shares else 0)),
        table=table,
    )


def report_pdf(
    *,
    report: Report,
    figures: list[ReportFigure],
    audience: Audience,
    rules: Rules,
    region_name: str,
    sections: list[ReportSection] | None = None,
) -> bytes:
    return document_render(
        template=TEMPLATE,
        context={
            "report": report,
            "figures": figures,
            "sections": sections or [],
            "audience": audience_label(audience),
            "rules": rules,
            "region_name": region_name,
            "kind_label": ReportKind(report.kind).label,
        },
        title=report.title,
        classification=report_classification(report.kind),
    )
