"""The SQLite backend: one file, nothing to install; its search index is a folder beside it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from pipeline.store.base import Store
from pipeline.store.errors import StoreError


class SqliteStore(Store):
    dialect = "sqlite"

    def __init__(self, path: Path, create: bool = True) -> None:
        super().__init__()
        self.path = path
        if not create and not path.is_file():
            raise StoreError(f"no store at {path} (load files into it first: protokoll load FILE --db {path})")
        if not path.parent.is_dir():
            raise StoreError(f"cannot create the store {path}: the folder {path.parent} does not exist")
        try:
            self.connection = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.connection.execute("PRAGMA foreign_keys = ON")
            self.connection.execute("PRAGMA journal_mode = WAL")
            self.connection.execute("PRAGMA synchronous = NORMAL")
            # 64 MB of pages (the default is 2 MB): an archive's indexes outgrow the default early in a load.
            self.connection.execute("PRAGMA cache_size = -65536")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open {path} as a SQLite store: {exc}") from exc
        self._in_transaction = False
        self._next_ids: dict[str, int] = {}

    def execute(self, sql: str, params: Sequence[object] = ()) -> None:
        self.connection.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: list[Sequence[object]]) -> None:
        self.connection.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        return self.connection.execute(sql, tuple(params)).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock up front, so ids read from MAX(id) stay ours.
        self.connection.execute("BEGIN IMMEDIATE")
        self._in_transaction = True
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        else:
            self.connection.execute("COMMIT")
        finally:
            self._in_transaction = False
            self._next_ids.clear()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        if self._in_transaction:  # already reading (or writing) one state
            yield
            return
        # A deferred transaction in WAL mode reads one snapshot and takes no lock a writer waits on.
        self.connection.execute("BEGIN DEFERRED")
        self._in_transaction = True
        try:
            yield
        finally:
            self._in_transaction = False
            self.connection.execute("COMMIT")

    def reserve_ids(self, table: str, count: int) -> list[int]:
        if table not in self._next_ids:
            self._next_ids[table] = int(self.query(f"SELECT COALESCE(MAX(id), 0) FROM {table}")[0][0]) + 1
        first = self._next_ids[table]
        self._next_ids[table] = first + count
        return list(range(first, first + count))

    def lock_schema(self) -> None:
        """BEGIN IMMEDIATE already holds the database's write lock."""

    def _lock_changes(self) -> None:
        """BEGIN IMMEDIATE already holds the database's write lock: commits, and changes, come one at a time."""

    def optimize(self, thorough: bool = False) -> None:
        self.execute("ANALYZE")

    def close(self) -> None:
        self.connection.close()

    def _value(self, value: object) -> object:
        return value.isoformat() if isinstance(value, date) else value
