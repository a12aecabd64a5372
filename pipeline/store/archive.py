"""The archive's SQL: the rows it derives from each record at load time (sessions, utdrag,
diarienummer keys, references between bodies; migration 6), and the reads that meetings,
cases and the completeness check are built from (pipeline/archive/).

The derivations themselves are pure functions in pipeline/archive/keys.py.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from pipeline.archive.keys import is_extract, parse_dnr, references_in, session_of
from pipeline.store.base import Store
from pipeline.store.browse import decision_conditions, document_conditions, where
from pipeline.store.results import SearchRequest
from schemas.record import Document

ARCHIVE_VERSION = 1  # raise when a derivation changes: documents of an older version are derived again


# -- rows derived at load time ----------------------------------------------------------------------

def index_document(store: Store, record: Document, document_id: int, item_ids: Sequence[int]) -> None:
    """The archive's rows of one record, inside the caller's transaction (``item_ids`` in record order)."""
    store.execute("INSERT INTO archive_documents (document_id, sha256, session, extract, version) "
                  "VALUES (?, ?, ?, ?, ?)",
                  (document_id, record.sha256, session_of(record), is_extract(record), ARCHIVE_VERSION))
    links: list[Sequence[object]] = []
    for item, item_id in zip(record.items, item_ids, strict=True):
        dnr = parse_dnr(item.dnr)
        if dnr is not None:
            links.append((document_id, item_id, "dnr", dnr.series, dnr.year, dnr.number, None, None, None,
                          item.dnr or ""))
        seen = set()
        for reference in references_in(item.text):
            key = (reference.body_key, reference.paragraph, reference.day)
            if key not in seen:
                seen.add(key)
                links.append((document_id, item_id, "reference", None, None, None, reference.body_key,
                              reference.paragraph, reference.day.isoformat() if reference.day else None,
                              reference.raw))
    if links:
        store.executemany("INSERT INTO archive_links (document_id, item_id, kind, series, year, number, body_key, "
                          "paragraph, day, raw) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", links)


def index_all(store: Store) -> int:
    """Derive the rows of every document that lacks them (or has an older version's); how many.
    Runs inside the caller's transaction (the migration's)."""
    stale = store.query("SELECT d.id, d.sha256 FROM documents d LEFT JOIN archive_documents a "
                        "ON a.document_id = d.id WHERE a.document_id IS NULL OR a.version < ?", (ARCHIVE_VERSION,))
    for document_id, sha256 in stale:
        record = store.record(sha256)
        if record is None:
            continue
        store.execute("DELETE FROM archive_links WHERE document_id = ?", (document_id,))
        store.execute("DELETE FROM archive_documents WHERE document_id = ?", (document_id,))
        item_ids = [row[0] for row in store.query("SELECT id FROM items WHERE document_id = ? ORDER BY ordinal",
                                                  (document_id,))]
        index_document(store, record, document_id, item_ids)
    return len(stale)


# -- documents as the archive reads them --------------------------------------------------------------

@dataclass(frozen=True)
class DocumentFacts:
    """What grouping files into meetings and checking a series needs of one stored document."""

    id: int
    sha256: str
    source: str
    kind: str
    title: str | None
    organisation: str | None
    body: str | None
    organisation_key: str | None
    body_key: str | None
    date: date | None
    time: str | None
    location: str | None
    chair: str | None
    secretary: str | None
    adjusters: tuple[str, ...]
    pages: int
    extractor_version: str
    loaded_at: str
    provenance: str | None
    session: str | None
    extract: bool
    items: int
    decisions: int
    attendees: int

    @property
    def skipped_pages(self) -> list[int]:
        """Pages read neither from a text layer nor by OCR (OCR was off or failed): they need OCR."""
        if not self.provenance:
            return []
        pages = json.loads(self.provenance).get("pages", [])
        return [p["page"] for p in pages if p.get("source") == "skipped"]


FACTS_SQL = (
    "SELECT d.id, d.sha256, d.source, d.kind, d.title, d.organisation, d.body, d.organisation_key, d.body_key, "
    "d.date, d.time, d.location, d.chair, d.secretary, d.adjusters, d.pages, d.extractor_version, d.loaded_at, "
    "d.provenance, a.session, a.extract, "
    "(SELECT count(*) FROM items i WHERE i.document_id = d.id), "
    "(SELECT count(*) FROM decisions x WHERE x.document_id = d.id), "
    "(SELECT count(*) FROM attendees p WHERE p.document_id = d.id) "
    "FROM documents d LEFT JOIN archive_documents a ON a.document_id = d.id")


def _facts(row: tuple) -> DocumentFacts:
    values = list(row)
    day = values[9]
    values[9] = date.fromisoformat(day) if isinstance(day, str) else day
    values[14] = tuple(json.loads(values[14] or "[]"))
    values[20] = bool(values[20])
    return DocumentFacts(*values[:21], *(int(v) for v in values[21:]))


def facts_by_sha256(store: Store, sha256s: Iterable[str]) -> dict[str, DocumentFacts]:
    return {f.sha256: f for f in map(_facts, store.query_in(f"{FACTS_SQL} WHERE d.sha256 IN ({{}})",
                                                            sorted(set(sha256s))))}


def facts_on_days(store: Store, days: Iterable[date]) -> list[DocumentFacts]:
    """Every document of these days: the renderings a meeting of that day may have."""
    values = [day.isoformat() if store.dialect == "sqlite" else day for day in sorted(set(days))]
    return [_facts(row) for row in store.query_in(f"{FACTS_SQL} WHERE d.date IN ({{}})", values)]


def facts_of_groups(store: Store, groups: Iterable[tuple[date, str]]) -> list[DocumentFacts]:
    """The documents of these (day, body key) groups: the renderings meetings of those bodies on
    those days may have. A document without a body is in the group "(its kind)", as
    ``group_documents`` groups it; what is read here is a superset the caller narrows."""
    wanted = sorted(set(groups))
    found = []
    for start in range(0, len(wanted), GROUPS_CHUNK):
        chunk = wanted[start:start + GROUPS_CHUNK]
        params: list[object] = []
        conditions = []
        for day, body in chunk:
            params += [day.isoformat() if store.dialect == "sqlite" else day, body]
            if body.startswith("(") and body.endswith(")"):  # documents without a body, of this kind
                conditions.append("(d.date = ? AND (d.body_key = ? OR (d.body_key IS NULL AND d.kind = ?)))")
                params.append(body[1:-1])
            else:
                conditions.append("(d.date = ? AND d.body_key = ?)")
        found += [_facts(row) for row in store.query(f"{FACTS_SQL} WHERE {' OR '.join(conditions)}", params)]
    return found


GROUPS_CHUNK = 100


def facts_filtered(store: Store, request: SearchRequest) -> list[DocumentFacts]:
    """The documents the request's meeting filters keep (organisation, body, kinds, dates, person)."""
    conditions, params = document_conditions(store, request)
    return [_facts(row) for row in store.query(f"{FACTS_SQL}{where(conditions)} ORDER BY d.id", params)]


