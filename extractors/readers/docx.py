"""DOCX reader: paragraphs with styles, bold runs and list numbering, tables as rows of
cells, section headers and footers, and page numbers from the page breaks Word saved."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from extractors.readers.errors import UnreadableDocument
from extractors.readers.pdf import bold_lead
from schemas.layout import Layout, Line, Segment, Table

# Columns of a DOCX table get synthetic x positions this far apart, so that later steps can
# align cells by position exactly as they do for a PDF.
CELL_WIDTH = 100.0
BULLET = "•"
HEADING_STYLE = re.compile(r"^(?:heading|rubrik)\s*(\d)", re.IGNORECASE)


# A DOCX is refused before python-docx inflates it when its ZIP declares more than this
# (a zip bomb): Word files with photos run to tens of MB, text compresses at most ~20-fold.
MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024
MAX_MEMBER_RATIO = 200
RATIO_CHECK_FROM_BYTES = 16 * 1024 * 1024
MAX_MEMBERS = 10_000


def read_docx(path: Path) -> Layout:
    refuse_zip_bomb(path)
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument(f"not a readable DOCX ({exc.__class__.__name__})") from exc
    except Exception as exc:  # lxml and python-docx raise several types for damaged parts
        raise UnreadableDocument(f"not a readable DOCX ({exc.__class__.__name__}: {exc})") from exc
    reader = _DocxReader(document)
    reader.read_body()
    headers, footers = _header_footer_lines(document)
    return Layout(
        source=path.name,
        pages=reader.page,
        lines=reader.lines,
        tables=reader.tables,
        header_lines=headers,
        footer_lines=footers,
        has_text_layer=True,
        flow="paragraphs",
    )


def refuse_zip_bomb(path: Path) -> None:
    """Refuse a DOCX whose ZIP declares too much to inflate, from its directory alone. Python's
    zipfile never inflates a member beyond its declared size, so the declaration binds."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise UnreadableDocument("the DOCX is damaged or truncated (not a readable ZIP archive)") from exc
    if len(members) > MAX_MEMBERS:
        raise UnreadableDocument(f"the DOCX looks like a zip bomb ({len(members)} parts)")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnreadableDocument(f"the DOCX looks like a zip bomb (it unpacks to {total / 2**20:,.0f} MB)")
    for member in members:
        if member.file_size > RATIO_CHECK_FROM_BYTES and member.file_size > MAX_MEMBER_RATIO * max(
                member.compress_size, 1):
            raise UnreadableDocument(f"the DOCX looks like a zip bomb ({member.filename} unpacks "
                                     f"{member.file_size // max(member.compress_size, 1):,}-fold)")


class _DocxReader:
    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.page = 1
        self.lines: list[Line] = []
        self.tables: list[Table] = []
        self.numbering = _Numbering(document)
        # Word records where it broke pages when it last laid the file out; when such marks
        # exist they already include the explicit breaks, which must then not count twice.
        body = document.element.body
        self.rendered_breaks = bool(body.findall(".//" + qn("w:lastRenderedPageBreak")))

    def read_body(self) -> None:
        for child in self.document.element.body.iterchildren():
            if child.tag == qn("w:p"):
                self._paragraph(Paragraph(child, self.document))
            elif child.tag == qn("w:tbl"):
                self._table(DocxTable(child, self.document))

    def _paragraph(self, paragraph: Paragraph) -> None:
        if not self.rendered_breaks and _page_break_before(paragraph):
            self.page += 1
        segments, breaks_before, breaks_after = self._runs(paragraph)
        self.page += breaks_before
        if segments:
            style = paragraph.style.name if paragraph.style is not None else None
            level, marker = self.numbering.marker(paragraph)
            if marker:
                segments[0] = segments[0].model_copy(update={"text": f"{marker} {segments[0].text}"})
            self.lines.append(
                Line(
                    segments=segments,
                    page=self.page,
                    top=float(len(self.lines)),
                    bottom=float(len(self.lines)),
                    style=style,
                    list_level=level,
                    list_marker=marker,
                    heading_level=_heading_level(paragraph),
                )
            )
        self.page += breaks_after

    def _runs(self, paragraph: Paragraph) -> tuple[list[Segment], int, int]:
        """The paragraph's text as one segment (tabs split columns), and the page breaks
        found before its first and after its last character."""
        parts: list[tuple[str, bool, bool, float | None]] = []
        before = after = 0
        seen_text = False
        para_bold = _style_flag(paragraph.style, "bold")
        para_italic = _style_flag(paragraph.style, "italic")
        para_size = _style_size(paragraph.style)
        for element in paragraph._p.iter(qn("w:r"), qn("w:hyperlink")):
            if element.tag != qn("w:r"):
                continue
            for child in element.iterchildren():
                if self._is_break(child):
                    if seen_text:
                        after += 1
                    else:
                        before += 1
                    continue
                text = _run_child_text(child)
                if not text:
                    continue
                if text.strip() and after:  # text after a break: the break was mid-paragraph
                    before += after
                    after = 0
                seen_text = seen_text or bool(text.strip())
                props = element.find(qn("w:rPr"))
                parts.append((text, _flag(props, "w:b", para_bold), _flag(props, "w:i", para_italic),
                              _size(props) or para_size))
        return _segments(parts), before, after

    def _is_break(self, child: Any) -> bool:
        if self.rendered_breaks:
            return child.tag == qn("w:lastRenderedPageBreak")
        return child.tag == qn("w:br") and child.get(qn("w:type")) == "page"

    def _table(self, table: DocxTable) -> None:
        rows: list[list[str | None]] = []
        start_page = self.page
        index = len(self.tables)
        for row in table.rows:
            cells = _unique_cells(row)
            texts = [_cell_paragraphs(c) for c in cells]
            rows.append([" ".join(t).strip() or None for t in texts])
            self._table_row_lines(texts, cells, index)
        caption = self.lines[-1].text if self.lines and self.lines[-1].table is None else None
        self.tables.append(Table(rows=rows, page=start_page, caption=caption))

    def _table_row_lines(self, texts: list[list[str]], cells: list[Any], index: int) -> None:
        """A row whose cells hold several paragraphs reads, as on paper, as several lines:
        line k joins paragraph k of every cell."""
        depth = max((len(t) for t in texts), default=0)
        for k in range(depth):
            segments = []
            for col, (paras, cell) in enumerate(zip(texts, cells, strict=False)):
                if k < len(paras) and paras[k]:
                    bold = _cell_paragraph_bold(cell, k)
                    segments.append(Segment(text=paras[k], x0=col * CELL_WIDTH, x1=(col + 1) * CELL_WIDTH - 1,
                                            bold=bold, column=col))
            if segments:
                n = float(len(self.lines))
                self.lines.append(Line(segments=segments, page=self.page, top=n, bottom=n, table=index))


