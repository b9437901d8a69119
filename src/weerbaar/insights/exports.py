# SPDX-License-Identifier: EUPL-1.2
"""One figure's table as a file, for the page's downloads and the API alike: CSV (semicolon-separated) or a
spreadsheet (XLSX). Both are the same rows of text
(:func:`weerbaar.insights.selectors.table_rows`, so the same suppression and rounding), with the counts written
as numbers and "< 5", "—" and percentages as text. A second sheet says what the table is."""

import csv
import io

import xlsxwriter
from django.utils.translation import gettext as _

from weerbaar.insights import selectors
from weerbaar.insights.filters import Filters
from weerbaar.insights.tables import Table

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
#: The file formats a figure is given in, and their media types.
FORMATS = {"csv": CSV_CONTENT_TYPE, "xlsx": CONTENT_TYPE}


def figure_csv(*, table: Table) -> bytes:
    """The table as CSV text (semicolon-separated, as Dutch spreadsheet programs read it), UTF-8."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(selectors.table_rows(table))
    return buffer.getvalue().encode("utf-8")


def figure_file(*, table: Table, filters: Filters, audience: str, file_format: str) -> bytes:
    """The table in ``file_format`` (a key of :data:`FORMATS`)."""
    if file_format == "xlsx":
        return figure_xlsx(table=table, filters=filters, audience=audience)
    return figure_csv(table=table)


def _sheet_name(text: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in text).strip()
    return cleaned[:31] or "Tabel"


def figure_xlsx(*, table: Table, filters: Filters, audience: str) -> bytes:
    """The table as an XLSX workbook (bytes): a sheet with the table, a sheet with its explanation."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    bold = workbook.add_format({"bold": True})
    figure = table.figure
    sheet = workbook.add_worksheet(_sheet_name(_("Table")))
    rows = selectors.table_rows(table)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            header = r == 0 or c == 0 or (table.totals and r == len(rows) - 1)
            if r > 0 and c > 0 and text.isdigit():
                sheet.write_number(r, c, int(text), bold if header and r == len(rows) - 1 else None)
            else:
                sheet.write_string(r, c, text, bold if header else None)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, max(len(rows[0]) - 1, 1), 14)
    sheet.freeze_panes(1, 1)
    about = workbook.add_worksheet(_sheet_name(_("Explanation")))
    lines = [
        (_("Figure"), str(figure.title)),
        (_("Definition"), str(figure.definition)),
        (_("Period"), f"{filters.query()['van']} - {filters.query()['tot']}"),
        (_("Municipality (CBS code)"), filters.region or _("All")),
        (_("Phenomenon"), filters.phenomenon or _("All phenomena")),
        (_("Audience"), audience),
        (_("Cells left out"), str(table.left_out)),
        (
            _("Disclosure control"),
            _(
                "Every number is a sum of cells of one organisation, one municipality, one month and one category; "
                "a cell of fewer than %(threshold)s is left out of every figure."
            )
            % {"threshold": table.threshold},
        ),
    ]
    if table.dominance_percent is not None:
        lines.append(
            (
                _("Dominance"),
                _("A cell in which one amount is more than %(percent)s %% of its sum is left out as well (%(n)s).")
                % {"percent": table.dominance_percent, "n": table.dominated},
            )
        )
    for r, (label, value) in enumerate(lines):
        about.write_string(r, 0, label, bold)
        about.write_string(r, 1, value)
    about.set_column(0, 0, 30)
    about.set_column(1, 1, 90)
    workbook.close()
    return buffer.getvalue()
