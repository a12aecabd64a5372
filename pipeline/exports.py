"""Decision lists (beslutsförteckningar) and attendance lists as CSV, XLSX, JSON Lines and DOCX.

Every format writes rows of one ``ExportRow`` type (pipeline/store/browse.py); the columns
are the row model's fields, so a field added to the record's models reaches the exports
without a column list to keep up here.

- CSV: UTF-8 with BOM, ``;`` between fields and CRLF line ends, as Swedish Excel opens it
  without an import dialogue; amounts in whole kronor.
- XLSX: a header row, date cells, integer cells, filters, frozen header, column widths.
- JSON Lines: one object per row, the row model's JSON form.
- DOCX: a heading per meeting (date, organisation, body), then a table of its rows.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import get_args, get_origin

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.store import SearchRequest
from pipeline.store.browse import DECISION_KIND_LABELS, AttendeeRow, DecisionRow, ExportRow
from schemas.record import Amount

FORMATS = ("csv", "xlsx", "json", "docx")
EXTENSIONS = {"csv": ".csv", "xlsx": ".xlsx", "json": ".jsonl", "docx": ".docx"}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/x-ndjson; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DELIMITERS = (";", ",")
TITLES: dict[type[ExportRow], str] = {DecisionRow: "Beslutsförteckning", AttendeeRow: "Närvaroförteckning"}
SHEET_NAMES: dict[type[ExportRow], str] = {DecisionRow: "Beslut", AttendeeRow: "Närvaro"}
EMPTY: dict[type[ExportRow], str] = {DecisionRow: "Inga beslut motsvarar urvalet.",
                                     AttendeeRow: "Inga sammanträden motsvarar urvalet."}
# Spreadsheet programs run a cell that starts so as a formula: such text gets a leading
# apostrophe in CSV (the OWASP advice against formula injection) and is typed text in XLSX.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_XLSX_WIDTH = 60
AMOUNT_FORMAT = "#,##0"  # Excel shows its locale's thousands separator: 60 000 in Swedish Excel
DATE_FORMAT = "yyyy-mm-dd"
DOCX_TEXT_WIDTH_CM = 25.7  # A4 landscape less 2 cm margins
DOCX_CODE_LENGTH = 14
DOCX_CM_PER_CHAR = 0.22  # 9 pt text (bold in the header), a little over its average glyph
DOCX_CELL_PADDING_CM = 0.5  # a cell's left and right margins, and some air
DOCX_TABLE_FONT = Pt(9)

Cell = str | int | date | None


@dataclass
class FlatTable:
    """Rows as cells: one column per scalar field, a list of amounts spread over numbered columns."""

    fields: list[str]  # the row field each column shows (an amounts field once per column)
    headers: list[str]
    rows: list[list[Cell]]


def export(rows: Sequence[ExportRow], row_type: type[ExportRow], fmt: str, *, delimiter: str = ";",
           subtitle: str | None = None) -> bytes:
    """The rows in one of FORMATS, as the bytes of the file."""
    if fmt == "csv":
        return to_csv(rows, row_type, delimiter)
    if fmt == "xlsx":
        return to_xlsx(rows, row_type)
    if fmt == "json":
        return to_jsonl(rows)
    if fmt == "docx":
        return to_docx(rows, row_type, subtitle)
    raise ValueError(f"unknown export format '{fmt}': use one of {', '.join(FORMATS)}")


def describe_selection(request: SearchRequest) -> str:
    """The filters in Swedish, for the head of an exported document ("Urval: från 2024-01-01; ...")."""
    parts = [f"sökord: {request.text}" if request.text.strip() else "",
             f"organisation: {request.organisation}" if request.organisation else "",
             f"organ: {request.body}" if request.body else "",
             f"dokumenttyp: {', '.join(request.kinds)}" if request.kinds else "",
             f"från {request.date_from.isoformat()}" if request.date_from else "",
             f"till {request.date_to.isoformat()}" if request.date_to else "",
             "beslutstyp: " + ", ".join(DECISION_KIND_LABELS[k] for k in request.decision_kinds)
             if request.decision_kinds else "",
             f"person: {request.person}" if request.person else "",
             f"belopp från {kronor(request.min_amount)}" if request.min_amount is not None else "",
             f"belopp till {kronor(request.max_amount)}" if request.max_amount is not None else ""]
    chosen = [p for p in parts if p]
    return "Urval: " + ("; ".join(chosen) if chosen else "hela arkivet")


def file_name(row_type: type[ExportRow], fmt: str) -> str:
    return {DecisionRow: "beslut", AttendeeRow: "narvaro"}[row_type] + EXTENSIONS[fmt]


# -- the flat table CSV and XLSX share ----------------------------------------------------------

def flat_table(rows: Sequence[ExportRow], row_type: type[ExportRow]) -> FlatTable:
    fields: list[str] = []
    headers: list[str] = []
    for name in row_type.columns():
        width = _amount_columns(rows, name) if _is_amount_list(row_type, name) else 1
        for n in range(width):
            fields.append(name)
            headers.append(row_type.label(name) + (f" {n + 1}" if n else ""))
    return FlatTable(fields, headers, [_cells(row, row_type, fields) for row in rows])


def _is_amount_list(row_type: type[ExportRow], name: str) -> bool:
    annotation = row_type.model_fields[name].annotation
    return get_origin(annotation) is list and get_args(annotation) == (Amount,)


def _amount_columns(rows: Sequence[ExportRow], name: str) -> int:
    return max([len(getattr(row, name)) for row in rows] + [1])


def _cells(row: ExportRow, row_type: type[ExportRow], fields: list[str]) -> list[Cell]:
    cells: list[Cell] = []
    for position, name in enumerate(fields):
        value = getattr(row, name)
        if isinstance(value, list) and all(isinstance(v, Amount) for v in value):
            nth = position - fields.index(name)
            cells.append(value[nth].value_sek if nth < len(value) else None)
        else:
            cells.append(_cell(value, row_type.value_labels.get(name)))
    return cells


def _cell(value: object, labels: dict[str, str] | None) -> Cell:
    if value is None or isinstance(value, date | int):
        return value  # type: ignore[return-value]
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    text = str(value)
    return labels.get(text, text) if labels else text


# -- CSV --------------------------------------------------------------------------------------

def to_csv(rows: Sequence[ExportRow], row_type: type[ExportRow], delimiter: str = ";") -> bytes:
    if delimiter not in DELIMITERS:
        raise ValueError(f"unsupported CSV delimiter {delimiter!r}: use ';' or ','")
    table = flat_table(rows, row_type)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(table.headers)
    writer.writerows([[csv_text(cell) for cell in row] for row in table.rows])
    return out.getvalue().encode("utf-8-sig")


def csv_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, int):
        return str(cell)
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


# -- XLSX -------------------------------------------------------------------------------------

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


# -- JSON Lines -------------------------------------------------------------------------------

def to_jsonl(rows: Sequence[ExportRow]) -> bytes:
    return "".join(json.dumps(json_object(row), ensure_ascii=False) + "\n" for row in rows).encode()


def json_object(row: ExportRow) -> dict[str, object]:
    """The row's JSON form, its keys in column order."""
    data = row.model_dump(mode="json")
    return {name: data[name] for name in type(row).columns()}


