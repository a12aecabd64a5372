"""The searchable store: extracted records in SQLite (the default) or PostgreSQL, one interface.

``open_store(url)`` takes a file path (or ``sqlite:///path``) or a ``postgresql://`` URL and
returns a migrated Store; see pipeline/store/base.py for what a Store does. Its search index
(pipeline/search/) is a folder beside the SQLite file, or the one ``index`` or $PROTOKOLL_INDEX
names; it is opened when first searched or loaded into.
"""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.store.base import Store
    from pipeline.store.errors import QueryError, StoreError
    from pipeline.store.results import Hit, LoadOutcome, PersonReport, SearchRequest, SearchResult

# Where each name of the store's interface is defined. They load when first asked for, so a light
# module of the package (errors.py, labels.py) or default_db costs a command nothing more.
_EXPORTS = {"Store": "base", "QueryError": "errors", "StoreError": "errors", "Hit": "results",
            "LoadOutcome": "results", "PersonReport": "results", "SearchRequest": "results",
            "SearchResult": "results"}

__all__ = [
    "Hit",
    "LoadOutcome",
    "PersonReport",
    "QueryError",
    "SearchRequest",
    "SearchResult",
    "Store",
    "StoreError",
    "default_db",
    "open_store",
]


def __getattr__(name: str) -> object:
    if name in _EXPORTS:
        value = getattr(importlib.import_module(f"pipeline.store.{_EXPORTS[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'pipeline.store' has no attribute '{name}'")


SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
POSTGRES_SCHEMES = {"postgresql", "postgres"}


def default_db() -> str:
    """PROTOKOLL_DB if set, else ~/.local/share/protokoll/protokoll.db."""
    return os.environ.get("PROTOKOLL_DB") or str(Path.home() / ".local" / "share" / "protokoll" / "protokoll.db")


def open_store(url: str | None = None, create: bool = True, index: str | Path | None = None) -> Store:
    """The store at ``url``, its schema migrated; StoreError says why it cannot be opened.

    ``create=False`` refuses to make a new SQLite file (a search on a mistyped path should say
    so, not answer from an empty store). ``index`` is the search index's folder (default
    $PROTOKOLL_INDEX, else beside a SQLite file; see pipeline/search/index.py).
    """
    url = url or default_db()
    scheme_match = SCHEME.match(url)
    scheme = scheme_match.group(1).lower() if scheme_match else None
    if scheme in POSTGRES_SCHEMES:
        from pipeline.store.postgres import PostgresStore
        store: Store = PostgresStore(url)
    elif scheme in (None, "sqlite"):
        from pipeline.store.sqlite import SqliteStore
        path = Path(url[len("sqlite://"):] if scheme else url).expanduser()
        if path == Path(default_db()).expanduser():
            path.parent.mkdir(parents=True, exist_ok=True)
        store = SqliteStore(path, create=create)
    else:
        from pipeline.store.errors import StoreError

        raise StoreError(f"unsupported database URL scheme '{scheme}://': use a file path, sqlite:///PATH "
                         "or postgresql://USER@HOST:PORT/DATABASE")
    from pipeline.search.location import index_path

    store.index_path = index_path(url, index)
    from pipeline.store.errors import StoreError

    try:
        store.fresh = 1 in store.migrate()
    except StoreError:
        store.close()
        raise
    except Exception as exc:
        store.close()
        raise StoreError(f"cannot prepare the store at {url}: {exc.__class__.__name__}: {exc}") from exc
    return store
