"""Loading records: everything kept with its provenance, once per file content, replaced whole
by a newer extraction, and never half-written."""

from __future__ import annotations

import pytest

from pipeline.store import SearchRequest, Store
from schemas.record import Amount, Document

PROTOCOL = "001_702812d2f0149fea__kommun.pdf"
MINUTES = "000_0723f1c5f5b75f48__kommun.docx"


def test_a_loaded_record_reads_back_whole(empty_store: Store, sample_records: dict[str, Document]) -> None:
    for name in (PROTOCOL, "002_795be6dc08665b26__tryck.pdf", MINUTES):
        record = sample_records[name]
        assert empty_store.load(record).status == "loaded"
        assert empty_store.record(record.sha256) == record
    counts = empty_store.counts()
    records = [sample_records[n] for n in (PROTOCOL, "002_795be6dc08665b26__tryck.pdf", MINUTES)]
    assert counts["documents"] == 3
    assert counts["items"] == sum(len(r.items) for r in records)
    assert counts["decisions"] == sum(len(i.decisions) for r in records for i in r.items)
    assert counts["table_amounts"] == sum(len(r.table_amounts) for r in records) > 0
    # the search index holds one document per item, and has seen every change
    assert empty_store.search_index.item_count() == counts["items"]
    assert empty_store.search_index.seq == empty_store.change_seq() == counts["changes"] == 3


def test_every_row_carries_the_file_hash_and_a_page(empty_store: Store,
                                                    sample_records: dict[str, Document]) -> None:
    record = sample_records[PROTOCOL]
    empty_store.load(record)
    for table in ("items", "decisions", "amounts", "table_amounts", "attendees"):
        hashes = {row[0] for row in empty_store.query(f"SELECT sha256 FROM {table}")}
        assert hashes <= {record.sha256}, table
    pages = empty_store.query("SELECT min(page), max(page) FROM amounts")[0]
    assert 1 <= pages[0] <= pages[1] <= record.pages
    decision_pages = [row[0] for row in empty_store.query("SELECT page FROM decisions ORDER BY id")]
    assert decision_pages == [d.page for item in record.items for d in item.decisions]


def test_loading_the_same_file_twice_keeps_one_document(empty_store: Store,
                                                        sample_records: dict[str, Document]) -> None:
    record = sample_records[PROTOCOL]
    first = empty_store.load(record)
    counts = empty_store.counts()
    again = empty_store.load(record)
    renamed = empty_store.load(record.model_copy(update={"source": "kopia av protokollet.pdf"}))
    assert (first.status, again.status, renamed.status) == ("loaded", "unchanged", "unchanged")
    assert renamed.stored_source == PROTOCOL
    assert empty_store.counts() == counts


def test_a_newer_extraction_replaces_the_rows(empty_store: Store, sample_records: dict[str, Document]) -> None:
    record = sample_records[PROTOCOL]
    empty_store.load(record)
    assert empty_store.search(SearchRequest("likviditetsförvaltning")).total > 0
    newer = record.model_copy(update={"extractor_version": "0.2.0", "items": record.items[:3]})
    assert empty_store.load(newer).status == "replaced"
    assert empty_store.counts()["documents"] == 1
    assert empty_store.counts()["items"] == 3
    assert empty_store.record(record.sha256) == newer
    # § 25 went with the old rows, from the tables and from the search index
    assert empty_store.search(SearchRequest("likviditetsförvaltning")).total == 0
    assert empty_store.load(record).status == "kept"  # the older extraction does not come back


def test_a_failed_replacement_leaves_the_stored_rows(empty_store: Store,
                                                     sample_records: dict[str, Document]) -> None:
    """The database itself refuses the broken row (page 0); the old extraction must survive whole."""
    record = sample_records[PROTOCOL]
    empty_store.load(record)
    before = empty_store.counts()
    broken_amount = Amount.model_construct(value_sek=1, raw="1 kr", page=0, qualifier=None)
    broken_item = record.items[-1].model_copy(update={"amounts": [broken_amount]})
    broken = record.model_copy(update={"extractor_version": "0.2.0", "items": [*record.items[:-1], broken_item]})
    with pytest.raises(Exception, match=r"(?i)check"):
        empty_store.load(broken)
    assert empty_store.counts() == before
    assert empty_store.record(record.sha256) == record
    assert empty_store.search(SearchRequest("likviditetsförvaltning")).total > 0
