"""File in, record out: hash the file, read it, extract. The only step that touches disk."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.readers.errors import UnreadableDocument

if TYPE_CHECKING:
    from schemas.record import Document

SUPPORTED = (".pdf", ".docx")
VANISHED = "the file disappeared or changed while it was read"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def extract_file(path: Path) -> Document:
    """The record of one PDF or DOCX; UnreadableDocument says why there is none."""
    # The readers and extractors (spaCy among them) load here, not with the package: the batch
    # side imports this package for its hashing and its isolated child, and extracts in the child.
    from extractors.readers import read_layout
    from extractors.record import build_record

    try:
        before = _identity(path)
        sha = file_sha256(path)
    except FileNotFoundError as exc:
        raise UnreadableDocument("no such file") from exc
    except IsADirectoryError as exc:
        raise UnreadableDocument("is a folder, not a file") from exc
    except PermissionError as exc:
        raise UnreadableDocument("permission denied") from exc
    try:
        layout = read_layout(path)
    except (UnreadableDocument, OSError) as exc:
        # A file moved away or rewritten mid-read says so, whatever the reader stumbled on.
        if not _unchanged(path, before):
            raise UnreadableDocument(VANISHED) from exc
        if isinstance(exc, UnreadableDocument):
            raise
        raise UnreadableDocument(f"could not be read ({exc.__class__.__name__}: {exc.strerror or exc})") from exc
    if not _unchanged(path, before):
        raise UnreadableDocument(VANISHED)
    if not any(line.text.strip() for line in layout.lines):
        raise UnreadableDocument("no text found in the document")
    return build_record(layout, sha)


def _identity(path: Path) -> tuple[int, int, int, int]:
    """What tells a file from its replacement: device, inode, size, modification time."""
    stat = os.stat(path)
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns


def _unchanged(path: Path, before: tuple[int, int, int, int]) -> bool:
    try:
        return _identity(path) == before
    except OSError:
        return False
