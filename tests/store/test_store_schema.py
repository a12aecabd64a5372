"""The store's tables derive from the pydantic record, and the migrations build exactly them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pipeline.store import Store, StoreError, open_store
from pipeline.store.migrations import LATEST
from pipeline.store.readback import read_record
from pipeline.store.schema import TABLE_OF_MODEL, derive_tables
from schemas.record import Document, PageProvenance, Provenance


def stored_columns(store: Store, table: str) -> set[str]:
    if store.dialect == "sqlite":
        return {row[1] for row in store.query(f"PRAGMA table_info({table})")}
    return {row[0] for row in store.query(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?", (table,))}


def test_every_field_of_the_record_has_a_column_or_a_child_table() -> None:
    tables = {t.name: t for t in derive_tables()}
    for model, name in TABLE_OF_MODEL.items():
        columns = {c.name for c in tables[name].columns}
        for field_name, info in model.model_fields.items():
            child = getattr(info.annotation, "__args__", [None])[0]
            held = field_name in columns or TABLE_OF_MODEL.get(child) in tables
            assert held, f"{model.__name__}.{field_name} has no column in {name}"
    decisions = {c.name: c for c in tables["decisions"].columns}
    assert decisions["kind"].check == "\"kind\" IN ('decision', 'noted', 'no_decision', 'recommendation')"
    assert decisions["page"].check == '"page" >= 1' and not decisions["page"].nullable
    assert decisions["item_id"].references == "items" and "sha256" in decisions


def test_migrated_store_has_the_derived_columns(empty_store: Store) -> None:
    """A field added to schemas/ without a migration makes this fail."""
    for table in derive_tables():
        assert stored_columns(empty_store, table.name) == {c.name for c in table.columns}, table.name
    assert empty_store.schema_version() == LATEST
    assert empty_store.migrate() == []  # nothing left to apply


def test_constraints_from_the_model_hold_in_the_database(empty_store: Store,
                                                          sample_records: dict[str, Document]) -> None:
    empty_store.load(sample_records["004_90a6bde803d3bf45__kommun.docx"])
    with pytest.raises(Exception, match=r"(?i)check"), empty_store.transaction():
        empty_store.execute("UPDATE decisions SET kind = 'maybe'")
    assert {r[0] for r in empty_store.query("SELECT kind FROM decisions")} == {"decision", "noted", "no_decision"}


def test_a_store_from_a_newer_protokoll_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO schema_version VALUES (?, 'from the future', '2099-01-01')", (LATEST + 1,))
    with pytest.raises(StoreError, match="newer than this protokoll"):
        open_store(str(path))


def test_provenance_is_stored_whole_and_read_back(empty_store: Store, sample_records: dict[str, Document]) -> None:
    record = sample_records["004_90a6bde803d3bf45__kommun.pdf"].model_copy(update={"provenance": Provenance(
        reader="pdf", detected_type="pdf", name_mismatch="named '.docx' but is a PDF", ocr=True, ocr_seconds=4.2,
        pages=[PageProvenance(page=1, source="text", word_share=0.97),
               PageProvenance(page=2, source="ocr", word_share=0.91, confidence=88.5, note="no text layer")])})
    empty_store.load(record)
    assert read_record(empty_store, record.sha256) == record
    older = sample_records["004_90a6bde803d3bf45__kommun.docx"].model_copy(update={"provenance": None})
    empty_store.load(older)
    assert read_record(empty_store, older.sha256) == older
