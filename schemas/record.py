"""The meeting record: the one definition of the data protokoll extracts.

Its JSON form (``Document.model_dump(mode="json")``) is the extraction contract
(../shared/contract/README.md); the store, the API and the exports derive from these models.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

DocumentKind = Literal["protokoll", "minnesanteckningar", "rapport", "verksamhetsplan", "annat"]
AttendeeGroup = Literal["beslutande", "ersättare", "övriga", "närvarande", "frånvarande"]
DecisionKind = Literal["decision", "noted", "no_decision", "recommendation"]

# Which group wins when one person is listed twice (beslutande > ersättare > övriga).
GROUP_WEIGHT: dict[str, int] = {
    "beslutande": 5,
    "ersättare": 4,
    "närvarande": 3,
    "övriga": 2,
    "frånvarande": 1,
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Amount(_Model):
    """A money amount written in running text, in whole kronor (signed)."""

    value_sek: int
    raw: str
    page: int = Field(ge=1)
    qualifier: str | None = None


class TableAmount(_Model):
    """A money cell of a table, with its row label and column header as printed."""

    row: str
    column: str
    value_sek: int
    page: int = Field(ge=1)


class Decision(_Model):
    kind: DecisionKind
    text: str
    page: int = Field(ge=1)
    amounts: list[Amount] = []


class Item(_Model):
    """An agenda item: a numbered paragraph (§) or an unnumbered heading."""

    number: int | None = None
    prefix: str | None = None
    title: str
    dnr: str | None = None
    page_start: int = Field(ge=1)
    page_end: int = Field(ge=1)
    text: str = ""
    decisions: list[Decision] = []
    amounts: list[Amount] = []


class Attendee(_Model):
    name: str
    group: AttendeeGroup
    role: str | None = None
    organisation: str | None = None
    party: str | None = None
    present_for: str | None = None


PageSource = Literal["text", "ocr", "skipped"]
FileType = Literal["pdf", "docx"]


class PageProvenance(_Model):
    """How one page was read: its text layer, Tesseract, or not at all (no layer, no OCR)."""

    page: int = Field(ge=1)
    source: PageSource
    word_share: float | None = None  # share of tokens that read as words (text layer or OCR)
    confidence: float | None = None  # Tesseract's mean word confidence, 0-100, for OCR'd pages
    note: str | None = None  # why a page was OCR'd or skipped


class Provenance(_Model):
    """How the file was read: extra JSON beyond the extraction contract."""

    reader: FileType
    detected_type: FileType
    name_mismatch: str | None = None  # e.g. "named .docx but is a PDF"
    ocr: bool = False
    ocr_seconds: float = 0.0
    pages: list[PageProvenance] = []
    warnings: list[str] = []


class Document(_Model):
    """One meeting record (or report/plan), with the provenance of the file it came from."""

    source: str
    sha256: str
    pages: int
    extractor_version: str
    kind: DocumentKind = "annat"
    title: str | None = None
    organisation: str | None = None
    body: str | None = None
    meeting_date: date | None = None
    document_date: date | None = None
    location: str | None = None
    time: str | None = None
    chair: str | None = None
    secretary: str | None = None
    adjusters: list[str] = []
    attendees: list[Attendee] = []
    items: list[Item] = []
    amounts: list[Amount] = []
    table_amounts: list[TableAmount] = []
    provenance: Provenance | None = None
