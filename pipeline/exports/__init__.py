"""Decision lists (beslutsförteckningar) and attendance lists as CSV, XLSX, JSON Lines and DOCX.

Every format writes rows of one ``ExportRow`` type (pipeline/store/browse.py); the columns
are the row model's fields, so a field added to the record's models reaches the exports
without a column list to keep up here.

- CSV: UTF-8 with BOM, ``;`` between fields and CRLF line ends, as Swedish Excel opens it
  without an import dialogue; amounts in whole kronor.
- XLSX: a header row, date cells, integer cells, filters, frozen header, column widths.
- JSON Lines: one object per row, the row model's JSON form.
- DOCX: a heading per meeting (date, organisation, body), then a table of its rows.

The formats' names live here and load nothing; the writers load when they write:
tables.py (the flat table CSV and XLSX share, CSV, JSON Lines, the choice of writer),
spreadsheet.py (XLSX, openpyxl) and word.py (DOCX, python-docx).
"""

FORMATS = ("csv", "xlsx", "json", "docx")
EXTENSIONS = {"csv": ".csv", "xlsx": ".xlsx", "json": ".jsonl", "docx": ".docx"}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/x-ndjson; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
DELIMITERS = (";", ",")
# Spreadsheet programs run a cell that starts so as a formula: such text gets a leading
# apostrophe in CSV (the OWASP advice against formula injection) and is typed text in XLSX.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
