"""What a file is, from its bytes rather than its name: a PDF under a .docx name is a PDF."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

HEAD_BYTES = 1024
# A PDF reader accepts junk before the header within the first kilobyte.
PDF_MAGIC = b"%PDF"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml version")
OPEN_DOCUMENT = b"application/vnd.oasis.opendocument"


@dataclass(frozen=True)
class FileType:
    """``kind`` for the code ("pdf", "docx", "doc", "html", ...); ``label`` for the user."""

    kind: str
    label: str


PDF = FileType("pdf", "a PDF")
DOCX = FileType("docx", "a DOCX")
EMPTY = FileType("empty", "an empty file")
# What each readable kind is expected to be called.
SUFFIXES = {"pdf": (".pdf",), "docx": (".docx", ".docm")}


def sniff(path: Path) -> FileType:
    """The file's type from its first bytes (and a ZIP's member names)."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head:
        return EMPTY
    if PDF_MAGIC in head:
        return PDF
    if head.startswith(ZIP_MAGICS):
        return _zip_type(path)
    if head.startswith(OLE_MAGIC):
        return FileType("doc", "an old Word .doc (or other Office 97-2003) file")
    if head.startswith(b"{\\rtf"):
        return FileType("rtf", "an RTF document")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(HTML_STARTS) and (b"<html" in text or b"<!doctype html" in text):
        return FileType("html", "an HTML page")
    return FileType("unknown", "of unknown content")


def _zip_type(path: Path) -> FileType:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, ValueError):
        return FileType("broken-zip", "a damaged or truncated ZIP archive")
    if "word/document.xml" in names:
        return DOCX
    if mimetype.startswith(OPEN_DOCUMENT):
        return FileType("odf", "an OpenDocument file (.odt/.ods)")
    if any(n.startswith("xl/") for n in names):
        return FileType("xlsx", "an Excel workbook")
    if any(n.startswith("ppt/") for n in names):
        return FileType("pptx", "a PowerPoint presentation")
    return FileType("zip", "a ZIP archive without a Word document in it")


def name_mismatch(path: Path, found: FileType) -> str | None:
    """A note when the file's name does not say what it is ("named .docx but is a PDF")."""
    expected = SUFFIXES.get(found.kind, ())
    suffix = path.suffix.lower()
    if suffix in expected:
        return None
    named = f"named '{path.suffix}'" if suffix else "named without a suffix"
    return f"{named} but is {found.label}"
