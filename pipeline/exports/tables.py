"""Rows as a flat table of cells (what CSV and XLSX share), CSV and JSON Lines, and the writer for each format."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import get_args, get_origin

from pipeline.exports import DELIMITERS, EXTENSIONS, FORMATS, FORMULA_STARTS
from pipeline.store import SearchRequest
from pipeline.store.browse import DECISION_KIND_LABELS, AttendeeRow, DecisionRow, ExportRow
from schemas.record import Amount

TITLES: dict[type[ExportRow], str] = {DecisionRow: "Beslutsförteckning", AttendeeRow: "Närvaroförteckning"}
SHEET_NAMES: dict[type[ExportRow], str] = {DecisionRow: "Beslut", AttendeeRow: "Närvaro"}
EMPTY: dict[type[ExportRow], str] = {DecisionRow: "Inga beslut motsvarar urvalet.",
                                     AttendeeRow: "Inga sammanträden motsvarar urvalet."}

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
        from pipeline.exports.spreadsheet import to_xlsx

        return to_xlsx(rows, row_type)
    if fmt == "json":
        return to_jsonl(rows)
    if fmt == "docx":
        from pipeline.exports.word import to_docx

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
            cells.append(cell_value(value, row_type.value_labels.get(name)))
    return cells


def cell_value(value: object, labels: dict[str, str] | None) -> Cell:
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


# -- JSON Lines -------------------------------------------------------------------------------

def to_jsonl(rows: Sequence[ExportRow]) -> bytes:
    return "".join(json.dumps(json_object(row), ensure_ascii=False) + "\n" for row in rows).encode()


def json_object(row: ExportRow) -> dict[str, object]:
    """The row's JSON form, its keys in column order."""
    data = row.model_dump(mode="json")
    return {name: data[name] for name in type(row).columns()}


def kronor(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0") + "\u00a0kr"
