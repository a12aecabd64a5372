"""The index's schema: one document per agenda item, and one that records what the index has seen.

An item document holds, as searchable fields, the item's title (with its diarienummer), its
decisions (one value each, so a phrase never runs from one decision into the next) and its
running text (the item's text without its decisions), all as the Swedish index terms of
pipeline/search/analysis.py; ``vocab`` and ``rvocab`` hold its distinct terms, forwards and
reversed, so that a query is resolved against the index's own term dictionary (a compound's
tail is a prefix of the reversed term). Filters and facets are fast fields. What a hit shows
is kept whole as a stored JSON payload, ids and places included, so nothing is guessed back.

What the index has seen of the store is kept beside it (pipeline/search/index.py), not in it: a
record rewritten at every commit would count, deleted, in the statistics every score is made
of, and two indexes of the same records would rank them differently.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    import tantivy

# Bump when what is indexed, or how, changes: an index of another format is rebuilt.
FORMAT = 1
TEXT_FIELDS = ("title", "decisions", "text")
# A match in the title or a decision outweighs one in the running text.
FIELD_BOOSTS = {"title": 2.0, "decisions": 2.0, "text": 1.0}
ANALYZER = "stems"  # the terms are made in Python; the index splits them at spaces
ITEM = "item"


def build_schema() -> tantivy.Schema:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("entry", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("sha256", tokenizer_name="raw", index_option="basic", fast=True)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name=ANALYZER, index_option="position")
    builder.add_text_field("vocab", tokenizer_name=ANALYZER, index_option="basic")
    builder.add_text_field("rvocab", tokenizer_name=ANALYZER, index_option="basic")
    for name in ("organisation", "body", "kind", "decision_kind"):  # facet values and exact filters
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic", fast=True)
    for name in ("organisation_key", "body_key", "person"):  # filters on folded names and people's keys
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in ("date", "year", "amount", "decisions_count", "order_key"):
        builder.add_integer_field(name, indexed=True, fast=True)
    builder.add_bytes_field("payload", stored=True)
    return builder.build()


def register_analyzer(index: tantivy.Index) -> None:
    import tantivy

    index.register_tokenizer(ANALYZER, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build())


@dataclass
class DecisionSource:
    id: int
    ordinal: int
    kind: str
    page: int
    text: str


@dataclass
class ItemSource:
    """What the index holds of one item, read from the store: the record's own values and ids."""

    sha256: str
    source: str
    document_id: int
    item_id: int
    ordinal: int
    number: int | None
    title: str
    dnr: str | None
    page: int
    text: str  # the running text: the item's text without its decisions
    date: str | None  # ISO
    decisions: list[DecisionSource] = field(default_factory=list)

    def payload(self) -> bytes:
        values = dict(self.__dict__)
        values["decisions"] = [d.__dict__ for d in self.decisions]
        return orjson.dumps(values)  # compact UTF-8 JSON, several times faster than json's

    @classmethod
    def from_payload(cls, data: bytes) -> ItemSource:
        values = orjson.loads(data)
        values["decisions"] = [DecisionSource(**d) for d in values["decisions"]]
        return cls(**values)


@dataclass
class DocumentFacts:
    """The document's values an item is filtered and counted by."""

    organisation: str | None
    organisation_key: str | None
    body: str | None
    body_key: str | None
    kind: str
    date: str | None
    year: int | None
    persons: list[str]  # keys of the people present


def order_key(sha256: str, ordinal: int) -> int:
    """A number that orders hits of equal score the same way in every index built from the same records."""
    return int.from_bytes(hashlib.blake2b(f"{sha256}:{ordinal}".encode(), digest_size=7).digest(), "big")


def item_document(item: ItemSource, facts: DocumentFacts, amounts: list[int],
                  analyse: Any) -> tantivy.Document:
    """The index document of one item; ``analyse`` is the text-to-terms function both sides share."""
    import tantivy

    doc = tantivy.Document()
    doc.add_text("entry", ITEM)
    doc.add_text("sha256", item.sha256)
    title_terms = analyse(" ".join(part for part in (item.title, item.dnr) if part))
    decision_terms = [analyse(d.text) for d in item.decisions]
    text_terms = analyse(item.text)
    doc.add_text("title", title_terms)
    for terms in decision_terms:
        doc.add_text("decisions", terms)
    doc.add_text("text", text_terms)
    # Every term once or more (the fields keep which items hold a term, not how often); a string
    # reversed whole is its terms reversed, in reverse order.
    everything = " ".join([title_terms, *decision_terms, text_terms])
    doc.add_text("vocab", everything)
    doc.add_text("rvocab", everything[::-1])
    for name in ("organisation", "organisation_key", "body", "body_key"):
        value = getattr(facts, name)
        if value:
            doc.add_text(name, value)
    doc.add_text("kind", facts.kind)
    for kind in sorted({d.kind for d in item.decisions}):
        doc.add_text("decision_kind", kind)
    for person in facts.persons:
        doc.add_text("person", person)
    if facts.date:
        doc.add_integer("date", date_number(facts.date))
    if facts.year is not None:
        doc.add_integer("year", int(facts.year))
    for amount in sorted(set(amounts)):
        doc.add_integer("amount", amount)
    doc.add_integer("decisions_count", len(item.decisions))
    doc.add_integer("order_key", order_key(item.sha256, item.ordinal))
    doc.add_bytes("payload", item.payload())
    return doc


def date_number(day: str) -> int:
    """"2024-05-27" as 20240527: dates as integers keep their order."""
    return int(day[:10].replace("-", ""))
