"""Reading the store for exports and web pages: decision and attendee rows, lists of meetings,
and search hits placed in their records.

A row is built from the record's own models (``store.record(sha256)``): a decision row *is* a
``Decision`` with the meeting and item it belongs to, an attendee row *is* an ``Attendee``
with its meeting, so a field added to schemas/record.py reaches every export by itself.

Filters are the store's ``SearchRequest``. With query text, the store's search picks the
decisions (each hit names the decisions of its item that hold the query's words) and the
meetings with hits, so a filter means exactly what it means in a search.
Without query text the same filters are applied here in SQL: organisation and body as parts
of the name in any case, document kinds, the date range, the person as an attendee, and the
decision kinds and amounts on the decision itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from extractors.text import fold, person_key
from pipeline.store.base import MAX_LIMIT, Store
from pipeline.store.labels import DECISION_KIND_LABELS
from pipeline.store.results import Hit, SearchRequest
from schemas.record import Attendee, Decision, Document, Item

MAX_EXPORT_HITS = 100_000  # a query matching more than this is no list anyone reads
FACET_COLUMNS = {"organisation": "d.organisation", "body": "d.body", "year": "d.year", "kind": "d.kind"}


# -- rows -------------------------------------------------------------------------------------

class ExportRow(BaseModel):
    """A row of an export: its columns are its fields, in ``column_order`` (new fields last)."""

    model_config = ConfigDict(extra="forbid")

    column_order: ClassVar[tuple[str, ...]] = ()
    labels: ClassVar[dict[str, str]] = {}
    value_labels: ClassVar[dict[str, dict[str, str]]] = {}  # field -> stored value -> Swedish word
    meeting_fields: ClassVar[tuple[str, ...]] = ()  # what a meeting heading shows, not its table

    @classmethod
    def columns(cls) -> list[str]:
        ordered = [name for name in cls.column_order if name in cls.model_fields]
        return ordered + [name for name in cls.model_fields if name not in ordered]

    @classmethod
    def label(cls, name: str) -> str:
        return cls.labels.get(name, name)


class MeetingColumns(ExportRow):
    """Which meeting (or document) a row comes from, and the file it was read from."""

    meeting_date: date | None  # the meeting's date; a report's or plan's own date when it has none
    meeting_organisation: str | None
    meeting_body: str | None
    source: str
    sha256: str
    # Set by the archive's meeting exports (pipeline/archive/meetings.py): the meeting's id and
    # every file that records it, so a row exported once still names all its renderings.
    meeting: str | None = None
    files: list[str] = []

    meeting_fields: ClassVar[tuple[str, ...]] = (
        "meeting_date", "meeting_organisation", "meeting_body", "source", "sha256", "meeting", "files")

    @staticmethod
    def of_document(document: Document) -> dict[str, object]:
        return {"meeting_date": document.meeting_date or document.document_date,
                "meeting_organisation": document.organisation, "meeting_body": document.body,
                "source": document.source, "sha256": document.sha256}


class DecisionRow(MeetingColumns, Decision):
    """One decision of a beslutsförteckning: the Decision with its meeting and item."""

    paragraph: str | None = None  # as cited: "SFV § 17"
    item_title: str
    dnr: str | None = None

    column_order: ClassVar[tuple[str, ...]] = (
        "meeting_date", "meeting_organisation", "meeting_body", "paragraph", "item_title", "dnr",
        "kind", "text", "amounts", "source", "page", "sha256")
    labels: ClassVar[dict[str, str]] = {
        "meeting_date": "Datum", "meeting_organisation": "Organisation", "meeting_body": "Organ",
        "paragraph": "§", "item_title": "Ärende", "dnr": "Diarienummer", "kind": "Beslutstyp",
        "text": "Beslut", "amounts": "Belopp (kr)", "source": "Källfil", "page": "Sida", "sha256": "SHA-256",
        "meeting": "Sammanträde", "files": "Filer",
    }
    value_labels: ClassVar[dict[str, dict[str, str]]] = {"kind": DECISION_KIND_LABELS}

    @classmethod
    def of(cls, document: Document, item: Item, decision: Decision) -> DecisionRow:
        return cls(**cls.of_document(document), paragraph=paragraph(item), item_title=item.title,
                   dnr=item.dnr, **dict(decision))


class AttendeeRow(MeetingColumns, Attendee):
    """One person listed at a meeting: the Attendee with its meeting."""

    column_order: ClassVar[tuple[str, ...]] = (
        "meeting_date", "meeting_organisation", "meeting_body", "name", "group", "role", "organisation",
        "party", "present_for", "source", "sha256")
    labels: ClassVar[dict[str, str]] = {
        "meeting_date": "Datum", "meeting_organisation": "Sammanträdets organisation", "meeting_body": "Organ",
        "name": "Namn", "group": "Grupp", "role": "Roll", "organisation": "Representerar", "party": "Parti",
        "present_for": "Närvarande", "source": "Källfil", "sha256": "SHA-256",
        "meeting": "Sammanträde", "files": "Filer",
    }

    @classmethod
    def of(cls, document: Document, attendee: Attendee) -> AttendeeRow:
        return cls(**cls.of_document(document), **dict(attendee))


def paragraph(item: Item) -> str | None:
    """The item's § as the minutes cite it ("SFV § 17"), or None for an unnumbered heading."""
    if item.number is None:
        return None
    return f"{item.prefix + ' ' if item.prefix else ''}§ {item.number}"


