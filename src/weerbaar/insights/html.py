# SPDX-License-Identifier: EUPL-1.2
"""A figure's table as HTML, written here rather than by a template loop: the dashboard shows twenty-odd
tables of a dozen rows each, and the template engine spent most of a request's time on their cells. The
markup is the one the dashboard template had; every text goes through ``escape``."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from weerbaar.insights.tables import Table

_TH = '<th class="utrecht-table__header-cell" scope="{}">{}</th>'
_TD = '<td class="utrecht-table__cell">{}</td>'


def table_html(table: Table) -> SafeString:
    slug = escape(table.figure.slug)
    title = escape(str(table.figure.title))
    caption = str(title)
    if table.left_out:
        left_out = ngettext(
            "%(n)s cell of fewer than 5 left out", "%(n)s cells of fewer than 5 left out", table.left_out
        ) % {"n": table.left_out}
        caption = f"{title} — {escape(left_out)}"
    head = [_TH.format("col", f'<span class="weerbaar-visually-hidden">{escape(_("Row"))}</span>')]
    head += [_TH.format("col", escape(label)) for _key, label in table.columns]
    if table.shares:
        head.append(_TH.format("col", escape(_("Share"))))
    body = []
    for i, ((_key, label), cells) in enumerate(zip(table.rows, table.cells, strict=True)):
        row = [_TH.format("row", escape(label)), *(_TD.format(escape(cell)) for cell in cells)]
        if table.shares:
            row.append(_TD.format(escape(table.shares[i])))
        body.append(f'\n    <tr class="utrecht-table__row">{"".join(row)}</tr>')
    foot = ""
    if table.totals:
        totals = [_TH.format("row", escape(_("Total"))), *(_TD.format(escape(cell)) for cell in table.totals)]
        if table.shares:
            totals.append(_TD.format(""))
        foot = f'\n  <tfoot class="utrecht-table__footer"><tr class="utrecht-table__row">{"".join(totals)}</tr></tfoot>'
    html = (
        f'<div class="weerbaar-table-scroll" role="region" aria-labelledby="caption-{slug}" tabindex="0">\n'
        '<table class="utrecht-table">\n'
        f'  <caption class="utrecht-table__caption" id="caption-{slug}">{caption}</caption>\n'
        f'  <thead class="utrecht-table__header"><tr class="utrecht-table__row">{"".join(head)}</tr></thead>\n'
        f'  <tbody class="utrecht-table__body">{"".join(body)}\n  </tbody>{foot}\n'
        "</table>\n</div>"
    )
    return mark_safe(html)  # noqa: S308 - every text in it went through escape()
