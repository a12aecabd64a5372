"""Rows as a DOCX decision or attendance list: a heading per meeting (date, organisation, body),
then a table of its rows."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell, _Row

from pipeline.exports.tables import EMPTY, TITLES, cell_value, kronor
from pipeline.store.browse import ExportRow
from schemas.record import Amount

DOCX_TEXT_WIDTH_CM = 25.7  # A4 landscape less 2 cm margins
DOCX_CODE_LENGTH = 14
DOCX_CM_PER_CHAR = 0.22  # 9 pt text (bold in the header), a little over its average glyph
DOCX_CELL_PADDING_CM = 0.5  # a cell's left and right margins, and some air
DOCX_TABLE_FONT = Pt(9)


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
    cell = cell_value(value, labels)
    return "" if cell is None else cell.isoformat() if isinstance(cell, date) else str(cell)



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
