"""Money in tables: each money cell becomes a TableAmount with its row label and column
header as printed, scaled by the table's unit (kr, tkr, mkr).

Tables of counts or shares (antal, andel, %) are not money; a row without a label of its
own is left out. Besides ruled tables the reader found, a run of lines whose cells are
set apart by wide gaps is read as a table too, its columns aligned by position.
"""

from __future__ import annotations

import itertools
import re

from extractors.amounts import parse_number
from extractors.text import clean
from extractors.vocabulary import ITEM_NUMBER_CELL
from schemas.layout import Line, Segment, Table
from schemas.record import TableAmount

CELL_NUMBER = re.compile(
    r"^(?P<sign>[-−–]\s?)?\(?(?P<number>\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d{1,2})?|"
    r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d{1,2})?)\)?\s*(?P<unit>kr|kronor|tkr|sek|:-|mkr|mnkr)?\.?$",
    re.IGNORECASE,
)
MONEY_HEADER = re.compile(
    r"budget|utfall|prognos|kostnad|intäkt|belopp|\bkr\b|tkr|mkr|sek|kronor|resultat|avvikelse|"
    r"kapital|summa|saldo|bokslut|ekonomi|finansiering|medel|inkomst|utgift|debet|kredit|överskott|"
    r"underskott|tillgång|skuld|kassa|bidrag|anslag|plan\s+\d{4}|\d{4}\s*-\s*\d{2}\s*-\s*\d{2}",
    re.IGNORECASE,
)
NOT_MONEY_HEADER = re.compile(r"\bantal\b|\bandel\b|procent|%|timmar|\bst\b|deltagare|personer", re.IGNORECASE)
SCALES = ((re.compile(r"\b(?:mkr|mnkr|msek|miljoner kronor|mn kr)\b", re.IGNORECASE), 1_000_000),
          (re.compile(r"\b(?:tkr|tsek|ksek|tusen kronor|tusentals kronor|tusental kronor)\b", re.IGNORECASE), 1_000))
YEAR = re.compile(r"^(?:19|20)\d{2}$")


def table_amounts(table: Table) -> list[TableAmount]:
    rows = [[clean(c) if c else "" for c in row] for row in table.rows]
    rows = [r for r in rows if any(r)]
    header_at = _header_row(rows)
    if header_at is None:
        return []
    header = _merged_header(rows, header_at)
    context = " ".join([table.caption or "", *header])
    if NOT_MONEY_HEADER.search(" ".join(header)) and not re.search(r"\bkr\b|tkr|belopp", context, re.I):
        return []
    data = rows[header_at + 1:]
    if not _is_money_table(context, data):
        return []
    scale = _scale(context)
    found: list[TableAmount] = []
    for row in data:
        label_at = next((i for i, c in enumerate(row) if c and _has_letters(c) and not _cell_value(c)), None)
        if label_at is None:
            continue
        label = re.sub(r"^\d{2,6}(?:\s*\+\s*\d{2,6})*\s+(?=\D)", "", row[label_at].strip())
        for j in range(label_at + 1, len(row)):
            value = _cell_value(row[j])
            column = header[j] if j < len(header) else ""
            if value is None or not column or "%" in row[j]:
                continue
            number, unit_scale = value
            found.append(TableAmount(row=label, column=column, value_sek=number * (unit_scale or scale),
                                     page=table.page))
    return found


def is_data_table(table: Table) -> bool:
    """A grid of figures (budget, statistics), as against a grid used to lay out text."""
    skip = 1 if _numbers_items(table.rows) else 0
    cells = [clean(c) for row in table.rows for c in row[skip:] if c and clean(c)]
    if not cells:
        return False
    if max(len(c) for c in cells) > 150:
        return False  # paragraphs of running text in the cells
    figures = sum(1 for c in cells if _cell_value(c) or re.fullmatch(r"[-–\d\s%,.()]+", c))
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
            figures = any(_cell_value(c) and not YEAR.match(c) for c in filled)
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
        if not any(_cell_value(c) for c in below if c) and not any(below[:1]) and any(below[1:]):
            for j, cell in enumerate(below):
                if j < len(header) and cell:
                    header[j] = clean(f"{header[j]} {cell}")
    return header


