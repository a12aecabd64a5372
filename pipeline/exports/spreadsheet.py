"""Rows as an XLSX workbook: a header row, date cells, integer cells, filters, frozen header, column widths."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.exports.tables import SHEET_NAMES, TITLES, FlatTable, csv_text, flat_table
from pipeline.store.browse import ExportRow

MAX_XLSX_WIDTH = 60
AMOUNT_FORMAT = "#,##0"  # Excel shows its locale's thousands separator: 60 000 in Swedish Excel
DATE_FORMAT = "yyyy-mm-dd"


def to_xlsx(rows: Sequence[ExportRow], row_type: type[ExportRow]) -> bytes:
    table = flat_table(rows, row_type)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAMES[row_type]
    sheet.append(table.headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE5EE")
    for values in table.rows:
        sheet.append(values)
    for column, name in enumerate(table.fields, start=1):
        _format_column(sheet, column, name, table)
    sheet.freeze_panes = "A2"
    if table.headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.headers))}{len(table.rows) + 1}"
    workbook.properties.title = TITLES[row_type]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _format_column(sheet: Worksheet, column: int, name: str, table: FlatTable) -> None:
    """Number formats for dates and amounts, text kept text, and a width that fits the column."""
    letter = get_column_letter(column)
    values = [row[column - 1] for row in table.rows]
    widest = max([len(table.headers[column - 1])] + [len(csv_text(v)) for v in values])
    # Prose wraps within a bounded width; a code without spaces (a sha256) keeps its line.
    wrap = widest > MAX_XLSX_WIDTH and any(isinstance(v, str) and " " in v for v in values)
    for cell in sheet[letter][1:]:
        if isinstance(cell.value, date):
            cell.number_format = DATE_FORMAT
        elif isinstance(cell.value, int) and name == "amounts":
            cell.number_format = AMOUNT_FORMAT
        elif isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl would read "=..." as a formula
            if wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions[letter].width = (MAX_XLSX_WIDTH if wrap else widest) + 2
