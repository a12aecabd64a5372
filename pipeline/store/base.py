"""The store's one interface and the SQL both backends share.

A backend gives the primitives (statements, transactions, ids). Loading, deleting, the change
sequence the search index follows, filters for lists, and people are written once here, in SQL
both SQLite and PostgreSQL run, with every value passed as a parameter. Searching is the
Tantivy index's (pipeline/search/), which the store keeps up to date: every load, replacement
and delete is a row in ``changes``, and the index catches up with them after each commit.
"""

from __future__ import annotations

import contextlib
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.text import person_key
from pipeline.store import migrations
from pipeline.store.errors import StoreError
from pipeline.store.readback import read_record
from pipeline.store.results import (
    Attendance,
    LoadOutcome,
    PersonReport,
    SearchRequest,
    SearchResult,
)
from pipeline.store.rows import TABLES, RecordRows, Row, record_rows
from pipeline.store.schema import Dialect, quote
from schemas.record import Document

if TYPE_CHECKING:
    from pipeline.search.index import SearchIndex

CHUNK = 500
_DATE_COLUMNS = {name: frozenset(c.name for c in table.columns if c.kind == "date") for name, table in TABLES.items()}
MAX_LONG_FORMS = 3
MAX_LIMIT = 1000


class Store(ABC):
    """The store: records in, searches, people and records out."""

    dialect: Dialect

    def __init__(self) -> None:
        self.index_path: Path | None = None  # where the search index lives (set by open_store)
        self._search_index: SearchIndex | None = None
        self._defer_indexing = 0
        self.fresh = False  # made by this open_store: its index is made with it, not "rebuilt"

    # -- primitives a backend gives ------------------------------------------------------------

    @abstractmethod
    def execute(self, sql: str, params: Sequence[object] = ()) -> None: ...

    @abstractmethod
    def executemany(self, sql: str, rows: list[Sequence[object]]) -> None: ...

    @abstractmethod
    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]: ...

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def snapshot(self) -> AbstractContextManager[None]:
        """Reads that all see the store as one commit left it, while writers go on."""

    @abstractmethod
    def reserve_ids(self, table: str, count: int) -> list[int]: ...

    @abstractmethod
    def close(self) -> None: ...

    @abstractmethod
    def _lock_changes(self) -> None:
        """Hold, until the transaction ends, the right to number changes: they are numbered in commit order."""

    def _value(self, value: object) -> object:
        """A Python value as the backend stores it."""
        return value

    @abstractmethod
    def optimize(self, thorough: bool = False) -> None:
        """Refresh the planner's statistics after a load."""

    # -- setup ---------------------------------------------------------------------------------

    def migrate(self) -> list[int]:
        """Bring the schema to the newest version; the versions applied now."""
        return migrations.migrate(self)

    def schema_version(self) -> int:
        return migrations.current_version(self)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the search index ----------------------------------------------------------------------

    @property
    def search_index(self) -> SearchIndex:
        """The store's Tantivy index, opened (made or rebuilt when it must be) on first use."""
        index = self._index_object()
        index.ready(self)
        return index

    def _index_object(self) -> SearchIndex:
        if self._search_index is None:
            from pipeline.search.index import SearchIndex

            if self.index_path is None:
                raise StoreError("this store has no search index (open it with open_store)")
            self._search_index = SearchIndex(self.index_path)
        return self._search_index

    def sync_index(self) -> bool:
        """Bring the search index up to the store's last change (waiting for another writer);
        False when it could not be had in time (the next open catches up)."""
        return self.search_index.catch_up(self)

    def reindex(self) -> int:
        """Rebuild the search index from the store; the number of documents indexed."""
        return self._index_object().rebuild(self)

    @contextlib.contextmanager
    def bulk_indexing(self) -> Iterator[None]:
        """Loads inside update the index only when ``sync_index`` is called and at the end, with
        one writer held throughout: for bulk loads, where an index commit per batch costs more
        than the batch."""
        index = self.search_index
        with index.holding():
            self._defer_indexing += 1
            try:
                yield
            finally:
                self._defer_indexing -= 1
            self.sync_index()

    def _changed(self) -> None:
        """After a commit that changed documents: the index follows, unless a bulk load defers it."""
        if self.index_path is not None and not self._defer_indexing:
            self.sync_index()

    def index_changes(self) -> None:
        """Bring the index up to the store's changes now (what ``load(..., sync_index=False)`` left)."""
        self._changed()

    def change_seq(self) -> int:
        """The number of the store's last change (0 for none)."""
        return int(self.query("SELECT COALESCE(MAX(seq), 0) FROM changes")[0][0])

    def changes_since(self, seq: int, limit: int) -> list[tuple[int, str]]:
        """(number, sha256) of the changes after ``seq``, in order."""
        return [(int(n), sha) for n, sha in self.query(
            "SELECT seq, sha256 FROM changes WHERE seq > ? ORDER BY seq LIMIT ?", (seq, limit))]

    def identity(self) -> str:
        """The store's own id, made when its schema was: an index built from another store is not this one's."""
        return str(self.query("SELECT value FROM store_info WHERE key = 'identity'")[0][0])

    def document_count(self) -> int:
        return int(self.query("SELECT count(*) FROM documents")[0][0])

    def _record_changes(self, sha256s: list[str]) -> None:
        """Number the changed documents, inside the transaction that changed them."""
        if not sha256s:
            return
        self._lock_changes()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.executemany("INSERT INTO changes (sha256, changed_at) VALUES (?, ?)", [(sha, now) for sha in sha256s])

    # -- loading -------------------------------------------------------------------------------

    def stored_file(self, sha256: str) -> tuple[str, str] | None:
        """(source, extractor version) of the stored extraction of a file, or None if it is not stored."""
        rows = self.query("SELECT source, extractor_version FROM documents WHERE sha256 = ?", (sha256,))
        return (rows[0][0], rows[0][1]) if rows else None

    def load(self, record: Document, sync_index: bool = True) -> LoadOutcome:
        """Store one record: once per file content; a newer extraction replaces the old rows in one
        transaction. The search index follows after the commit (``sync_index=False``: when the
        caller calls ``sync_index`` itself, after recording what it did)."""
        return self.load_many([record], sync_index)[0]

    def load_many(self, records: Iterable[Document], sync_index: bool = True) -> list[LoadOutcome]:
        """Store records in one transaction, all or none: for bulk loads, where a commit per record
        costs more than the record (each as ``load`` would store it)."""
        outcomes: list[LoadOutcome] = []
        with self.transaction():
            for record in records:
                outcomes.append(self._load_one(record))
            self._record_changes([o.sha256 for o in outcomes if o.status in ("loaded", "replaced")])
        if sync_index and any(o.status in ("loaded", "replaced") for o in outcomes):
            self._changed()
        return outcomes

    def _load_one(self, record: Document) -> LoadOutcome:
        """Store one record inside the caller's transaction."""
        existing = self.query("SELECT id, extractor_version, source FROM documents WHERE sha256 = ?",
                              (record.sha256,))
        status = "loaded"
        if existing:
            document_id, version, stored_source = existing[0]
            if not is_newer(record.extractor_version, version):
                kept = "unchanged" if record.extractor_version == version else "kept"
                return LoadOutcome(kept, record.source, record.sha256, stored_source)
            self.execute("DELETE FROM documents WHERE id = ?", (document_id,))
            status = "replaced"
        rows = record_rows(record, self._id_allocator())
        self._insert_rows(rows)
        self._index_archive(record, rows)
        return LoadOutcome(status, record.source, record.sha256, existing[0][2] if existing else None,
                           units=len(record.items))

    def _index_archive(self, record: Document, rows: RecordRows) -> None:
        """The archive's rows of the record (meetings and cases; pipeline/store/archive.py)."""
        from pipeline.store.archive import index_document  # imports this module

        index_document(self, record, int(rows.tables["documents"][0]["id"]),  # type: ignore[call-overload]
                       [int(item["id"]) for item in rows.tables["items"]])  # type: ignore[call-overload]

    def delete(self, sha256: str) -> bool:
        """Remove a stored document (its rows, and its items from the search index); whether it was stored."""
        with self.transaction():
            found = self.query("SELECT id FROM documents WHERE sha256 = ?", (sha256,))
            if not found:
                return False
            self.execute("DELETE FROM documents WHERE id = ?", (found[0][0],))
            self._record_changes([sha256])
        self._changed()
        return True

    def _id_allocator(self) -> Callable[[str], int]:
        """Ids for a record's rows, reserved from the database in blocks."""
        blocks: dict[str, list[int]] = {}

        def next_id(table: str) -> int:
            if not blocks.get(table):
                blocks[table] = self.reserve_ids(table, 64)
            return blocks[table].pop(0)
        return next_id

    def _insert_rows(self, rows: RecordRows) -> None:
        person_ids = self._person_ids(rows.persons)
        for attendee in rows.tables["attendees"]:
            attendee["person_id"] = person_ids[attendee.pop("person_key")]  # type: ignore[index]
        for name, table_rows in rows.tables.items():
            if table_rows:
                self._insert_table(name, [c.name for c in TABLES[name].columns], table_rows)
        if rows.abbreviations:
            self._insert_table("abbreviations", ["document_id", "abbreviation", "long_form"], rows.abbreviations)

    def _insert_table(self, table: str, columns: list[str], rows: list[Row]) -> None:
        sql = (f"INSERT INTO {table} ({', '.join(map(quote, columns))}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        # Only date columns need the backend's form: converting every value cost a load's time.
        dated = _DATE_COLUMNS.get(table, frozenset())
        if dated:
            value = self._value
            self.executemany(sql, [[value(row.get(c)) if c in dated else row.get(c) for c in columns]
                                   for row in rows])
        else:
            self.executemany(sql, [[row.get(c) for c in columns] for row in rows])

    def _person_ids(self, persons: dict[str, str]) -> dict[str, int]:
        """The ids of the record's people, adding those the store has not met."""
        if not persons:
            return {}
        found = dict(self.query_in("SELECT key, id FROM persons WHERE key IN ({})", list(persons)))
        missing = [key for key in persons if key not in found]
        if missing:
            ids = self.reserve_ids("persons", len(missing))
            self.executemany("INSERT INTO persons (id, key, name) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING",
                             [(i, key, persons[key]) for i, key in zip(ids, missing, strict=True)])
            found.update(self.query_in("SELECT key, id FROM persons WHERE key IN ({})", missing))
        return found

    def query_in(self, sql: str, values: list[object]) -> Iterator[tuple]:
        """Run ``sql`` (one ``IN ({})``) over the values in chunks."""
        for start in range(0, len(values), CHUNK):
            chunk = values[start:start + CHUNK]
            yield from self.query(sql.format(", ".join("?" for _ in chunk)), chunk)

    # -- reading -------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and tests."""
        names = [*TABLES, "abbreviations", "changes"]
        return {name: int(self.query(f"SELECT count(*) FROM {name}")[0][0]) for name in names}

    def record(self, sha256: str) -> Document | None:
        """The record as stored, rebuilt from the rows (the inverse of loading)."""
        return read_record(self, sha256)

    def long_forms(self, abbreviations: set[str]) -> dict[str, list[str]]:
        """Per abbreviation, the long forms (as index terms) most documents give it (a misspelt one stays out)."""
        found: dict[str, list[str]] = {}
        for abbreviation, long_form, _ in self.query_in(
                "SELECT abbreviation, long_form, count(*) AS n FROM abbreviations WHERE abbreviation IN ({}) "
                "GROUP BY abbreviation, long_form ORDER BY abbreviation, n DESC, long_form", sorted(abbreviations)):
            forms = found.setdefault(abbreviation, [])
            if len(forms) < MAX_LONG_FORMS:
                forms.append(long_form)
        return found

    def person_spellings(self, key: str) -> set[str]:
        """Every way the attendee lists write the person with this key."""
        return {row[0] for row in self.query(
            "SELECT DISTINCT a.name FROM attendees a JOIN persons p ON p.id = a.person_id WHERE p.key = ?", (key,))}

    # -- search --------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        """Hits for the query with the filters, best first; QueryError for a query with nothing to find.

        One index searcher answers the hits, the total and the facets: a load committing in
        between cannot make them disagree. An index that fails to read is rebuilt and asked again."""
        from pipeline.search.engine import search

        index = self.search_index
        try:
            return search(index, self, request)
        except (ValueError, OSError) as exc:
            if not index.damaged(exc):
                raise
            index.recover(self, exc)
            return search(index, self, request)

    def facet_counts(self, from_sql: str, where: str, params: list[object],
                     columns: dict[str, str]) -> dict[str, list[tuple[str, int]]]:
        """Counts of the rows ``FROM from_sql WHERE where`` per value of each facet column, most first."""
        if not columns:
            return {}
        # One statement: the rows are found once for all the facets.
        selected = ", ".join(f"{column} AS f{k}" for k, column in enumerate(columns.values()))
        parts = [f"SELECT * FROM (SELECT {k} AS facet, CAST(f{k} AS TEXT) AS value, count(*) AS n, "
                 f"row_number() OVER (ORDER BY count(*) DESC, f{k}) AS place FROM facet_rows "
                 f"WHERE f{k} IS NOT NULL GROUP BY f{k} ORDER BY count(*) DESC, f{k} LIMIT 50) AS facet{k}"
                 for k in range(len(columns))]
        rows = self.query(f"WITH facet_rows AS MATERIALIZED (SELECT {selected} FROM {from_sql} WHERE {where}) "
                          + " UNION ALL ".join(parts), params)
        facets: dict[str, list[tuple[str, int]]] = {name: [] for name in columns}
        names = list(columns)
        for facet, value, count, _ in sorted(rows, key=lambda row: (row[0], row[3])):
            facets[names[int(facet)]].append((str(value), int(count)))
        return facets

    # -- people --------------------------------------------------------------------------------

    def find_persons(self, name: str) -> list[tuple[str, str]]:
        """(key, name) of the people a name means: the one with the same key, else those whose key holds it."""
        key = person_key(_printable(name))
        if not key:
            return []
        exact = self.query("SELECT key, name FROM persons WHERE key = ?", (key,))
        if exact:
            return [tuple(exact[0])]
        return [tuple(r) for r in self.query(
            "SELECT key, name FROM persons WHERE key LIKE ? ESCAPE '\\' ORDER BY name LIMIT 20",
            (f"%{_like_escape(key)}%",))]

    def person(self, key: str) -> PersonReport:
        """A person's meetings and the decisions and items that name them."""
        names = self.query("SELECT name FROM persons WHERE key = ?", (key,))
        if not names:
            raise StoreError(f"no person with the key '{key}' in the store")
        name = names[0][0]
        rows = self.query(
            "SELECT a.name, d.date, d.organisation, d.body, d.kind, a.\"group\", a.role, a.organisation, "
            "a.present_for, d.source FROM attendees a JOIN persons p ON p.id = a.person_id "
            "JOIN documents d ON d.id = a.document_id WHERE p.key = ? ORDER BY d.date, d.source", (key,))
        spellings = sorted({row[0] for row in rows} | {name})
        meetings = _meetings(rows)
        from pipeline.search.engine import named_items

        decisions, mentions = (named_items(self.search_index, self, set(spellings), field)
                               for field in ("decisions", "text"))
        return PersonReport(name, key, spellings, [m for m in meetings if m.group != "frånvarande"],
                            [m for m in meetings if m.group == "frånvarande"], decisions, mentions)


def _meetings(rows: list[tuple]) -> list[Attendance]:
    """Attendance rows grouped by meeting (date, organisation, body): one per meeting, its renderings listed."""
    grouped: dict[tuple, list[tuple]] = {}
    for row in rows:
        _, day, organisation, body, kind, group, role, represents, present_for, source = row
        key = (str(day) if day else source, organisation, body, kind, group)
        grouped.setdefault(key, []).append(row)
    meetings = []
    for members in grouped.values():
        _, day, organisation, body, kind, group, role, represents, present_for, _ = members[0]
        meetings.append(Attendance(str(day) if day else None, organisation, body, kind, group, role, represents,
                                   present_for, tuple(sorted(m[-1] for m in members))))
    return meetings


def _printable(text: str | None) -> str:
    """Text without control characters (PostgreSQL refuses NUL in a string)."""
    return "".join(c for c in text or "" if c.isprintable()).strip()


def _like_escape(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text)


def is_newer(version: str, than: str) -> bool:
    """Whether extractor version ``version`` is newer than ``than`` ("0.10.0" > "0.9.2")."""
    def parts(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in re.findall(r"\d+", v))
    if parts(version) != parts(than):
        return parts(version) > parts(than)
    return False
