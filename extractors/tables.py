"""Money in tables: each money cell becomes a TableAmount with its row label and column
header as printed, scaled by the table's unit (kr, tkr, mkr).

Tables of counts or shares (antal, andel, %) are not money; a row without a label of its
own is left out; a table without a header row gives its cells the column "". The unit is the
one a cell, the header, the caption or the text above the table states, else kronor. Besides
ruled tables the reader found, a run of lines whose cells are set apart by wide gaps or tabs is
read as a table too, its columns aligned by position: three rows of figures, or two label–amount
rows when money is named in them or above them.
"""

from __future__ import annotations

import itertools
import re

from extractors.amounts import NUMBER, find_money, parse_number
from extractors.text import clean
from extractors.vocabulary import (
    CURRENCY_BEFORE,
    CURRENCY_UNIT,
    ITEM_NUMBER_CELL,
    NOT_MONEY_HEADER,
    SCALE_WORD,
    table_unit,
    talks_money,
    unit_scale,
)
from schemas.layout import Line, Segment, Table
from schemas.record import TableAmount

# A cell that holds one figure: a sign ("-", "−", "–", "+") or brackets for a negative, the
# currency before or its unit after ("1 234 tkr", "kr 500", "45 210kr", "+ 1 234kr").
CELL_NUMBER = re.compile(
    rf"^(?:(?P<currency>{CURRENCY_BEFORE})\s?)?(?P<sign>[-−–+]\s?)?\(?(?P<number>{NUMBER})\)?"
    rf"\s*(?P<unit>(?:{SCALE_WORD}\s*)?{CURRENCY_UNIT}|{SCALE_WORD})?\.?$",
    re.IGNORECASE,
)
# Header words that make a grid of figures money; with the money words of the vocabulary, a
# budget year ("Plan 2025") or a balance date ("2023-08-31").
MONEY_HEADER = re.compile(r"plan\s+\d{4}|\d{4}\s*-\s*\d{2}\s*-\s*\d{2}", re.IGNORECASE)
YEAR = re.compile(r"^(?:19|20)\d{2}$")
DATE_CELL = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{1,2}/\d{1,2}(?:/\d{2,4})?$")
# Figures written to the öre ("950.00", "45 389,01") are sums of money; a time ("13.30") is not.
ORE_FIGURE = re.compile(r"\d{3}[.,]\d{2}$")
# Lines of text above a gap-set table that may state its unit or its subject.
CAPTION_LINES = 2


def table_amounts(table: Table) -> list[TableAmount]:
    rows = [[clean(c) if c else "" for c in row] for row in table.rows]
    rows = [r for r in rows if any(r)]
    header_at = _header_row(rows)
    header = _merged_header(rows, header_at) if header_at is not None else []
    data = rows[header_at + 1:] if header_at is not None else rows
    caption = table.caption or ""
    context = " ".join([caption, *header])
    if NOT_MONEY_HEADER.search(" ".join(header)) and not re.search(r"\bkr\b|tkr|belopp", context, re.I):
        return []
    if not _is_money_table(context, data, headed=header_at is not None):
        return []
    scale = _scale(caption, header)
    found: list[TableAmount] = []
    for row in data:
        label_at = _label_at(row)
        if label_at is None:
            continue
        label = re.sub(r"^\d{2,6}(?:\s*\+\s*\d{2,6})*\s+(?=\D)", "", row[label_at].strip())
        for j in range(label_at + 1, len(row)):
            value = _cell_value(row[j], scale)
            column = header[j] if j < len(header) else ""
            if value is None or (header and not column) or "%" in row[j]:
                continue
            found.append(TableAmount(row=label, column=column, value_sek=value, page=table.page))
    return found


def _label_at(row: list[str]) -> int | None:
    """The row's label: its first cell of words (or a date, as in an account statement) that is
    no figure."""
    return next((i for i, c in enumerate(row) if c and (_has_letters(c) or DATE_CELL.match(c))
                 and not _is_figure(c)), None)


def is_data_table(table: Table) -> bool:
    """A grid of figures (budget, statistics), as against a grid used to lay out text."""
    skip = 1 if _numbers_items(table.rows) else 0
    cells = [clean(c) for row in table.rows for c in row[skip:] if c and clean(c)]
    if not cells:
        return False
    if max(len(c) for c in cells) > 150:
        return False  # paragraphs of running text in the cells
    figures = sum(1 for c in cells if _is_figure(c) or re.fullmatch(r"[-–\d\s%,.()]+", c))
    return figures >= 0.3 * len(cells)




