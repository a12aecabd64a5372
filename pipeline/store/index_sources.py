"""What the index is built from, read from the store in bulk: per document, its items with their
decisions, amounts and the people present. The store is the record of truth; the index is
made only from what these queries read, for a load, a catch-up and a rebuild alike."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from pipeline.search.schema import DecisionSource, DocumentFacts, ItemSource

if TYPE_CHECKING:
    from pipeline.store.base import Store

BATCH = 500  # documents read per round of queries


@dataclass
class DocumentSource:
    sha256: str
    facts: DocumentFacts
    items: list[ItemSource]
    amounts: dict[int, list[int]]  # item id -> amounts of the item and its decisions, in kronor


def _day(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def read_documents(store: Store, sha256s: list[str]) -> dict[str, DocumentSource]:
    """The stored documents among ``sha256s`` (those no longer stored are simply absent)."""
    found: dict[str, DocumentSource] = {}
    for start in range(0, len(sha256s), BATCH):
        chunk = sha256s[start:start + BATCH]
        rows = list(store.query_in(
            "SELECT id, sha256, source, kind, organisation, organisation_key, body, body_key, date, year "
            "FROM documents WHERE sha256 IN ({})", chunk))
        for document in _documents(store, rows):
            found[document.sha256] = document
    return found


def all_documents(store: Store) -> Iterator[list[DocumentSource]]:
    """Every stored document, a batch at a time, oldest first."""
    last = 0
    while True:
        rows = store.query(
            "SELECT id, sha256, source, kind, organisation, organisation_key, body, body_key, date, year "
            "FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, BATCH))
        if not rows:
            return
        last = int(rows[-1][0])
        yield _documents(store, rows)


def _documents(store: Store, rows: list[tuple]) -> list[DocumentSource]:
    """The documents of these ``documents`` rows with their items, decisions, amounts and people."""
    if not rows:
        return []
    ids = [int(row[0]) for row in rows]
    items: dict[int, list[tuple]] = defaultdict(list)
    for row in store.query_in("SELECT id, document_id, ordinal, number, title, dnr, page_start, text FROM items "
                              "WHERE document_id IN ({}) ORDER BY document_id, ordinal", ids):
        items[int(row[1])].append(row)
    decisions: dict[int, list[DecisionSource]] = defaultdict(list)
    for row in store.query_in("SELECT id, item_id, ordinal, kind, page, text FROM decisions "
                              "WHERE document_id IN ({}) ORDER BY item_id, ordinal", ids):
        decisions[int(row[1])].append(DecisionSource(int(row[0]), int(row[2]), row[3], int(row[4]), row[5]))
    amounts: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    for document_id, item_id, value in store.query_in(
            "SELECT document_id, item_id, value_sek FROM amounts WHERE document_id IN ({}) AND item_id IS NOT NULL",
            ids):
        amounts[int(document_id)][int(item_id)].append(int(value))
    persons: dict[int, list[str]] = defaultdict(list)
    for document_id, key in store.query_in(
            "SELECT DISTINCT a.document_id, p.key FROM attendees a JOIN persons p ON p.id = a.person_id "
            "WHERE a.document_id IN ({}) AND a.\"group\" <> 'frånvarande'", ids):
        persons[int(document_id)].append(key)
    found = []
    for row in rows:
        document_id, sha, source, kind, organisation, organisation_key, body, body_key, day, year = row
        document_id = int(document_id)
        facts = DocumentFacts(organisation, organisation_key, body, body_key, kind, _day(day),
                              int(year) if year is not None else None, sorted(persons[document_id]))
        sources = []
        for item_id, _, ordinal, number, title, dnr, page, text in items[document_id]:
            own = decisions[int(item_id)]
            sources.append(ItemSource(
                sha256=sha, source=source, document_id=document_id, item_id=int(item_id), ordinal=int(ordinal),
                number=int(number) if number is not None else None, title=title, dnr=dnr, page=int(page),
                text=running_text(text, [d.text for d in own]), date=_day(day), decisions=own))
        found.append(DocumentSource(sha, facts, sources, dict(amounts[document_id])))
    return found


def running_text(text: str, decisions: list[str]) -> str:
    """The item's text without its decisions' clauses, which are fields of their own."""
    for decision in decisions:
        text = text.replace(decision, " ", 1)
    return " ".join(text.split())