def _is_money_table(context: str, data: list[list[str]]) -> bool:
    if MONEY_HEADER.search(context):
        return True
    values = [c for row in data for c in row if c and _cell_value(c)]
    return any(re.search(r"kr|sek|:-", c, re.IGNORECASE) for c in values) or \
        sum(1 for c in values if re.search(r"\d[ \u00a0.]\d{3}\b", c)) >= 2


def _scale(context: str) -> int:
    for pattern, scale in SCALES:
        if pattern.search(context):
            return scale
    return 1


def _cell_value(cell: str) -> tuple[int, int] | None:
    """(value, unit scale or 0) for a money-like cell, None for text."""
    match = CELL_NUMBER.match(cell.strip())
    if not match:
        return None
    unit = (match.group("unit") or "").casefold()
    unit_scale = {"tkr": 1_000, "mkr": 1_000_000, "mnkr": 1_000_000}.get(unit, 0)
    value = parse_number(match.group("number"), 1)
    if value is None:
        return None
    negative = bool(match.group("sign")) or (cell.strip().startswith("(") and cell.strip().endswith(")"))
    return (-value if negative else value), unit_scale


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


def column_tables(lines: list[Line]) -> list[tuple[list[int], Table]]:
    """Tables set with gaps instead of rules: runs of lines with money-like cells in two or
    more columns, with the header line(s) above them. Returns the line indexes of each."""
    found: list[tuple[list[int], Table]] = []
    i = 0
    while i < len(lines):
        if lines[i].table is not None or not _is_value_row(lines[i]):
            i += 1
            continue
        start = i
        end = i
        while end + 1 < len(lines) and lines[end + 1].table is None and (
            _is_value_row(lines[end + 1]) or _is_section_row(lines[end + 1], lines[end])
        ):
            end += 1
        value_rows = sum(1 for k in range(start, end + 1) if _is_value_row(lines[k]))
        head = _header_lines(lines, start)
        if value_rows >= 3 or (head and MONEY_HEADER.search(" ".join(lines[k].text for k in head))):
            first = head[0] if head else start
            indexes = list(range(first, end + 1))
            body = [lines[k] for k in range(start, end + 1)]
            table = _grid([lines[k] for k in head], body)
            if table is not None:
                found.append((indexes, table))
        i = end + 1
    return found


def _is_value_row(line: Line) -> bool:
    if len(line.segments) < 2:
        return False
    values = [s for s in line.segments[1:] if _cell_value(s.text) and not YEAR.match(s.text.strip())]
    return len(values) >= 1 and len(values) >= len(line.segments) - 2


def _is_section_row(line: Line, previous: Line) -> bool:
    return len(line.segments) == 1 and len(line.text.split()) <= 6 and line.page == previous.page


def _header_lines(lines: list[Line], start: int) -> list[int]:
    """The lines above a run of figures that name its columns: set in the table's own type
    size, without figures (years aside); section rows ("INTÄKTER") right above are skipped."""
    size = lines[start].size or 0
    head: list[int] = []
    k = start - 1
    while k >= 0 and k >= start - 8 and lines[k].table is None and lines[k].page == lines[start].page:
        line = lines[k]
        if abs((line.size or 0) - size) > 0.6:
            break
        if any(_cell_value(s.text) and not YEAR.match(s.text.strip()) for s in line.segments):
            break
        if not head and len(line.segments) == 1 and line.x0 <= lines[start].x0 + 2:
            k -= 1  # a section row between header and figures
            continue
        head.insert(0, k)
        k -= 1
    while len(head) > 1 and len(lines[head[0]].segments) == 1 and lines[head[0]].x0 <= lines[start].x0 + 2:
        head.pop(0)  # a caption or section row above the header proper
    return head


def _grid(header_lines: list[Line], value_lines: list[Line]) -> Table | None:
    """Cells aligned to columns by the right edges of the value cells (figures are set
    flush right); header words go to the column whose span holds them."""
    edges: list[float] = []
    for line in value_lines:
        for segment in line.segments[1:]:
            if _cell_value(segment.text) and not any(abs(segment.x1 - e) < 12 for e in edges):
                edges.append(segment.x1)
    edges.sort()
    if not edges:
        return None
    widths = [s.x1 - s.x0 for ln in value_lines for s in ln.segments[1:] if _cell_value(s.text)]
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
        for segment in line.segments:
            col = column_of(segment.x0, segment.x1)
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