class _Numbering:
    """Resolves Word's automatic list numbering to the marker a reader sees ("3.", "•")."""

    def __init__(self, document: DocxDocument) -> None:
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {}
        for node in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in node.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt = _child_val(lvl, "w:numFmt") or "decimal"
                text = _child_val(lvl, "w:lvlText") or ""
                start = int(_child_val(lvl, "w:start") or "1")
                levels[ilvl] = (fmt, text, start)
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.findall(qn("w:num")):
            ref = _child_val(num, "w:abstractNumId")
            for ilvl, spec in abstract.get(ref, {}).items():
                self.formats[(num.get(qn("w:numId")), ilvl)] = spec

    def marker(self, paragraph: Paragraph) -> tuple[int | None, str | None]:
        num_id, ilvl = _num_props(paragraph)
        if num_id is None:
            if paragraph.style is not None and "list" in paragraph.style.name.lower():
                return 0, BULLET
            return None, None
        fmt, text, start = self.formats.get((num_id, ilvl), ("bullet", BULLET, 1))
        counters = self.counters.setdefault(num_id, [start - 1] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = self.formats.get((num_id, deeper), ("", "", 1))[2] - 1
        if fmt in ("bullet", "none"):
            return ilvl, BULLET
        marker = re.sub(r"%(\d)", lambda m: _format_number(counters[int(m.group(1)) - 1], fmt), text)
        return ilvl, marker.strip() or BULLET


def _format_number(value: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return chr(ord("a") + (value - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (value - 1) % 26)
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for number, letter in numerals:
        while value >= number:
            out += letter
            value -= number
    return out


def _num_props(paragraph: Paragraph) -> tuple[str | None, int]:
    """The paragraph's list (numId, level): its own, or the one its style carries."""
    ppr = paragraph._p.pPr
    numpr = ppr.numPr if ppr is not None else None
    if numpr is None or numpr.numId is None:
        for style in _style_chain(paragraph.style):
            style_ppr = style.element.pPr
            if style_ppr is not None and style_ppr.numPr is not None and style_ppr.numPr.numId is not None:
                numpr = style_ppr.numPr
                break
    if numpr is None or numpr.numId is None:
        return None, 0
    num_id = str(numpr.numId.val)
    if num_id == "0":  # numId 0 switches numbering off
        return None, 0
    ilvl = int(numpr.ilvl.val) if numpr.ilvl is not None else 0
    return num_id, ilvl


def _child_val(node: Any, tag: str) -> str | None:
    child = node.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _run_child_text(child: Any) -> str:
    if child.tag == qn("w:t"):
        return child.text or ""
    if child.tag == qn("w:tab"):
        return "\t"
    if child.tag in (qn("w:br"), qn("w:cr")):
        return "\n"
    if child.tag == qn("w:noBreakHyphen"):
        return "-"
    return ""


# A tab, a line break, or a run of spaces typed to line up a column ("Gemensamt      1 234 tkr").
COLUMN_BREAK = re.compile(r"[\t\n]| {3,}")


def _segments(parts: list[tuple[str, bool, bool, float | None]]) -> list[Segment]:
    """Runs to segments: a tab, a line break or a run of three or more spaces separates columns."""
    segments: list[Segment] = []
    current: list[tuple[str, bool, bool, float | None]] = []

    def flush() -> None:
        text = "".join(p[0] for p in current)
        if text.strip():
            lettered = [p for p in current if any(c.isalpha() for c in p[0])] or current
            sizes = [p[3] for p in current if p[3]]
            x0 = len(segments) * CELL_WIDTH
            bold = all(p[1] for p in lettered)
            segments.append(
                Segment(
                    text=" ".join(text.split()),
                    x0=x0,
                    x1=x0 + CELL_WIDTH - 1,
                    bold=bold,
                    italic=all(p[2] for p in lettered),
                    size=max(sizes) if sizes else None,
                    bold_lead=0 if bold else bold_lead(_weighted_words(current)),
                )
            )
        current.clear()

    for text, bold, italic, size in parts:
        pieces = COLUMN_BREAK.split(text)
        for i, piece in enumerate(pieces):
            if i:
                flush()
            if piece:
                current.append((piece, bold, italic, size))
    flush()
    return segments


def _weighted_words(parts: list[tuple[str, bool, bool, float | None]]) -> list[tuple[str, bool]]:
    """The words of a run of text parts, each bold when all its letters are."""
    words: list[tuple[str, bool]] = []
    word, letters_bold = "", True
    for text, bold, _, _ in parts:
        for char in text:
            if char.isspace():
                if word:
                    words.append((word, letters_bold))
                word, letters_bold = "", True
                continue
            word += char
            letters_bold = letters_bold and (bold or not char.isalpha())
    if word:
        words.append((word, letters_bold))
    return words


def _flag(props: Any, tag: str, default: bool) -> bool:
    if props is None:
        return default
    node = props.find(qn(tag))
    if node is None:
        return default
    return node.get(qn("w:val"), "true").lower() not in ("0", "false", "off")


def _size(props: Any) -> float | None:
    if props is None:
        return None
    node = props.find(qn("w:sz"))
    if node is None:
        return None
    try:
        return int(node.get(qn("w:val"))) / 2
    except (TypeError, ValueError):
        return None


def _style_chain(style: Any) -> Iterator[Any]:
    seen = 0
    while style is not None and seen < 10:
        yield style
        style = style.base_style
        seen += 1


def _style_flag(style: Any, attr: str) -> bool:
    for s in _style_chain(style):
        value = getattr(s.font, attr, None)
        if value is not None:
            return bool(value)
    return False


def _style_size(style: Any) -> float | None:
    for s in _style_chain(style):
        if s.font.size is not None:
            return s.font.size.pt
    return None


def _heading_level(paragraph: Paragraph) -> int | None:
    for style in _style_chain(paragraph.style):
        match = HEADING_STYLE.match(style.name or "")
        if match:
            return int(match.group(1))
        if (style.name or "").lower() == "title":
            return 0
    ppr = paragraph._p.pPr
    if ppr is not None:
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is not None and outline.get(qn("w:val"), "9").isdigit():
            level = int(outline.get(qn("w:val"))) + 1
            return level if level <= 6 else None
    return None


def _page_break_before(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is not None and _flag(ppr, "w:pageBreakBefore", False):
        return True
    return bool(paragraph.paragraph_format.page_break_before)


def _unique_cells(row: Any) -> list[Any]:
    """The row's cells once each: python-docx repeats a cell that spans several columns."""
    cells, seen = [], set()
    for cell in row.cells:
        if id(cell._tc) in seen:
            continue
        seen.add(id(cell._tc))
        cells.append(cell)
    return cells


def _cell_paragraphs(cell: Any) -> list[str]:
    """The cell's lines: its paragraphs, and the lines a manual line break starts."""
    texts = []
    for node in cell._tc.iter(qn("w:p")):
        text = "".join(_run_child_text(c) for r in node.iter(qn("w:r")) for c in r.iterchildren())
        for piece in text.split("\n"):
            piece = " ".join(piece.split())
            if piece:
                texts.append(piece)
    return texts


def _cell_paragraph_bold(cell: Any, k: int) -> bool:
    paragraphs = [p for p in cell.paragraphs if p.text.strip()]
    if k >= len(paragraphs):
        return False
    paragraph = paragraphs[k]
    default = _style_flag(paragraph.style, "bold")
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(_flag(r._r.rPr, "w:b", default) for r in runs)


def _header_footer_lines(document: DocxDocument) -> tuple[list[str], list[str]]:
    headers: list[str] = []
    footers: list[str] = []
    for section in document.sections:
        for part, out in ((section.header, headers), (section.first_page_header, headers),
                          (section.footer, footers), (section.first_page_footer, footers)):
            try:
                if part.is_linked_to_previous and out:
                    continue
                element = part._element
            except (AttributeError, KeyError, ValueError):
                continue
            for node in element.iter(qn("w:p")):
                text = "".join(_run_child_text(c) for r in node.iter(qn("w:r")) for c in r.iterchildren())
                for piece in re.split(r"[\t\n]", text):
                    piece = " ".join(piece.split())
                    if piece and piece not in out:
                        out.append(piece)
    return headers, footers