def _numbers_items(rows: list[list[str]]) -> bool:
    """A first column of rising point numbers ("Punkt" 1, 2, 3 or § 4, 6, 8) numbers the
    agenda of minutes set in a grid; its figures are no data."""
    numbers = [int(m.group(1)) for row in rows if row and (m := ITEM_NUMBER_CELL.match(clean(row[0] or "")))]
    return len(numbers) >= 2 and all(b > a for a, b in itertools.pairwise(numbers))


def _header_row(rows: list[list[str]]) -> int | None:
    """The first row that names columns: no figures in it (years aside), preferably two or
    more names; a two-column table has a single one ("" | "Budget 2025")."""
    for needed in (2, 1):
        for i, row in enumerate(rows[:4]):
            filled = [c for c in row if c]
            figures = any(_is_figure(c) and not YEAR.match(c) for c in filled)
            if len(row) >= 2 and len(filled) >= needed and not figures:
                if needed == 1 and not (row[-1] and _has_letters(row[-1])):
                    continue  # a section row ("INTÄKTER" | "" | "") names no column
                return i
    return None


def _merged_header(rows: list[list[str]], at: int) -> list[str]:
    """A header wrapped over two rows ("Avvikelse prognos" / "från budget") reads as one."""
    header = list(rows[at])
    if at + 1 < len(rows):
        below = rows[at + 1]
        if not any(_is_figure(c) for c in below if c) and not any(below[:1]) and any(below[1:]):
            for j, cell in enumerate(below):
                if j < len(header) and cell:
                    header[j] = clean(f"{header[j]} {cell}")
    return header


def _is_money_table(context: str, data: list[list[str]], headed: bool) -> bool:
    """Money is named in the caption or header, or the figures say so: a currency in a cell, two
    figures to the öre, or (under a header that names no count) two figures in thousands."""
    if talks_money(context) or MONEY_HEADER.search(context):
        return True
    values = [c for row in data for c in row if c and _is_figure(c)]
    if any(_cell_unit(c) for c in values):
        return True
    if sum(1 for c in values if ORE_FIGURE.search(c)) >= 2:
        return True
    return headed and sum(1 for c in values if re.search(r"\d[ \u00a0.]\d{3}\b", c)) >= 2


def _scale(caption: str, header: list[str]) -> int:
    """The unit the header or the caption states ("Budget (tkr)", "Belopp i tusen kronor"),
    amounts written in them aside ("ramen är 12 tkr" states no unit); else kronor."""
    for text in (" ".join(header), caption):
        spans = [(m.start, m.end) for m in find_money(text)]
        for start, end in reversed(spans):
            text = text[:start] + " " + text[end:]
        unit = table_unit(text)
        if unit:
            return unit
    return 1


def _cell_value(cell: str, scale: int = 1) -> int | None:
    """The kronor a money-like cell holds, by its own unit or else the table's ``scale``; None
    for text."""
    text = cell.strip()
    match = CELL_NUMBER.match(text)
    if not match:
        return None
    unit = match.group("unit") or match.group("currency") or ""
    value = parse_number(match.group("number"), unit_scale(unit) if unit else scale)
    if value is None:
        return None
    negative = (match.group("sign") or "").strip() in ("-", "−", "–") or (text.startswith("(") and text.endswith(")"))
    return -value if negative else value


def _is_figure(cell: str) -> bool:
    return _cell_value(cell) is not None


def _cell_unit(cell: str) -> bool:
    match = CELL_NUMBER.match(cell.strip())
    return bool(match and (match.group("unit") or match.group("currency")))


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def column_tables(lines: list[Line]) -> list[tuple[list[int], Table]]:
    """Tables set with gaps or tabs instead of rules: runs of lines with a label and figures in
    two or more columns, with the header line(s) above them. Three rows of figures make a table;
    two label–amount rows do when a currency is in their cells or money is named in their header
    or the lines above. Returns the line indexes of each."""
    found: list[tuple[list[int], Table]] = []
    i = 0
    while i < len(lines):
        if lines[i].table is not None or not _is_value_row(lines[i]):
            i += 1
            continue
        start = end = i
        while end + 1 < len(lines) and lines[end + 1].table is None and (
            _is_value_row(lines[end + 1]) or _is_section_row(lines[end + 1], lines[end])
        ):
            end += 1
        while not _is_value_row(lines[end]):
            end -= 1  # a short line after the figures is the text that follows, not a section row
        body = [lines[k] for k in range(start, end + 1)]
        value_rows = sum(1 for line in body if _is_value_row(line))
        head = _header_lines(lines, start)
        first = head[0] if head else start
        caption = _caption(lines, first)
        head_text = " ".join(lines[k].text for k in head)
        named = talks_money(head_text) or bool(MONEY_HEADER.search(head_text))
        priced = named or talks_money(caption) or any(_cell_unit(s.text) for line in body for s in line.segments[1:])
        if value_rows >= 3 or (head and named) or (value_rows >= 2 and priced):
            table = _grid([lines[k] for k in head], body)
            if table is not None:
                table.caption = caption or None
                found.append((list(range(first, end + 1)), table))
        i = end + 1
    return found