# -- DOCX -------------------------------------------------------------------------------------

def to_docx(rows: Sequence[ExportRow], row_type: type[ExportRow], subtitle: str | None = None) -> bytes:
    """A heading per meeting (date, organisation, body) and its source, then a table of its rows."""
    document = docx.Document()
    _landscape(document)
    document.core_properties.title = TITLES[row_type]
    document.core_properties.language = "sv-SE"
    document.add_heading(TITLES[row_type], level=0)
    if subtitle:
        document.add_paragraph(subtitle)
    columns = [name for name in row_type.columns() if name not in row_type.meeting_fields]
    if not rows:
        document.add_paragraph(EMPTY[row_type])
    for meeting_rows in _by_meeting(rows):
        first = meeting_rows[0]
        document.add_heading(meeting_heading(first), level=1)
        files = getattr(first, "files", None) or [getattr(first, "source", "")]
        source = document.add_paragraph(f"{'Källor' if len(files) > 1 else 'Källa'}: {', '.join(files)}")
        source.runs[0].font.size = Pt(9)
        _docx_table(document, meeting_rows, row_type, columns)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def meeting_heading(row: ExportRow) -> str:
    """"2024-05-27 · Samordningsförbundet Västmanland · Styrelsen" (what of it the record knows)."""
    day = getattr(row, "meeting_date", None)
    parts = [day.isoformat() if day else "Odaterat", getattr(row, "meeting_organisation", None),
             getattr(row, "meeting_body", None)]
    return " · ".join(p for p in parts if p)


