"""Readers: the only extraction code that opens a file. Each turns one file into a Layout.

A file is read for what its bytes say it is, whatever its name: a PDF named .docx is read as
a PDF and the record's provenance notes the mismatch. PDF pages without a usable text layer
are read by OCR (extractors/readers/ocr.py) when Tesseract is there, and skipped otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from extractors.readers.errors import UnreadableDocument, printable_name
from extractors.readers.sniff import FileType, name_mismatch, sniff

if TYPE_CHECKING:
    from schemas.layout import Layout
    from schemas.record import Provenance

__all__ = ["UnreadableDocument", "printable_name", "read_layout"]


def read_layout(path: Path) -> Layout:
    """Read a PDF or DOCX into a Layout; raise UnreadableDocument with a reason otherwise."""
    # pdfplumber, python-docx, Tesseract's wrapper: loaded when a file is read, not on import
    from extractors.readers.docx import read_docx
    from extractors.readers.ocr import read_unusable_pages
    from extractors.readers.pdf import read_pdf

    if not path.exists():
        raise UnreadableDocument("no such file")
    if path.is_dir():
        raise UnreadableDocument("is a folder, not a file")
    found = sniff(path)
    if found.kind == "pdf":
        layout = read_pdf(path)
        outcome = read_unusable_pages(path, layout)
        provenance = _provenance(path, found, layout.warnings + outcome.warnings)
        provenance = provenance.model_copy(update={"pages": outcome.pages, "ocr": outcome.used_ocr,
                                                   "ocr_seconds": outcome.seconds})
        return outcome.layout.model_copy(update={"source": printable_name(path.name), "provenance": provenance})
    if found.kind == "docx":
        layout = read_docx(path)
        return layout.model_copy(update={"source": printable_name(path.name),
                                         "provenance": _provenance(path, found, layout.warnings)})
    raise UnreadableDocument(refusal(path, found))


def refusal(path: Path, found: FileType) -> str:
    """Why a file that is neither a PDF nor a DOCX gives no record, in the user's terms."""
    suffix = path.suffix.lower()
    if found.kind == "empty":
        return "the file is empty"
    if found.kind == "doc":
        return "old Word .doc format is not supported (save it as DOCX or PDF)"
    if suffix == ".pdf":
        return "not a PDF (no %PDF header)" if found.kind == "unknown" else f"not a PDF (it is {found.label})"
    if suffix in (".docx", ".docm"):
        if found.kind == "broken-zip":
            return "the DOCX is damaged or truncated (not a readable ZIP archive)"
        return "not a DOCX (not a ZIP archive)" if found.kind == "unknown" else f"not a DOCX (it is {found.label})"
    if found.kind == "unknown":
        return f"unsupported file type '{suffix or 'none'}' (expects PDF or DOCX)"
    return f"unsupported file type: {found.label} (expects PDF or DOCX)"


def _provenance(path: Path, found: FileType, warnings: list[str]) -> Provenance:
    from schemas.record import Provenance

    kind = "pdf" if found.kind == "pdf" else "docx"
    return Provenance(reader=kind, detected_type=kind, name_mismatch=name_mismatch(path, found),
                      warnings=list(warnings))
