"""The SQLite backend: one file, FTS5 over the units' index terms, bm25 ranking. Nothing to install."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from pipeline.store.base import Store
from pipeline.store.errors import StoreError
from pipeline.store.query import ResolvedQuery, fts5_query
from pipeline.store.rows import Row, UnitIndex

# bm25 column weights (title, context, body): an item about X outweighs a passing mention of
# X; a decision is found by its item's title too, but ranks by its own words.
BM25_WEIGHTS = (2.5, 0.5, 1.0)


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

    def optimize(self, thorough: bool = False) -> None:
        if thorough:  # merge FTS5's segments into one b-tree: fewer pages to read per query
            self.execute("INSERT INTO unit_fts (unit_fts) VALUES ('optimize')")
        self.execute("ANALYZE")

    def close(self) -> None:
        self.connection.close()

    def _value(self, value: object) -> object:
        return value.isoformat() if isinstance(value, date) else value

    def _insert_units(self, units: list[Row], index: list[UnitIndex]) -> None:
        if not units:
            return
        columns = list(units[0])
        self._insert_table("units", columns, units)
        self.executemany("INSERT INTO unit_fts (rowid, title, context, body) VALUES (?, ?, ?, ?)",
                         [(u.unit_id, u.title_terms, u.context_terms, u.body_terms) for u in index])

    def _delete_unit_index(self, document_id: int) -> None:
        self.execute("DELETE FROM unit_fts WHERE rowid IN (SELECT id FROM units WHERE document_id = ?)",
                     (document_id,))

    def _match_sql(self) -> tuple[str, str, str]:
        # CROSS JOIN fixes SQLite's join order: the full-text match runs once, first, instead of
        # once per row of a filtered documents table.
        return ("unit_fts CROSS JOIN units u ON u.id = unit_fts.rowid CROSS JOIN documents d ON d.id = u.document_id",
                "unit_fts MATCH ?",
                f"-bm25(unit_fts, {', '.join(map(str, BM25_WEIGHTS))}) * u.weight")

    def _named_sql(self) -> str:
        return "u.id IN (SELECT rowid FROM unit_fts WHERE unit_fts MATCH ?)"

    def _render(self, query: ResolvedQuery) -> str:
        return fts5_query(query)