def _by_meeting(rows: Sequence[ExportRow]) -> list[list[ExportRow]]:
    """Consecutive rows of one meeting (else of one document) together (the rows come in meeting order)."""
    def meeting_of(row: ExportRow) -> object:
        return getattr(row, "meeting", None) or getattr(row, "sha256", None)

    groups: list[list[ExportRow]] = []
    for row in rows:
        if groups and meeting_of(groups[-1][0]) == meeting_of(row):
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def _docx_table(document: DocxDocument, rows: Sequence[ExportRow], row_type: type[ExportRow],
                columns: list[str]) -> DocxTable:
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    widths = _docx_widths(rows, row_type, columns)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # the grid: what Word and LibreOffice lay the table out by
    for cell, name, width in zip(table.rows[0].cells, columns, widths, strict=True):
        cell.text = row_type.label(name)
        cell.paragraphs[0].runs[0].font.bold = True
        cell.paragraphs[0].runs[0].font.size = DOCX_TABLE_FONT
        cell.width = width
        _shade(cell)
    _repeat_as_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, name, width in zip(cells, columns, widths, strict=True):
            cell.text = docx_text(getattr(row, name), row_type.value_labels.get(name))
            cell.width = width
            for run in cell.paragraphs[0].runs:
                run.font.size = DOCX_TABLE_FONT
    return table


def docx_text(value: object, labels: dict[str, str] | None = None) -> str:
    """A value as the document prints it: amounts "60 000 kr" one a line, kinds in Swedish."""
    if isinstance(value, list) and all(isinstance(v, Amount) for v in value):
        return "\n".join(kronor(v.value_sek) for v in value)
    cell = _cell(value, labels)
    return "" if cell is None else cell.isoformat() if isinstance(cell, date) else str(cell)


def kronor(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0") + "\u00a0kr"


def _docx_widths(rows: Sequence[ExportRow], row_type: type[ExportRow], columns: list[str]) -> list[Cm]:
    """Short codes ("SVM § 26", "60 000 kr") get room for their longest value on one line; the
    prose columns share the rest of the page in proportion to their typical length."""
    fixed: dict[str, float] = {}
    weights: dict[str, float] = {}
    for name in columns:
        lengths = [len(line) for r in rows
                   for line in docx_text(getattr(r, name), row_type.value_labels.get(name)).split("\n")] or [0]
        label_word = max(len(word) for word in row_type.label(name).split())
        if max(lengths) <= DOCX_CODE_LENGTH:
            fixed[name] = max(label_word, max(lengths)) * DOCX_CM_PER_CHAR + DOCX_CELL_PADDING_CM
        else:
            weights[name] = max(label_word, min(sum(lengths) / len(lengths), 60.0))
    left = max(DOCX_TEXT_WIDTH_CM - sum(fixed.values()), 2.0 * len(weights))
    total = sum(weights.values()) or 1.0
    return [Cm(fixed[name] if name in fixed else left * weights[name] / total) for name in columns]


def _landscape(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))


def _shade(cell: _Cell) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "DDE5EE")
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_as_header(row: _Row) -> None:
    """The header row repeats on every page a long table runs over."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)