def _is_value_row(line: Line) -> bool:
    if len(line.segments) < 2:
        return False
    values = [s for s in line.segments[1:] if _is_figure(s.text) and not YEAR.match(s.text.strip())]
    return len(values) >= 1 and len(values) >= len(line.segments) - 2


def _is_section_row(line: Line, previous: Line) -> bool:
    return (len(line.segments) == 1 and len(line.text.split()) <= 6 and line.page == previous.page
            and abs((line.size or 0) - (previous.size or 0)) <= 0.6)


def _header_lines(lines: list[Line], start: int) -> list[int]:
    """The lines right above a run of figures that name its columns: set in the table's own type
    size, without figures (years aside), in two or more cells or set off from the label column.
    One section row ("INTÄKTER") between header and figures is skipped; a line of text at the
    label column above the header is a caption, not part of it."""
    size = lines[start].size or 0
    head: list[int] = []
    skipped = False
    k = start - 1
    while k >= 0 and k >= start - 8 and lines[k].table is None and lines[k].page == lines[start].page:
        line = lines[k]
        if abs((line.size or 0) - size) > 0.6:
            break
        if any(_is_figure(s.text) and not YEAR.match(s.text.strip()) for s in line.segments):
            break
        if len(line.segments) == 1 and line.x0 <= lines[start].x0 + 2:
            if head or skipped:
                break
            skipped = True
            k -= 1
            continue
        head.insert(0, k)
        k -= 1
    return head


def _caption(lines: list[Line], first: int) -> str:
    """The text of the lines right above a table, where its unit ("Belopp i tkr") or subject
    ("Budget") is stated."""
    above: list[str] = []
    k = first - 1
    while k >= 0 and len(above) < CAPTION_LINES and lines[k].table is None and lines[k].page == lines[first].page:
        above.insert(0, lines[k].text)
        k -= 1
    return " ".join(above)


def _grid(header_lines: list[Line], value_lines: list[Line]) -> Table | None:
    """Cells aligned to columns by the right edges of the value cells (figures are set
    flush right); header words go to the column whose span holds them."""
    edges: list[float] = []
    for line in value_lines:
        for segment in line.segments[1:]:
            if _is_figure(segment.text) and not any(abs(segment.x1 - e) < 12 for e in edges):
                edges.append(segment.x1)
    edges.sort()
    if not edges:
        return None
    widths = [s.x1 - s.x0 for ln in value_lines for s in ln.segments[1:] if _is_figure(s.text)]
    label_end = edges[0] - max(widths) - 4

    def column_of(x0: float, x1: float) -> int:
        if x1 <= label_end + 2:
            return 0
        return 1 + min(range(len(edges)), key=lambda c: abs(edges[c] - x1))

    def header_column(centre: float) -> int:
        if centre <= label_end:
            return 0
        for c, edge in enumerate(edges):
            if centre <= edge + 5:
                return 1 + c
        return len(edges)

    width = len(edges) + 1
    header: list[str | None] = [None] * width
    for line in header_lines:
        for segment in line.segments:
            for word, centre in _word_centres(segment):
                col = header_column(centre)
                header[col] = clean(f"{header[col] or ''} {word}")
    rows: list[list[str | None]] = [header]
    for line in value_lines:
        row: list[str | None] = [None] * width
        for k, segment in enumerate(line.segments):
            # A row's first cell of words is its label, however wide (tab-set DOCX cells all are).
            col = 0 if k == 0 and not _is_figure(segment.text) else column_of(segment.x0, segment.x1)
            row[col] = clean(f"{row[col] or ''} {segment.text}")
        rows.append(row)
    return Table(rows=rows, page=(header_lines or value_lines)[0].page)


def _word_centres(segment: Segment) -> list[tuple[str, float]]:
    """Where each word of a segment lies, spreading the segment's width by characters."""
    words = segment.text.split()
    total = max(1, len(segment.text))
    step = (segment.x1 - segment.x0) / total
    out, position = [], 0
    for word in words:
        start = segment.text.index(word, position)
        position = start + len(word)
        out.append((word, segment.x0 + step * (start + len(word) / 2)))
    return out
