# SPDX-License-Identifier: EUPL-1.2
"""``/inzichten/``: every figure the viewer may read, as a chart and a table, with filters in the query
string; ``/inzichten/<figuur>.csv``: one table as CSV, and ``/inzichten/<figuur>.xlsx`` as a spreadsheet,
through the same suppression, audited as an export. The reports live in ``insights.reports.views``."""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET

from weerbaar.accounts.constants import Perm
from weerbaar.audit.constants import AuditAction
from weerbaar.audit.services import audit_event_record
from weerbaar.core.disclosure import rules_for
from weerbaar.core.figures import outlines_for
from weerbaar.core.policy import access, actor_of, permission
from weerbaar.core.sections import sections_readable
from weerbaar.insights import exports, selectors
from weerbaar.insights.audiences import audience_of
from weerbaar.insights.charts import svg
from weerbaar.insights.filters import FilterError, Filters, filters_parse, phenomena
from weerbaar.insights.maps import map_build, map_figures
from weerbaar.insights.reports.selectors import may_read_reports
from weerbaar.insights.tables import chart_spec
from weerbaar.insights.tasks import refresh_if_stale


def _filters(request: HttpRequest) -> tuple[Filters | None, dict[str, str]]:
    try:
        return filters_parse(request.GET.dict()), {}
    except FilterError as error:
        return None, error.errors


@require_GET
@access(permission(Perm.INSIGHTS_VIEW))
def dashboard_view(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    refresh_if_stale()
    audience = audience_of(actor)
    rules = rules_for(audience)
    filters, errors = _filters(request)
    shown, sections = [], []
    dashboard_map, map_choices = None, map_figures(actor=actor)
    if filters is not None:
        readable = selectors.figures_readable(actor=actor)
        cells = selectors.base_cells_by_series(actor=actor, figures=readable, filters=filters)
        for figure in readable:
            item = selectors.figure_table(
                actor=actor, figure=figure, filters=filters, rules=rules, cells=cells.get(figure.series, [])
            )
            table = item.table
            spec = chart_spec(table, str(figure.title))
            rows = [
                {"label": label, "cells": row_cells, "share": table.shares[i] if table.shares else ""}
                for i, ((_key, label), row_cells) in enumerate(zip(table.rows, table.cells, strict=True))
            ]
            query = urlencode(filters.query())
            csv_url = f"{reverse('insights:csv', args=[figure.slug])}?{query}"
            xlsx_url = f"{reverse('insights:xlsx', args=[figure.slug])}?{query}"
            shown.append(
                {
                    "item": item,
                    "chart": svg(spec, f"chart-{figure.slug}"),
                    "rows": rows,
                    "csv_url": csv_url,
                    "xlsx_url": xlsx_url,
                }
            )
        chosen = request.GET.get("kaart", "")
        on_map = next((f for f in map_choices if f.slug == chosen), map_choices[0] if map_choices else None)
        if on_map is not None:
            dashboard_map = map_build(
                actor=actor,
                figure=on_map,
                filters=filters,
                rules=rules,
                cells=cells.get(on_map.series, []),
                outlines=outlines_for(actor),
            )
        audit_event_record(
            actor=actor,
            action=AuditAction.READ,
            object_type="insights.figure",
            details={"audience": str(audience), "figures": len(shown), **filters.query()},
        )
        for section in sections_readable(actor=actor):
            html = render_to_string(section.template, section.context(actor), request=request)
            sections.append({"section": section, "html": html})
            audit_event_record(
                actor=actor,
                action=AuditAction.SEARCH,
                object_type=section.audit_object_type,
                details={"view": section.key},
            )
    status = 400 if errors else 200
    return render(
        request,
        "insights/dashboard.html",
        {
            "figures": shown,
            "map": dashboard_map,
            "map_choices": map_choices,
            "sections": sections,
            "errors": errors,
            "filters": filters,
            "query": filters.query() if filters else {},
            "params": request.GET,
            "phenomena": phenomena(),
            "audience": audience,
            "rules": rules,
            "refreshed_at": selectors.refreshed_at(),
            "may_read_reports": may_read_reports(actor),
        },
        status=status,
    )


def _export(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    """One figure's table as a file, through the same suppression as the page, audited as an export."""
    actor = actor_of(request)
    figure = selectors.figure_get(actor=actor, slug=slug)
    if figure is None:
        raise Http404
    filters, errors = _filters(request)
    if filters is None:
        return HttpResponse("\n".join(errors.values()), status=400, content_type="text/plain; charset=utf-8")
    audience = audience_of(actor)
    table = selectors.figure_table(actor=actor, figure=figure, filters=filters, rules=rules_for(audience)).table
    audit_event_record(
        actor=actor,
        action=AuditAction.EXPORT,
        object_type="insights.figure",
        details={"figure": slug, "audience": str(audience), "format": file_format, **filters.query()},
    )
    response = HttpResponse(
        exports.figure_file(table=table, filters=filters, audience=str(audience), file_format=file_format),
        content_type=exports.FORMATS[file_format],
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}.{file_format}"'
    return response


@require_GET
@access(permission(Perm.INSIGHTS_VIEW))
def figure_csv_view(request: HttpRequest, slug: str) -> HttpResponse:
    return _export(request, slug, "csv")


@require_GET
@access(permission(Perm.INSIGHTS_VIEW))
def figure_xlsx_view(request: HttpRequest, slug: str) -> HttpResponse:
    return _export(request, slug, "xlsx")
