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
from collections.abc import Callable
from dataclasses import dataclass

from extractors.amounts import NUMBER, find_money, parse_number
from extractors.text import clean
from extractors.vocabulary import (
    CURRENCY_BEFORE,
    CURRENCY_UNIT,
    ITEM_NUMBER_CELL,
    NOT_MONEY_HEADER,
    SCALE_WORD,
    SUM_HEADER,
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
# Cells whose aligned edges lie this close (points) share a column.
COLUMN_TOLERANCE = 12
# A line below a row closer than this share of the least row pitch is the row's cell wrapped.
WRAP_PITCH = 0.9


def document_table_amounts(tables: list[Table]) -> list[TableAmount]:
    """The money of every table of a document. A table that goes on over a page break without
    repeating its header row takes the header of its first part: a table with no header row right
    after one on the page before, with as many columns."""
    found: list[TableAmount] = []
    previous: tuple[Table, list[str]] | None = None
    for table in sorted(tables, key=lambda t: t.page):
        header = _header_of(table)
        if header is None and previous and previous[0].page == table.page - 1 \
                and len(previous[1]) == max((len(r) for r in table.rows), default=0):
            found.extend(table_amounts(table, continues=previous))
            continue
        found.extend(table_amounts(table))
        previous = (table, header) if header else None
    return found


def _header_of(table: Table) -> list[str] | None:
    rows = _rows(table)
    at = _header_row(rows)
    return _merged_header(rows, at) if at is not None else None


def _rows(table: Table) -> list[list[str]]:
    rows = [[clean(c) if c else "" for c in row] for row in table.rows]
    return [r for r in rows if any(r)]


def table_amounts(table: Table, continues: tuple[Table, list[str]] | None = None) -> list[TableAmount]:
    """The money cells of one table; ``continues`` is the first part (and its header) of a table
    this one goes on from."""
    rows = _rows(table)
    header_at = _header_row(rows) if continues is None else None
    header = _merged_header(rows, header_at) if header_at is not None else list(continues[1]) if continues else []
    data = rows[header_at + 1:] if header_at is not None else rows
    caption = (continues[0].caption if continues else table.caption) or ""
    context = " ".join([caption, *header])
    if NOT_MONEY_HEADER.search(" ".join(header)) and not (table_unit(context) or SUM_HEADER.search(context)):
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
            if value is None or (header and not column) or "%" in row[j] or NOT_MONEY_HEADER.search(column):
                continue  # no figure, no column of its own, a share, or a column of counts
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
    """A row of a table of figures: a label (or none, when two or more figures fill the row) and
    at least as many figures (years aside) as other cells of words."""
    if len(line.segments) < 2:
        return False
    cells = _cells(line)
    label = _label_width(cells)
    rest = cells[label:]
    figures = sum(1 for c in rest if _is_figure(c.text) and not YEAR.match(c.text))
    if label == 0:
        return figures >= 2 and figures == len(rest)
    return figures >= 1 and figures >= len(rest) - figures


def _is_section_row(line: Line, previous: Line) -> bool:
    return len(line.segments) == 1 and len(line.text.split()) <= 6 and line.page == previous.page


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
        if len(line.segments) == 1 and line.x0 <= lines[start].x0 + 2 and not _names_columns(line, lines[start]):
            if head or skipped:
                break
            skipped = True
            k -= 1
            continue
        head.insert(0, k)
        k -= 1
    return head


def _names_columns(line: Line, row: Line) -> bool:
    """A line of one cell that reads as column headers all the same ("Datum Motpart Belopp Saldo"
    set with narrow gaps): three or more capitalised words, no sentence, over the figures."""
    words = line.text.split()
    figures = [s.x0 for s in row.segments[1:] if _is_figure(s.text)]
    return (len(words) >= 3 and all(w[:1].isupper() or w[:1].isdigit() for w in words)
            and not line.text.rstrip().endswith((".", ":")) and bool(figures) and line.x1 > min(figures))


def _caption(lines: list[Line], first: int) -> str:
    """The text of the lines right above a table, where its unit ("Belopp i tkr") or subject
    ("Budget") is stated."""
    above: list[str] = []
    k = first - 1
    while k >= 0 and len(above) < CAPTION_LINES and lines[k].table is None and lines[k].page == lines[first].page:
        above.insert(0, lines[k].text)
        k -= 1
    return " ".join(above)


@dataclass(frozen=True)
class _Cell:
    text: str
    x0: float
    x1: float


@dataclass(frozen=True)
class _Column:
    kind: str  # "label", "figures" (set flush right: placed by right edge) or "words" (by left edge)
    at: float  # the right edge of a figure column, the left edge of a word column
    start: float  # the span its cells cover
    end: float


def _grid(header_lines: list[Line], value_lines: list[Line]) -> Table | None:
    """Cells aligned to columns: figure columns by the right edges of their figures (set flush
    right), columns of words by their left edges, the label first; header words go to the column
    whose span holds them."""
    cells = [_cells(line) for line in value_lines]
    labelled = [(line, row, _label_width(row)) for line, row in zip(value_lines, cells, strict=True)
                if _is_value_row(line)]
    figures = [c for _, row, n in labelled for c in row[n:] if _is_figure(c.text)]
    if not figures:
        return None
    columns = _columns(figures, [c for _, row, n in labelled for c in row[n:] if not _is_figure(c.text)],
                       [c for _, row, n in labelled for c in row[:n]])
    header: list[str | None] = [None] * len(columns)
    first = min(c.start for c in columns[1:])
    for line in header_lines:
        for segment in line.segments:
            over_labels = segment.x0 <= columns[0].end and segment.x1 < first  # "Budget 2025 (tkr)" over the labels
            for word, centre in _word_centres(segment):
                col = 0 if over_labels else _header_column(columns, centre)
                header[col] = clean(f"{header[col] or ''} {word}")
    rows: list[list[str | None]] = [header]
    above: Line | None = None  # the first line of the row being read
    pitch = _row_pitch(value_lines)
    for previous, line, row_cells in zip([None, *value_lines], value_lines, cells, strict=False):
        # A label wrapped in its cell goes on in the line below, under the label: not a new row.
        continues = above is not None and previous is not None and (
            _continues_label(line, above) or _wrapped_in_cell(line, above, previous, pitch))
        row = rows[-1] if continues else [None] * len(columns)
        label_width = _label_width(row_cells)
        for k, cell in enumerate(row_cells):
            col = 0 if k < label_width else _cell_column(columns, cell)
            row[col] = clean(f"{row[col] or ''} {cell.text}")
        if row is not rows[-1]:
            rows.append(row)
        above = line if _is_value_row(line) else (above if continues else None)
    return Table(rows=rows, page=(header_lines or value_lines)[0].page)


def _middle(line: Line) -> float:
    # The middle of a line's box: a PDF that subsets one font several times gives each subset its
    # own ascent and descent, so tops and bottoms alone wander by a point or two from line to line.
    return (line.top + line.bottom) / 2


def _row_pitch(lines: list[Line]) -> float | None:
    """The least distance between two rows of figures set one right under the other."""
    pitches = [_middle(b) - _middle(a) for a, b in itertools.pairwise(lines)
               if a.page == b.page and _is_value_row(a) and _is_value_row(b) and _middle(b) > _middle(a)]
    return min(pitches) if pitches else None


def _wrapped_in_cell(line: Line, row: Line, previous: Line, pitch: float | None) -> bool:
    """A line of words only, under the row's label and closer to the line above it than any two
    rows are to each other: the label's cell wrapped ("Samordningsteam" / "Hallstahammar"). A
    group row ("Individinsatser") is set a row's distance below; where the rows are set no
    further apart than the lines of a cell, this tells nothing."""
    if pitch is None or len(line.segments) != 1 or line.page != previous.page or _is_value_row(line):
        return False
    return abs(line.x0 - row.x0) <= 2 and _middle(line) - _middle(previous) < WRAP_PITCH * pitch


# A figure or a date that the reader joined with the words of the next cell ("45739.01 Ingående
# saldo", "2020-01-07 Nordea"): the gap between them was under its column gap.
LEADING_FIGURE = re.compile(rf"^(?P<figure>[-−+]?\s?(?:{NUMBER})(?:\s?(?:kr|sek|:-))?)\s+(?=[^\W\d_])",
                            re.IGNORECASE)
LEADING_DATE = re.compile(r"^(?P<figure>\d{4}-\d{2}-\d{2})\s+(?=[^\W\d_])")
MONEY_FIGURE = re.compile(r"\d[ \u00a0.,]\d{3}|[.,]\d{2}\b|kr|sek|:-", re.IGNORECASE)


def _cells(line: Line) -> list[_Cell]:
    """A line's cells, a figure or date joined to the words after it parted from them (their
    places spread over the segment's width by characters)."""
    cells: list[_Cell] = []
    for k, segment in enumerate(line.segments):
        text = segment.text.strip()
        found = None if _is_figure(text) else (LEADING_DATE if k == 0 else LEADING_FIGURE).match(text)
        if found and (k == 0 or MONEY_FIGURE.search(found.group("figure"))):
            step = (segment.x1 - segment.x0) / max(1, len(text))
            cut = found.end()
            cells.append(_Cell(found.group("figure"), segment.x0, segment.x0 + step * len(found.group("figure"))))
            cells.append(_Cell(text[cut:], segment.x0 + step * cut, segment.x1))
        else:
            cells.append(_Cell(text, segment.x0, segment.x1))
    return cells


def _label_width(cells: list[_Cell]) -> int:
    """How many of a row's first cells make its label: a cell of words (or a date); an account
    number before it ("1002 | Medel från huvudmännen") goes with it."""
    if not cells:
        return 0
    if not _is_figure(cells[0].text):
        return 1
    return 2 if len(cells) > 1 and _has_letters(cells[1].text) and not _is_figure(cells[1].text) else 0


def _columns(figures: list[_Cell], words: list[_Cell], labels: list[_Cell]) -> list[_Column]:
    """The label column, then figure columns (figures whose right edges meet) and columns of
    words (two or more cells whose left edges meet, outside every figure column), by position."""
    found: list[_Column] = []
    for group in _clusters(figures, lambda c: c.x1):
        found.append(_Column("figures", max(c.x1 for c in group), min(c.x0 for c in group), max(c.x1 for c in group)))
    for group in _clusters(words, lambda c: c.x0):
        start, end = min(c.x0 for c in group), max(c.x1 for c in group)
        # Words that start well inside a column of figures are a word in that column ("saknas").
        if len(group) >= 2 and not any(col.start - 4 <= start <= col.end - COLUMN_TOLERANCE / 2 for col in found):
            found.append(_Column("words", start, start, end))
    label = _Column("label", 0.0, min((c.x0 for c in labels), default=0.0), max((c.x1 for c in labels), default=0.0))
    return [label, *sorted(found, key=lambda col: col.start)]


def _clusters(cells: list[_Cell], edge: Callable[[_Cell], float]) -> list[list[_Cell]]:
    groups: list[list[_Cell]] = []
    for cell in sorted(cells, key=edge):
        if groups and abs(edge(cell) - edge(groups[-1][-1])) < COLUMN_TOLERANCE:
            groups[-1].append(cell)
        else:
            groups.append([cell])
    return groups


def _cell_column(columns: list[_Column], cell: _Cell) -> int:
    """A figure goes to the figure column of its right edge; words to the column of words of their
    left edge, else (a word in a column of figures, "ej budgeterat") to the nearest column."""
    if _is_figure(cell.text):
        kinds = ("figures",)
    else:
        kinds = ("words",) if any(c.kind == "words" and abs(c.at - cell.x0) < COLUMN_TOLERANCE for c in columns) \
            else ("figures", "words")
    candidates = [k for k, c in enumerate(columns) if c.kind in kinds]
    if not candidates:
        return 0
    if kinds == ("figures",) or kinds == ("figures", "words"):
        if all(cell.x1 < columns[k].start - 2 for k in candidates) and not _is_figure(cell.text):
            return 0  # words left of every column of figures belong to the label
        return min(candidates, key=lambda k: abs((columns[k].at if columns[k].kind == "figures" else columns[k].start)
                                                  - (cell.x1 if columns[k].kind == "figures" else cell.x0)))
    return min(candidates, key=lambda k: abs(columns[k].at - cell.x0))


def _header_column(columns: list[_Column], centre: float) -> int:
    """A header word over a figure column may reach left of its figures (it is set flush right
    too), over a column of words right of them (set flush left): the word goes to the first figure
    column whose right edge it does not pass, or the last column of words it has passed the start
    of, whichever is nearer; left of every column, to the label."""
    figures = next((k for k, c in enumerate(columns) if c.kind == "figures" and centre <= c.at + 5), None)
    words = next((k for k in range(len(columns) - 1, 0, -1) if columns[k].kind == "words"
                  and centre >= columns[k].start - 5), None)
    options = [k for k in (figures, words) if k is not None]
    if not options:
        last_figures = max((k for k, c in enumerate(columns) if c.kind == "figures"), default=0)
        return last_figures if centre > columns[last_figures].end else 0
    if centre < min(c.start for c in columns[1:]) - 4 and centre <= columns[0].end + COLUMN_TOLERANCE:
        return 0  # over the labels, left of every column: the label's header
    return min(options, key=lambda k: _distance(columns[k], centre))


def _distance(column: _Column, x: float) -> float:
    return 0.0 if column.start <= x <= column.end else min(abs(x - column.start), abs(x - column.end))


def _continues_label(line: Line, above: Line) -> bool:
    """A line of words only, right under a row of figures, that starts where a label cell of that
    row (not its first, which section rows share) starts, or starts in lower case."""
    if _is_value_row(line) or line.page != above.page or any(_is_figure(s.text) for s in line.segments):
        return False
    cells = [s for s in above.segments[1:] if not _is_figure(s.text)]
    return any(abs(line.x0 - s.x0) <= 2 for s in cells) or line.text[:1].islower()


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
