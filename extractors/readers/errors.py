"""Why a file could not be read: one reason a user can act on."""

from __future__ import annotations

import os
from pathlib import Path


class UnreadableDocument(Exception):
    """A file that gives no record; ``reason`` is said to the user after the file name."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def printable_name(path: Path | str) -> str:
    """A file name as text that can always be printed and stored: bytes of a name that are
    not UTF-8 (an old Latin-1 archive) become U+FFFD instead of breaking the output."""
    return os.fsencode(path).decode("utf-8", "replace")
