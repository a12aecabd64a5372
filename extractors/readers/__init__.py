"""Readers: the only extraction code that opens a file. Each turns one file into a Layout."""

from __future__ import annotations

import re
from pathlib import Path

from extractors.readers.docx import read_docx
from extractors.readers.errors import UnreadableDocument
from extractors.readers.pdf import read_pdf
from schemas.layout import Layout

__all__ = ["UnreadableDocument", "read_layout"]


def read_layout(path: Path) -> Layout:
    """Read a PDF or DOCX into a Layout; raise UnreadableDocument with a reason otherwise."""
    if not path.exists():
        raise UnreadableDocument("no such file")
    if path.is_dir():
        raise UnreadableDocument("is a folder, not a file")
    with path.open("rb") as handle:
        magic = handle.read(8)
    if not magic:
        raise UnreadableDocument("the file is empty")
    if magic.startswith(b"%PDF") or path.suffix.lower() == ".pdf":
        if b"%PDF" not in magic and not _has_pdf_header(path):
            raise UnreadableDocument("not a PDF (no %PDF header)")
        layout = read_pdf(path)
        if not layout.has_text_layer:
            raise UnreadableDocument("no text layer (needs OCR)")
        if is_garbled(layout):
            raise UnreadableDocument("the text layer is unreadable (garbled OCR; needs OCR)")
        return layout
    if magic.startswith(b"PK") and path.suffix.lower() in (".docx", ".docm", ""):
        return read_docx(path)
    if path.suffix.lower() == ".doc" or magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableDocument("old Word .doc format is not supported (save it as DOCX or PDF)")
    raise UnreadableDocument(f"unsupported file type '{path.suffix or 'none'}' (expects PDF or DOCX)")


# A token of ordinary text: a word, a number or date, an abbreviation, a sign.
_WORD_TOKEN = re.compile(
    r"^[(\"“”'«]*(?:[A-ZÅÄÖÉa-zåäöéü][a-zåäöéü]+(?:-[A-ZÅÄÖa-zåäö][a-zåäö]+)*|[A-ZÅÄÖ]{2,}|"
    r"\d+(?:[-.,:/]\d+)*%?|[A-ZÅÄÖ]|[a-zåäö]|§+|[-–•])[)\"“”'»]*[.,:;!?)]*$"
)
GARBLED_BELOW = 0.78


def is_garbled(layout: Layout) -> bool:
    """A text layer from a bad OCR ("Stcnäldcrns sa ml?i I lighctslii"): too few tokens read
    as words, too many lone letters. Clean scans and born-digital files score above 0.83."""
    tokens = [t for line in layout.lines for t in line.text.split()]
    if len(tokens) < 50:
        return False
    words = sum(bool(_WORD_TOKEN.match(t)) for t in tokens) / len(tokens)
    letters = sum(len(t) == 1 and t.isalpha() for t in tokens) / len(tokens)
    return words - letters < GARBLED_BELOW


def _has_pdf_header(path: Path) -> bool:
    """Some PDFs carry junk before the header; PDF readers accept it within the first KB."""
    with path.open("rb") as handle:
        return b"%PDF" in handle.read(1024)