# -- items --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemFacts:
    id: int
    sha256: str
    ordinal: int
    number: int | None
    prefix: str | None
    title: str
    dnr: str | None


ITEM_SQL = "SELECT i.id, i.sha256, i.ordinal, i.number, i.prefix, i.title, i.dnr FROM items i"


def items_by_id(store: Store, item_ids: Iterable[int]) -> dict[int, ItemFacts]:
    return {int(r[0]): ItemFacts(int(r[0]), r[1], int(r[2]), r[3], r[4], r[5], r[6])
            for r in store.query_in(f"{ITEM_SQL} WHERE i.id IN ({{}})", sorted(set(item_ids)))}


def item_ids_of(store: Store, sha256: str) -> list[int]:
    """The ids of a stored document's items, in record order."""
    return [int(r[0]) for r in store.query("SELECT id FROM items WHERE sha256 = ? ORDER BY ordinal", (sha256,))]


def item_numbers(store: Store, document_ids: Iterable[int]) -> dict[int, list[tuple[int, str | None]]]:
    """The §§ (number, prefix) of each document, in record order."""
    found: dict[int, list[tuple[int, str | None]]] = {}
    for document_id, number, prefix in store.query_in(
            "SELECT document_id, number, prefix FROM items WHERE number IS NOT NULL AND document_id IN ({}) "
            "ORDER BY document_id, ordinal", sorted(set(document_ids))):
        found.setdefault(int(document_id), []).append((int(number), prefix))
    return found


