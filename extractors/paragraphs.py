"""Paragraphs from lines: a PDF wraps one paragraph over several lines, a DOCX does not.

A new paragraph starts at a list marker, after a vertical gap, at a change of weight
(a bold heading), at a table row, or after a short line that ends a sentence.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from extractors.text import clean, find_dates
from schemas.layout import Line

LIST_MARKER = re.compile(
    r"^\s*(?P<marker>[-–—•·▪■►✓✔\u2022\u25cf\u25aa\uf0b7\uf0a7*o](?=\s)|\(?[0-9]{1,2}[.)](?=\s)|"
    r"\(?[a-z][.)](?=\s)|[A-Z][.)](?=\s))\s*"
)


# A number as diarienummer, § references and page numbers print it: "KS 2024/12", "2023.118", "§ 4", "3 (8)".
_REFERENCE = re.compile(r"\d{4}\s?[/.:]\s?\d|\d\s?/\s?\d{4}|§\s*\d|\b\d{1,3}\s*\(\s*\d{1,3}\s*\)")


@dataclass
class Paragraph:
    lines: list[Line]

    @property
    def text(self) -> str:
        parts: list[str] = []
        for line in self.lines:
            piece = clean(" ".join(s.text for s in line.segments))
            if parts and parts[-1].endswith("-") and piece[:1].islower() and not parts[-1].endswith(" -"):
                # Word and LibreOffice break lines at a hyphen of the word itself
                # ("augusti-/december"): keep it and join without a space.
                parts[-1] = parts[-1] + piece
            else:
                parts.append(piece)
        return " ".join(parts)

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def page_end(self) -> int:
        return self.lines[-1].page

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)

    @property
    def marker(self) -> str | None:
        """The list marker that opens the paragraph ("-", "1.", "a)"), if any."""
        first = self.lines[0]
        if first.list_marker:
            return first.list_marker
        match = LIST_MARKER.match(first.text)
        return match.group("marker") if match else None

    @property
    def body(self) -> str:
        """The text without its list marker."""
        text = self.text
        marker = self.marker
        if marker and text.startswith(marker):
            return text[len(marker):].strip()
        return text


def to_paragraphs(lines: list[Line], flow: str, margins: dict[int, tuple[float, float]] | None = None,
                  leading: float | None = None) -> list[Paragraph]:
    """Join wrapped lines into paragraphs. ``margins`` (``text_margins``) and ``leading``
    (``line_gap``), measured over the whole document, tell a short line from a full one and a
    paragraph's spacing from a line's."""
    paragraphs: list[Paragraph] = []
    margins = margins or text_margins(lines)
    leading = line_gap(lines) if leading is None else leading
    for line in lines:
        if not paragraphs or flow == "paragraphs" or _starts_paragraph(paragraphs[-1], line, margins, leading):
            paragraphs.append(Paragraph([line]))
        else:
            paragraphs[-1].lines.append(line)
    return paragraphs


def line_gap(lines: list[Line]) -> float:
    """The usual space between two lines of one paragraph in this text (its line spacing). Where
    enough lines run to the right margin, only the gaps below those count: a line that fills the
    width wrapped, so the next line is its paragraph's. Taken over all lines, a text of one-line
    paragraphs set with space after each (Word's default) would give the paragraph spacing."""
    pairs = [(a, b) for a, b in itertools.pairwise(lines)
             if a.page == b.page and a.size == b.size and 0 <= b.top - a.bottom < 2 * (a.size or 10)]
    margins = text_margins(lines)
    wrapped = [(a, b) for a, b in pairs if _fills_width(a, margins)]
    if len(wrapped) >= MIN_WRAPPED_LINES:  # the lower median: a paragraph may end at the margin too
        gaps = sorted(b.top - a.bottom for a, b in wrapped)
        return gaps[(len(gaps) - 1) // 2]
    gaps = sorted(b.top - a.bottom for a, b in pairs)
    return gaps[len(gaps) // 2] if gaps else 0.0


# How many wrapped lines make the measure of the line spacing, and how close to the right margin
# (a share of the text width) a wrapped line ends.
MIN_WRAPPED_LINES = 3
WRAP_SLACK = 0.12


def _fills_width(line: Line, margins: dict[int, tuple[float, float]]) -> bool:
    left, right = margins.get(line.page, (0.0, 0.0))
    return right - left > 100 and line.x1 >= right - WRAP_SLACK * (right - left) and len(line.segments) == 1


def text_margins(lines: list[Line]) -> dict[int, tuple[float, float]]:
    """Per page, the left and right edges of the text block."""
    edges: dict[int, tuple[float, float]] = {}
    for line in lines:
        left, right = edges.get(line.page, (line.x0, line.x1))
        edges[line.page] = (min(left, line.x0), max(right, line.x1))
    return edges


def _starts_paragraph(paragraph: Paragraph, line: Line, margins: dict[int, tuple[float, float]],
                     leading: float = 0.0) -> bool:
    prev = paragraph.lines[-1]
    if _breaks(prev, line, leading):
        return True
    continues = not _ends_sentence(prev.text) and (line.text[:1].islower() or line.text[:1].isdigit())
    if continues:
        return False
    left, right = margins.get(prev.page, (0.0, 0.0))
    if right - left > 100 and prev.x1 < right - 0.3 * (right - left):
        return True  # the line before stopped well short of the margin: it ended a paragraph
    if line.x0 > prev.x0 + 8 and not paragraph.marker and not prev.text.rstrip().endswith((",", "-")):
        return True  # a deeper indent under a line that is no list item: a new block
    # a line further left than the one before
    return line.x0 < prev.x0 - 8 and not paragraph.marker


def _breaks(prev: Line, line: Line, leading: float = 0.0) -> bool:
    """Breaks that hold whatever the text says; a gap counts against the text's own spacing."""
    if line.table != prev.table:
        return True
    if len(line.segments) > 1 or len(prev.segments) > 1:
        return True  # column layouts: each row reads on its own
    if LIST_MARKER.match(line.text):
        return True
    if line.bold != prev.bold:
        return True
    size, prev_size = line.size or 10.0, prev.size or 10.0
    if abs(size - prev_size) > 1.0:
        return True
    if line.page != prev.page:
        return (_ends_sentence(prev.text) and line.text[:1].isupper()) or _opens_new_page_apart(prev, line)
    gap = line.top - prev.bottom
    if gap <= max(0.5 * size, leading + 0.15 * size):
        return False
    # a sentence that runs on in lower case ("till 175" / "kr/år") crosses a wider gap
    runs_on = not _ends_sentence(prev.text) and (line.text[:1].islower() or line.text[:1].isdigit())
    return not (runs_on and gap < 2 * max(leading, 0.5 * size))


def _opens_new_page_apart(prev: Line, line: Line) -> bool:
    """The first line of a page that a sentence left unfinished on the page before does not continue:
    a capitalised line set elsewhere than the text, or one that holds a date, a diarienummer or a
    page number (a running header the clean-up kept, the next §'s "Dnr 2024/12")."""
    text = line.text.strip()
    if not text[:1].isupper():
        return False
    return abs(line.x0 - prev.x0) > 8 or bool(find_dates(text) or _REFERENCE.search(text))


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ":", "!", "?"))
