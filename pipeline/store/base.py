"""The store's one interface and the SQL both backends share.

A backend gives the primitives (statements, transactions, ids) and its full-text dialect:
how the units' index terms are stored, matched and ranked. Loading, searching, filters,
facets and people are written once here, in SQL both SQLite and PostgreSQL run, with every
value passed as a parameter.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager

from extractors.text import fold, person_key
from pipeline.store import migrations
from pipeline.store.errors import StoreError
from pipeline.store.query import ResolvedQuery, Vocabulary, name_phrases, parse_query, resolve
from pipeline.store.readback import read_record
from pipeline.store.results import (
    FACETS,
    Attendance,
    Hit,
    LoadOutcome,
    PersonReport,
    SearchRequest,
    SearchResult,
)
from pipeline.store.rows import TABLES, RecordRows, Row, UnitIndex, record_rows
from pipeline.store.schema import Dialect, quote
from pipeline.store.textindex import TermMatcher, base, snippet
from schemas.record import Document

CHUNK = 500
SUFFIX_SCAN_LIMIT = 2000
MAX_LONG_FORMS = 3
MAX_LIMIT = 1000
EXACT_BOOST = 2  # a unit holding the query's words themselves, not only compounds of them
# A unit's search columns: what a hit row holds, in this order.
HIT_COLUMNS = ("d.source, d.sha256, u.item_number, u.item_title, u.page, u.decision_kind, u.text")
FACET_COLUMNS = {"organisation": "d.organisation", "body": "d.body", "year": "d.year",
                 "decision_kind": "u.decision_kind"}


class Store(ABC):
    """The store: records in, searches, people and records out."""

    dialect: Dialect

    def __init__(self) -> None:
        self._known_terms: set[str] = set()  # terms this process has seen stored, to skip looking them up

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

    # -- the full-text dialect -----------------------------------------------------------------

    @abstractmethod
    def _insert_units(self, units: list[Row], index: list[UnitIndex]) -> None: ...

    @abstractmethod
    def _delete_unit_index(self, document_id: int) -> None: ...

    @abstractmethod
    def _match_sql(self) -> tuple[str, str, str]:
        """(FROM clause, WHERE condition, score expression); the match text is the first parameter
        after those of the score expression (see ``_score_params``)."""

    def _score_params(self, query: ResolvedQuery) -> list[object]:
        """The parameters of the score expression, when ranking needs the query apart from the match."""
        return []

    @abstractmethod
    def _named_sql(self) -> str:
        """A condition on unit ``u`` that its text matches the query text given as its parameter."""

    @abstractmethod
    def _render(self, query: ResolvedQuery) -> str: ...

    def _value(self, value: object) -> object:
        """A Python value as the backend stores it."""
        return value

    @abstractmethod
    def optimize(self, thorough: bool = False) -> None:
        """Refresh the planner's statistics after a load; ``thorough`` also compacts the text index."""

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

    # -- loading -------------------------------------------------------------------------------

    def stored_file(self, sha256: str) -> tuple[str, str] | None:
        """(source, extractor version) of the stored extraction of a file, or None if it is not stored."""
        rows = self.query("SELECT source, extractor_version FROM documents WHERE sha256 = ?", (sha256,))
        return (rows[0][0], rows[0][1]) if rows else None

    def load(self, record: Document) -> LoadOutcome:
        """Store one record: once per file content; a newer extraction replaces the old rows in one transaction."""
        return self.load_many([record])[0]

    def load_many(self, records: Iterable[Document]) -> list[LoadOutcome]:
        """Store records in one transaction, all or none: for bulk loads, where a commit per record
        costs more than the record (each as ``load`` would store it)."""
        outcomes: list[LoadOutcome] = []
        new_terms: set[str] = set()
        with self.transaction():
            for record in records:
                outcomes.append(self._load_one(record, new_terms))
        self._known_terms |= new_terms  # only once committed: a rolled-back term is not stored
        return outcomes

    def _load_one(self, record: Document, new_terms: set[str]) -> LoadOutcome:
        """Store one record inside the caller's transaction; adds the terms it stored to ``new_terms``."""
        existing = self.query("SELECT id, extractor_version, source FROM documents WHERE sha256 = ?",
                              (record.sha256,))
        status = "loaded"
        if existing:
            document_id, version, stored_source = existing[0]
            if not is_newer(record.extractor_version, version):
                kept = "unchanged" if record.extractor_version == version else "kept"
                return LoadOutcome(kept, record.source, record.sha256, stored_source)
            self._delete_document(document_id)
            status = "replaced"
        rows = record_rows(record, self._id_allocator())
        self._insert_rows(rows)
        self._index_archive(record, rows)
        new_terms |= self._insert_terms(rows.terms - new_terms)
        return LoadOutcome(status, record.source, record.sha256, existing[0][2] if existing else None,
                           units=len(rows.units))

    def _index_archive(self, record: Document, rows: RecordRows) -> None:
        """The archive's rows of the record (meetings and cases; pipeline/store/archive.py)."""
        from pipeline.store.archive import index_document  # imports this module

        index_document(self, record, int(rows.tables["documents"][0]["id"]),  # type: ignore[call-overload]
                       [int(item["id"]) for item in rows.tables["items"]])  # type: ignore[call-overload]

    def _delete_document(self, document_id: int) -> None:
        self._delete_unit_index(document_id)
        self.execute("DELETE FROM documents WHERE id = ?", (document_id,))

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
        self._insert_units(rows.units, rows.unit_index)
        if rows.abbreviations:
            self._insert_table("abbreviations", ["document_id", "abbreviation", "long_form"], rows.abbreviations)

    def _insert_table(self, table: str, columns: list[str], rows: list[Row]) -> None:
        sql = (f"INSERT INTO {table} ({', '.join(map(quote, columns))}) "
               f"VALUES ({', '.join('?' for _ in columns)})")
        self.executemany(sql, [[self._value(row.get(c)) for c in columns] for row in rows])

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

    def _insert_terms(self, terms: set[str]) -> set[str]:
        """Add the terms the vocabulary lacks; the terms it now holds."""
        fresh = terms - self._known_terms
        if not fresh:
            return set()
        stored = {row[0] for row in self.query_in("SELECT term FROM terms WHERE term IN ({})", sorted(fresh))}
        rows = [(t, base(t), t[::-1], base(t)[::-1]) for t in sorted(fresh - stored)]
        if rows:
            self.executemany("INSERT INTO terms (term, base, rterm, rbase) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (term) DO NOTHING", rows)
        return fresh

    def query_in(self, sql: str, values: list[object]) -> Iterator[tuple]:
        """Run ``sql`` (one ``IN ({})``) over the values in chunks."""
        for start in range(0, len(values), CHUNK):
            chunk = values[start:start + CHUNK]
            yield from self.query(sql.format(", ".join("?" for _ in chunk)), chunk)

    # -- the vocabulary a query is resolved against ----------------------------------------------

    @property
    def vocabulary(self) -> Vocabulary:
        return _SqlVocabulary(self)

    # -- reading -------------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and tests."""
        names = [*TABLES, "units", "terms", "abbreviations"]
        return {name: int(self.query(f"SELECT count(*) FROM {name}")[0][0]) for name in names}

    def record(self, sha256: str) -> Document | None:
        """The record as stored, rebuilt from the rows (the inverse of loading)."""
        return read_record(self, sha256)

    # -- search --------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        """Hits for the query with the filters, best first; QueryError for a query with nothing to find."""
        # One snapshot: a load committing in between must not make the hits, the total and the
        # facets disagree.
        with self.snapshot():
            return self._search(request)

    def _search(self, request: SearchRequest) -> SearchResult:
        resolved = resolve(parse_query(request.text), self.vocabulary)
        if resolved.matches_nothing:
            return SearchResult(0, [], {name: [] for name in FACETS} if request.facets else {})
        from_sql, match_sql, score_sql = self._match_sql()
        filters, params = self._filters(request)
        where = " AND ".join([match_sql, *filters])
        base_params = [self._render(resolved), *params]
        score_params = self._score_params(resolved)
        exact = resolved.exact()
        if exact is not None:
            score_sql = f"({score_sql}) * (CASE WHEN {self._named_sql()} THEN {EXACT_BOOST} ELSE 1 END)"
            score_params.append(self._render(exact))
        limit = max(0, min(request.limit, MAX_LIMIT))
        # The total rides along with the page (one pass over the matches, not two).
        # Only ids and scores go through the sort; the texts are read for the page alone. The
        # matches are materialised because FTS5's bm25() cannot run under a window function.
        rows = self.query(
            f"WITH matched AS MATERIALIZED (SELECT u.id AS unit_id, {score_sql} AS score FROM {from_sql} "
            f"WHERE {where}), ranked AS (SELECT unit_id, score, count(*) OVER () AS total FROM matched "
            "ORDER BY score DESC, unit_id LIMIT ? OFFSET ?) "
            f"SELECT {HIT_COLUMNS}, ranked.score, ranked.total FROM ranked JOIN units u ON u.id = ranked.unit_id "
            "JOIN documents d ON d.id = u.document_id ORDER BY ranked.score DESC, u.id",
            [*score_params, *base_params, limit, max(0, request.offset)])
        if rows:
            total = int(rows[0][-1])
        else:  # past the last hit, or none: count on its own
            total = int(self.query(f"SELECT count(*) FROM {from_sql} WHERE {where}", base_params)[0][0])
        rows = [row[:-1] for row in rows]
        matcher = resolved.matcher()
        hits = [self._hit(row, matcher) for row in rows]
        facets = self.facet_counts(from_sql, where, base_params, FACET_COLUMNS) if request.facets else {}
        return SearchResult(total, hits, facets)

    def _hit(self, row: tuple, matcher: TermMatcher) -> Hit:
        source, sha, number, title, page, decision_kind, text, score = row
        return Hit(source=source, sha256=sha, item_number=number, item_title=title, page=int(page),
                   decision_kind=decision_kind, snippet=snippet(title, text, matcher),
                   score=round(float(score), 6))

    def facet_counts(self, from_sql: str, where: str, params: list[object],
                     columns: dict[str, str]) -> dict[str, list[tuple[str, int]]]:
        """Counts of the rows ``FROM from_sql WHERE where`` per value of each facet column, most first."""
        if not columns:
            return {}
        # One statement: the rows (a full-text match, often) are found once for all the facets.
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

    def _filters(self, request: SearchRequest) -> tuple[list[str], list[object]]:
        """SQL conditions on unit ``u`` and document ``d`` for the request's filters, with their values."""
        conditions: list[str] = []
        params: list[object] = []
        for column, value in (("organisation_key", request.organisation), ("body_key", request.body)):
            value = _printable(value)
            if value:
                conditions.append(f"d.{column} LIKE ? ESCAPE '\\'")
                params.append(f"%{_like_escape(fold(value))}%")
        for column, values in (("d.kind", request.kinds), ("u.decision_kind", request.decision_kinds)):
            if values:
                conditions.append(f"{column} IN ({', '.join('?' for _ in values)})")
                params += list(values)
        if request.decisions_only or request.decision_kinds:
            conditions.append("u.kind = 'decision'")
        if request.date_from:
            conditions.append("d.date >= ?")
            params.append(self._value(request.date_from))
        if request.date_to:
            conditions.append("d.date <= ?")
            params.append(self._value(request.date_to))
        if request.min_amount is not None or request.max_amount is not None:
            conditions.append(
                "EXISTS (SELECT 1 FROM amounts a WHERE a.value_sek BETWEEN ? AND ? AND ("
                "(u.kind = 'decision' AND a.decision_id = u.decision_id) OR "
                "(u.kind = 'item' AND a.item_id = u.item_id AND a.decision_id IS NULL)))")
            params += [request.min_amount if request.min_amount is not None else -(2 ** 62),
                       request.max_amount if request.max_amount is not None else 2 ** 62]
        if _printable(request.person):
            condition, values = self._person_condition(_printable(request.person))
            conditions.append(condition)
            params += values
        return conditions, params

    def _person_condition(self, name: str) -> tuple[str, list[object]]:
        """Units of meetings the person attended, or whose text names them (in any known spelling)."""
        key = person_key(name)
        spellings = {name} | {row[0] for row in self.query(
            "SELECT DISTINCT a.name FROM attendees a JOIN persons p ON p.id = a.person_id WHERE p.key = ?", (key,))}
        condition = ("(u.document_id IN (SELECT a.document_id FROM attendees a JOIN persons p ON p.id = a.person_id "
                     "WHERE p.key = ? AND a.\"group\" <> 'frånvarande') OR " + self._named_sql() + ")")
        return condition, [key, self._render(name_phrases(spellings))]

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
        named = self._render(name_phrases(set(spellings)))
        decisions, mentions = (self._named_units(named, kind, spellings) for kind in ("decision", "item"))
        return PersonReport(name, key, spellings, [m for m in meetings if m.group != "frånvarande"],
                            [m for m in meetings if m.group == "frånvarande"], decisions, mentions)

    def _named_units(self, match: str, kind: str, spellings: list[str]) -> list[Hit]:
        rows = self.query(
            f"SELECT {HIT_COLUMNS}, 0 FROM units u JOIN documents d ON d.id = u.document_id "
            f"WHERE u.kind = ? AND {self._named_sql()} ORDER BY d.date, d.source, u.id LIMIT 200", (kind, match))
        matcher = name_phrases(set(spellings)).matcher()
        return [self._hit(row, matcher) for row in rows]