@dataclass(frozen=True)
class DecisionEntry:
    """A decision row and where the decision sits in its record (0-based item and decision)."""

    item: int
    decision: int
    row: DecisionRow


DecisionKey = tuple[str, int, int]  # (sha256, item index, decision index) in the record


# -- documents --------------------------------------------------------------------------------

class DocumentSummary(BaseModel):
    """A stored document as a list shows it."""

    sha256: str
    source: str
    kind: str
    title: str | None
    organisation: str | None
    body: str | None
    date: date | None
    pages: int
    items: int
    decisions: int


SUMMARY_SQL = ("SELECT d.sha256, d.source, d.kind, d.title, d.organisation, d.body, d.date, d.pages, "
               "(SELECT count(*) FROM items i WHERE i.document_id = d.id), "
               "(SELECT count(*) FROM decisions x WHERE x.document_id = d.id) FROM documents d")
SUMMARY_FIELDS = list(DocumentSummary.model_fields)


def document_conditions(store: Store, request: SearchRequest) -> tuple[list[str], list[object]]:
    """SQL conditions on document ``d`` for the request's meeting filters, with their values."""
    conditions: list[str] = []
    params: list[object] = []
    for column, value in (("organisation_key", request.organisation), ("body_key", request.body)):
        if value and value.strip():
            conditions.append(f"d.{column} LIKE ? ESCAPE '\\'")
            params.append(f"%{like_escape(fold(value))}%")
    if request.kinds:
        conditions.append(f"d.kind IN ({', '.join('?' for _ in request.kinds)})")
        params += list(request.kinds)
    for operator, day in ((">=", request.date_from), ("<=", request.date_to)):
        if day is not None:
            conditions.append(f"d.date {operator} ?")
            params.append(day.isoformat() if store.dialect == "sqlite" else day)
    if request.person and person_key(request.person):
        conditions.append("EXISTS (SELECT 1 FROM attendees a JOIN persons p ON p.id = a.person_id "
                          "WHERE a.document_id = d.id AND p.key = ? AND a.\"group\" <> 'frånvarande')")
        params.append(person_key(request.person))
    return conditions, params