def items_numbered(store: Store, paragraph: int, body_key: str) -> list[tuple[int, str]]:
    """(item id, document sha256) of the items numbered ``paragraph`` in documents of a body."""
    return [(int(r[0]), r[1]) for r in store.query(
        "SELECT i.id, i.sha256 FROM items i JOIN documents d ON d.id = i.document_id "
        "WHERE i.number = ? AND d.body_key = ?", (paragraph, body_key))]


def documents_mentioning(store: Store, document_ids: Iterable[int], words: Iterable[str]) -> set[int]:
    """The documents among these whose items' titles or text hold any of the words (lower case)."""
    words = list(words)
    if not words:
        return set()
    condition = " OR ".join("lower(i.title) LIKE ? OR lower(i.text) LIKE ?" for _ in words)
    patterns = [f"%{w}%" for w in words for _ in (0, 1)]
    found: set[int] = set()
    for chunk_start in range(0, len(ids := sorted(set(document_ids))), 200):
        chunk = ids[chunk_start:chunk_start + 200]
        found |= {int(r[0]) for r in store.query(
            f"SELECT DISTINCT i.document_id FROM items i WHERE i.document_id IN ({', '.join('?' for _ in chunk)}) "
            f"AND ({condition})", [*chunk, *patterns])}
    return found


# -- links: diarienummer and references -----------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    item_id: int
    sha256: str
    kind: str  # dnr | reference
    series: str | None
    year: int | None
    number: int | None
    body_key: str | None
    paragraph: int | None
    day: date | None
    raw: str


LINK_SQL = ("SELECT l.item_id, d.sha256, l.kind, l.series, l.year, l.number, l.body_key, l.paragraph, l.day, l.raw "
            "FROM archive_links l JOIN documents d ON d.id = l.document_id")


def _link(row: tuple) -> Link:
    day = date.fromisoformat(row[8]) if row[8] else None
    return Link(int(row[0]), row[1], row[2], row[3], row[4], row[5], row[6], row[7], day, row[9])


def dnr_links(store: Store, year: int, number: int) -> list[Link]:
    """Items whose diarienummer has this year and number (any series)."""
    return [_link(r) for r in store.query(f"{LINK_SQL} WHERE l.kind = 'dnr' AND l.number = ? AND l.year = ?",
                                          (number, year))]


def links_of_items(store: Store, item_ids: Iterable[int]) -> list[Link]:
    return [_link(r) for r in store.query_in(f"{LINK_SQL} WHERE l.item_id IN ({{}})", sorted(set(item_ids)))]


def references_to(store: Store, body_key: str, paragraph: int) -> list[Link]:
    """Items whose text cites this body's § (any date)."""
    return [_link(r) for r in store.query(
        f"{LINK_SQL} WHERE l.kind = 'reference' AND l.paragraph = ? AND l.body_key = ?", (paragraph, body_key))]


# -- what the store could not read ----------------------------------------------------------------------

@dataclass(frozen=True)
class Quarantined:
    sha256: str
    path: str
    reason: str
    quarantined_at: str


def quarantined(store: Store) -> list[Quarantined]:
    """Files the store holds no record of because they could not be read, with the reason."""
    return [Quarantined(*row) for row in store.query(
        "SELECT q.sha256, q.path, q.reason, q.quarantined_at FROM quarantine q "
        "WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = q.sha256) ORDER BY q.path")]


# -- the newest decisions ---------------------------------------------------------------------------

def newest_decision_keys(store: Store, request: SearchRequest, limit: int) -> list[tuple[str, int, int]]:
    """(sha256, item, decision) of the newest decisions the meeting filters keep: by meeting date, then
    by when they were loaded (the decision kinds and the amounts filter the decisions themselves)."""
    conditions, params = decision_conditions(store, request)
    rows = store.query("SELECT d.sha256, i.ordinal, x.ordinal FROM decisions x JOIN items i ON i.id = x.item_id "
                       f"JOIN documents d ON d.id = x.document_id{where(conditions)} "
                       "ORDER BY d.date IS NULL, d.date DESC, d.loaded_at DESC, d.id, i.ordinal, x.ordinal LIMIT ?",
                       [*params, limit])
    return [(sha, int(item), int(decision)) for sha, item, decision in rows]


def undated_documents(store: Store, sha256_prefix: str) -> list[str]:
    """The sha256 of every undated document whose sha256 starts with the prefix (an undated
    meeting's id is made of it)."""
    return [r[0] for r in store.query("SELECT sha256 FROM documents WHERE sha256 LIKE ? AND date IS NULL",
                                      (sha256_prefix + "%",))]
