"""Where stored files live on disk: recorded by ``protokoll load``, read back by the web app.

A file is only ever found through the sha256 of a stored document, only at a path recorded
when it was loaded, and only while the bytes there still hash to that sha256: no path a user
gives reaches the file system, and a recorded path whose file was since replaced serves nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pipeline.store.base import Store

SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_FILE_BYTES = 512 * 1024 * 1024  # a stored minute is far smaller; a bigger file at the path is not it
# What a stored file is served as: (media type, whether the browser shows it in place).
MEDIA_TYPES: dict[str, tuple[str, bool]] = {
    ".pdf": ("application/pdf", True),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", False),
}


@dataclass(frozen=True)
class StoredFile:
    """A stored document's file, read and checked against its sha256."""

    name: str  # the document's source name, to offer as the file name
    media_type: str
    inline: bool  # PDF opens in the browser (at #page=N); DOCX downloads
    content: bytes


def record_file(store: Store, sha256: str, path: Path) -> None:
    """Remember that the file with this content was loaded from ``path`` (made absolute)."""
    with store.transaction():
        store.execute(
            "INSERT INTO document_files (sha256, path, loaded_at) VALUES (?, ?, ?) "
            "ON CONFLICT (sha256, path) DO UPDATE SET loaded_at = excluded.loaded_at",
            (sha256, str(path.resolve()), datetime.now(UTC).isoformat(timespec="seconds")))


def recorded_paths(store: Store, sha256: str) -> list[Path]:
    """The paths a stored document's file was loaded from, the latest first."""
    rows = store.query(
        "SELECT f.path FROM document_files f JOIN documents d ON d.sha256 = f.sha256 "
        "WHERE f.sha256 = ? ORDER BY f.loaded_at DESC, f.path", (sha256,))
    return [Path(row[0]) for row in rows]


def read_stored_file(store: Store, sha256: str) -> StoredFile | None:
    """The file of the stored document with this sha256, or None when no recorded path still holds it.

    The bytes are hashed as read and served as hashed, so a file swapped after the check
    cannot be served in its place.
    """
    if not SHA256.match(sha256):
        return None
    names = store.query("SELECT source FROM documents WHERE sha256 = ?", (sha256,))
    if not names:
        return None
    for path in recorded_paths(store, sha256):
        media = MEDIA_TYPES.get(path.suffix.lower())
        content = _read_if_small(path) if media else None
        if media and content is not None and hashlib.sha256(content).hexdigest() == sha256:
            return StoredFile(names[0][0], media[0], media[1], content)
    return None


def _read_if_small(path: Path) -> bytes | None:
    try:
        if not path.is_file() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        return path.read_bytes()
    except OSError:  # gone, unreadable, or replaced by a folder since it was loaded
        return None