def where(conditions: list[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


def list_documents(store: Store, request: SearchRequest) -> tuple[int, list[DocumentSummary]]:
    """(total, one page of) the documents the filters keep, the newest first."""
    conditions, params = document_conditions(store, request)
    total = int(store.query(f"SELECT count(*) FROM documents d{where(conditions)}", params)[0][0])
    rows = store.query(f"{SUMMARY_SQL}{where(conditions)} ORDER BY d.date IS NULL, d.date DESC, d.source, d.id "
                       "LIMIT ? OFFSET ?", [*params, max(0, request.limit), max(0, request.offset)])
    return total, [_summary(row) for row in rows]


def document_summaries(store: Store, sha256s: Iterable[str]) -> dict[str, DocumentSummary]:
    found = store.query_in(f"{SUMMARY_SQL} WHERE d.sha256 IN ({{}})", sorted(set(sha256s)))
    return {row[0]: _summary(row) for row in found}


def _summary(row: tuple) -> DocumentSummary:
    return DocumentSummary(**dict(zip(SUMMARY_FIELDS, row, strict=True)))


def document_facets(store: Store, request: SearchRequest) -> dict[str, list[tuple[str, int]]]:
    """Documents per organisation, body, year and kind among those the filters keep."""
    conditions, params = document_conditions(store, request)
    return store.facet_counts("documents d", " AND ".join(conditions) or "1 = 1", params, FACET_COLUMNS)


def meeting_order(summary: DocumentSummary) -> tuple:
    """Oldest meeting first, undated last; one order for every backend (not the database's collation)."""
    return (summary.date is None, summary.date or date.min, summary.organisation or "", summary.body or "",
            summary.source, summary.sha256)


# -- decisions --------------------------------------------------------------------------------

def select_decisions(store: Store, request: SearchRequest) -> list[DecisionKey]:
    """The decisions the request keeps, in meeting order."""
    if request.text.strip():
        keys = {(hit.sha256, hit.item - 1, decision - 1)
                for hit in all_hits(store, replace(request, decisions_only=True)) for decision in hit.decisions}
    else:
        keys = set(_decisions_by_filters(store, request))
    summaries = document_summaries(store, {sha for sha, _, _ in keys})
    return sorted(keys, key=lambda k: (meeting_order(summaries[k[0]]), k[1], k[2]))


def _decisions_by_filters(store: Store, request: SearchRequest) -> list[DecisionKey]:
    conditions, params = decision_conditions(store, request)
    rows = store.query("SELECT d.sha256, i.ordinal, x.ordinal FROM decisions x JOIN items i ON i.id = x.item_id "
                       f"JOIN documents d ON d.id = x.document_id{where(conditions)}", params)
    return [(sha, int(item), int(position)) for sha, item, position in rows]


def decision_conditions(store: Store, request: SearchRequest) -> tuple[list[str], list[object]]:
    """SQL conditions on decision ``x`` and its document ``d`` for the request's filters (no query text)."""
    conditions, params = document_conditions(store, request)
    if request.decision_kinds:
        conditions.append(f"x.kind IN ({', '.join('?' for _ in request.decision_kinds)})")
        params += list(request.decision_kinds)
    if request.min_amount is not None or request.max_amount is not None:
        conditions.append("EXISTS (SELECT 1 FROM amounts a WHERE a.decision_id = x.id AND a.value_sek BETWEEN ? AND ?)")
        params += [request.min_amount if request.min_amount is not None else -(2 ** 62),
                   request.max_amount if request.max_amount is not None else 2 ** 62]
    return conditions, params


def decision_entries(store: Store, keys: list[DecisionKey]) -> list[DecisionEntry]:
    """The rows of these decisions, in the order given; each record is read once."""
    records = RecordCache(store)
    entries = []
    for sha, item_index, decision_index in keys:
        document = records[sha]
        if document is None:  # removed since it was selected
            continue
        item = document.items[item_index]
        entries.append(DecisionEntry(item_index, decision_index,
                                     DecisionRow.of(document, item, item.decisions[decision_index])))
    return entries


def decision_rows(store: Store, request: SearchRequest) -> list[DecisionRow]:
    """Every decision the request keeps, as export rows, in meeting order."""
    return [entry.row for entry in decision_entries(store, select_decisions(store, request))]


def decision_entry(document: Document, item_number: int, decision_number: int) -> DecisionEntry | None:
    """The decision at 1-based positions in the record (as a web address gives them), or None."""
    if not 1 <= item_number <= len(document.items):
        return None
    item = document.items[item_number - 1]
    if not 1 <= decision_number <= len(item.decisions):
        return None
    return DecisionEntry(item_number - 1, decision_number - 1,
                         DecisionRow.of(document, item, item.decisions[decision_number - 1]))


# -- attendees --------------------------------------------------------------------------------

def attendee_rows(store: Store, request: SearchRequest) -> list[AttendeeRow]:
    """The attendees of every meeting the request keeps (with query text: the meetings with hits)."""
    if request.text.strip():
        sha256s = {hit.sha256 for hit in all_hits(store, replace(request, decisions_only=False))}
    else:
        conditions, params = document_conditions(store, request)
        sha256s = {row[0] for row in store.query(f"SELECT d.sha256 FROM documents d{where(conditions)}", params)}
    summaries = document_summaries(store, sha256s)
    records = RecordCache(store)
    rows = []
    for sha in sorted(sha256s, key=lambda s: meeting_order(summaries[s])):
        document = records[sha]
        rows += [AttendeeRow.of(document, attendee) for attendee in document.attendees] if document else []
    return rows


# -- hits -------------------------------------------------------------------------------------

def all_hits(store: Store, request: SearchRequest) -> Iterator[Hit]:
    """Every hit of the request's search, page by page (decisions only when the request asks)."""
    offset = 0
    while offset < MAX_EXPORT_HITS:
        result = store.search(replace(request, limit=MAX_LIMIT, offset=offset, facets=False))
        yield from result.hits
        offset += len(result.hits)
        if not result.hits or offset >= result.total:
            return


@dataclass(frozen=True)
class HitLocation:
    """Where a hit sits in its record: the item, and the decision it quotes, if any (0-based)."""

    item: int | None
    decision: int | None


def locate_hit(document: Document, hit: Hit) -> HitLocation:
    """The item (and decision) of the record a search hit came from, as the hit names them."""
    if not 1 <= hit.item <= len(document.items):
        return HitLocation(None, None)
    decisions = document.items[hit.item - 1].decisions
    decision = hit.decision - 1 if hit.decision is not None and 1 <= hit.decision <= len(decisions) else None
    return HitLocation(hit.item - 1, decision)


@dataclass(frozen=True)
class ItemOutline:
    """What placing a hit in its meeting needs of an item: its number, title and decision count."""

    number: int | None
    title: str
    decision_count: int


def item_outlines(store: Store, sha256s: Iterable[str]) -> dict[str, list[ItemOutline]]:
    """The items of each stored document, in order, as outlines: one query for a page of hits,
    where reading each hit's whole record cost most of a search through the API."""
    found: dict[str, list[ItemOutline]] = {}
    for sha, number, title, count in store.query_in(
            "SELECT d.sha256, i.number, i.title, (SELECT count(*) FROM decisions c WHERE c.item_id = i.id) "
            "FROM documents d JOIN items i ON i.document_id = d.id WHERE d.sha256 IN ({}) "
            "ORDER BY d.sha256, i.ordinal", sorted(set(sha256s))):
        found.setdefault(sha, []).append(ItemOutline(None if number is None else int(number), title, int(count)))
    return found


def locate_in_outline(items: list[ItemOutline], hit: Hit) -> HitLocation:
    """``locate_hit`` on the document's item outlines."""
    if not 1 <= hit.item <= len(items):
        return HitLocation(None, None)
    count = items[hit.item - 1].decision_count
    decision = hit.decision - 1 if hit.decision is not None and 1 <= hit.decision <= count else None
    return HitLocation(hit.item - 1, decision)


class RecordCache:
    """Records read from the store at most once each (several hits and rows share one)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.records: dict[str, Document | None] = {}

    def __getitem__(self, sha256: str) -> Document | None:
        if sha256 not in self.records:
            self.records[sha256] = self.store.record(sha256)
        return self.records[sha256]


# -- people -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PersonSummary:
    key: str
    name: str
    meetings: int  # meetings that list them as present (several renderings of one meeting count once)


# A meeting as the store's person report groups its renderings: date (else file), organisation, body.
MEETING_KEY = ("COALESCE(CAST(d.date AS TEXT), d.source) || '|' || COALESCE(d.organisation_key, '') || '|' || "
               "COALESCE(d.body_key, '')")


def list_people(store: Store, name: str | None = None, limit: int = 500) -> list[PersonSummary]:
    """People by name (those ``find_persons`` finds for a name, else everyone), with their meetings."""
    sql = (f"SELECT p.key, p.name, count(DISTINCT CASE WHEN a.\"group\" <> 'frånvarande' THEN {MEETING_KEY} END) "
           "FROM persons p LEFT JOIN attendees a ON a.person_id = p.id LEFT JOIN documents d ON d.id = a.document_id")
    if name and name.strip():
        keys = [key for key, _ in store.find_persons(name)]
        if not keys:
            return []
        rows = list(store.query_in(sql + " WHERE p.key IN ({}) GROUP BY p.key, p.name", keys))
    else:
        rows = store.query(sql + " GROUP BY p.key, p.name ORDER BY p.name LIMIT ?", (limit,))
    return sorted((PersonSummary(key, person, int(count)) for key, person, count in rows),
                  key=lambda p: (fold(p.name), p.key))[:limit]


def sources_to_sha256(store: Store, sources: Iterable[str]) -> dict[str, list[str]]:
    """The stored documents of each source file name (a name may hold several contents)."""
    found: dict[str, list[str]] = {}
    for source, sha in store.query_in("SELECT source, sha256 FROM documents WHERE source IN ({}) ORDER BY id",
                                      sorted(set(sources))):
        found.setdefault(source, []).append(sha)
    return found


def like_escape(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text)


def person_exists(store: Store, key: str) -> bool:
    return bool(store.query("SELECT 1 FROM persons WHERE key = ?", (key,)))
