"""The Layout: what a reader makes of a file, before any Swedish rule is applied.

Every reader (PDF, DOCX, OCR) produces this one shape; everything after it is shared.
A line keeps its positioned segments apart so that a column layout ("name | organisation")
never fuses into one string.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal, Self

from pydantic import BaseModel, Field

from schemas.record import Provenance


class _Copyable:
    """``model_copy(update=...)`` as on the pydantic models, for the slotted dataclasses below."""

    __slots__ = ()

    def model_copy(self, update: dict[str, Any] | None = None) -> Self:
        return dataclasses.replace(self, **(update or {}))  # type: ignore[type-var]


# Segments and lines are plain slotted dataclasses, not pydantic models: a bound year of
# minutes holds tens of thousands of them, and a model instance costs several times the memory.
@dataclass(slots=True)
class Segment(_Copyable):
    """A run of words on one line with no wide gap inside it (one cell of a column layout)."""

    text: str
    x0: float = 0.0
    x1: float = 0.0
    bold: bool = False
    italic: bool = False
    size: float | None = None
    column: int | None = None  # the table column the segment lies in, for table rows
    # In a segment not bold as a whole, where a bold run that opens its words ends (a character
    # offset in text): "1. Budget (Anna Ek)" with only "Budget" bold gives the end of "Budget".
    bold_lead: int = 0


@dataclass(slots=True)
class Line(_Copyable):
    """One visual line (PDF) or one paragraph / table row (DOCX)."""

    segments: list[Segment]
    page: int  # 1-based
    top: float = 0.0
    bottom: float = 0.0
    style: str | None = None  # the DOCX paragraph style ("Heading 2", "List Bullet")
    list_level: int | None = None  # set when the paragraph is a list item (0 = top level)
    list_marker: str | None = None  # "-", "•", "1." when the reader knows the item marker
    table: int | None = None  # index into Layout.tables when the line is a table row
    heading_level: int | None = None  # outline level from the style, when known

    @property
    def text(self) -> str:
        """The line's text, columns joined by a tab."""
        return "\t".join(s.text for s in self.segments if s.text)

    @property
    def x0(self) -> float:
        return self.segments[0].x0 if self.segments else 0.0

    @property
    def x1(self) -> float:
        return self.segments[-1].x1 if self.segments else 0.0

    @property
    def bold(self) -> bool:
        """True when every segment with letters is bold."""
        lettered = [s for s in self.segments if any(c.isalpha() for c in s.text)]
        return bool(lettered) and all(s.bold for s in lettered)

    @property
    def size(self) -> float | None:
        sizes = [s.size for s in self.segments if s.size]
        return max(sizes) if sizes else None


class Table(BaseModel):
    """A table as rows of cells (None for an empty or merged cell), on the page it starts."""

    rows: list[list[str | None]]
    page: int = Field(ge=1)
    caption: str | None = None  # the nearest line above the table, for its unit ("tkr")


class Layout(BaseModel):
    """A whole document: lines in reading order over all pages, its tables, and the
    running headers/footers a reader found as such (DOCX sections), kept for metadata."""

    source: str
    pages: int = Field(ge=0)
    lines: list[Line]
    tables: list[Table] = []
    header_lines: list[str] = []
    footer_lines: list[str] = []
    has_text_layer: bool = True
    # "paragraphs" when each Line is already a paragraph (DOCX); "lines" when a paragraph
    # may wrap over several visual lines that later steps must join (PDF, OCR).
    flow: Literal["paragraphs", "lines"] = "lines"
    warnings: list[str] = []
    provenance: Provenance | None = None  # how the file was read (type, pages by text or OCR)