class _SqlVocabulary:
    """The store's terms, as query resolution asks for them."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def lemma_terms(self, keys: set[str]) -> list[tuple[str, str]]:
        marks = ", ".join("?" for _ in keys)
        return [tuple(r) for r in self.store.query(
            f"SELECT term, base FROM terms WHERE term IN ({marks}) OR base IN ({marks})", [*keys, *keys])]

    def terms_ending_with(self, suffixes: set[str]) -> list[tuple[str, str]]:
        ranges, params = [], []
        for suffix in sorted(suffixes):
            low, high = suffix[::-1], suffix[::-1] + "\U0010ffff"
            ranges.append("(rterm >= ? AND rterm < ?) OR (rbase >= ? AND rbase < ?)")
            params += [low, high, low, high]
        return [tuple(r) for r in self.store.query(
            f"SELECT term, base FROM terms WHERE {' OR '.join(ranges)} ORDER BY length(term), term LIMIT ?",
            [*params, SUFFIX_SCAN_LIMIT])]

    def known_terms(self, terms: set[str]) -> set[str]:
        return {r[0] for r in self.store.query_in("SELECT term FROM terms WHERE term IN ({})", sorted(terms))}

    def long_forms(self, abbreviations: set[str]) -> dict[str, list[str]]:
        """Per abbreviation, the long forms most documents give it (a misspelt one stays out)."""
        found: dict[str, list[str]] = {}
        for abbreviation, long_form, _ in self.store.query_in(
                "SELECT abbreviation, long_form, count(*) AS n FROM abbreviations WHERE abbreviation IN ({}) "
                "GROUP BY abbreviation, long_form ORDER BY abbreviation, n DESC, long_form", sorted(abbreviations)):
            forms = found.setdefault(abbreviation, [])
            if len(forms) < MAX_LONG_FORMS:
                forms.append(long_form)
        return found


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
