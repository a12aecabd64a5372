"""File in, record out: hash the file, read it, extract. The only step that touches disk."""

from __future__ import annotations

import hashlib
from pathlib import Path

from extractors.readers import UnreadableDocument, read_layout
from extractors.record import build_record
from schemas.record import Document

SUPPORTED = (".pdf", ".docx")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def extract_file(path: Path) -> Document:
    """The record of one PDF or DOCX; UnreadableDocument says why there is none."""
    try:
        sha = file_sha256(path)
    except FileNotFoundError as exc:
        raise UnreadableDocument("no such file") from exc
    except IsADirectoryError as exc:
        raise UnreadableDocument("is a folder, not a file") from exc
    except PermissionError as exc:
        raise UnreadableDocument("permission denied") from exc
    layout = read_layout(path)
    if not any(line.text.strip() for line in layout.lines):
        raise UnreadableDocument("no text found in the document")
    return build_record(layout, sha)
