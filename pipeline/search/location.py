"""Where a store's search index lives."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path


def index_path(db_url: str, given: str | Path | None = None) -> Path:
    """Where the index of a store lives: ``given``, else $PROTOKOLL_INDEX, else beside the SQLite
    file (``arkiv.db`` -> ``arkiv.db-index``, as SQLite names its own ``-wal``), else, for
    PostgreSQL, a folder per server and database under $XDG_DATA_HOME/protokoll/index
    (~/.local/share/protokoll/index)."""
    if given:
        return Path(given).expanduser()
    if os.environ.get("PROTOKOLL_INDEX"):
        return Path(os.environ["PROTOKOLL_INDEX"]).expanduser()
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*)://", db_url)
    if match is None or match.group(1).lower() == "sqlite":
        path = Path(db_url[len("sqlite://"):] if match else db_url).expanduser()
        return path.with_name(path.name + "-index")
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", re.sub(r"^[^@]*@|\?.*$", "", db_url.split("://", 1)[1]))
    digest = hashlib.sha256(db_url.encode()).hexdigest()[:8]
    data = Path(os.environ["XDG_DATA_HOME"]) if os.environ.get("XDG_DATA_HOME") else Path.home() / ".local" / "share"
    return data / "protokoll" / "index" / f"{readable}-{digest}"
