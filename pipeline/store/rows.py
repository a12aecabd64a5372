"""A record as rows: the model tables (column for field, as pipeline/store/schema.py derives
them) and the abbreviations the text defines (the search index is made from these rows:
pipeline/store/index_sources.py).

Pure: ids come from the caller, nothing touches a database here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from pydantic import BaseModel

from extractors.text import fold, person_key
from pipeline.search.analysis import fold_word, index_text
from pipeline.store.abbreviations import defined_abbreviations
from pipeline.store.schema import TABLE_OF_MODEL, Table, derive_tables
from schemas.record import Document, Item

TABLES: dict[str, Table] = {t.name: t for t in derive_tables()}

Row = dict[str, object]
NextId = Callable[[str], int]


@dataclass
class RecordRows:
    tables: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in TABLES})
    abbreviations: list[Row] = field(default_factory=list)
    persons: dict[str, str] = field(default_factory=dict)  # person key -> name as first written


def record_rows(record: Document, next_id: NextId) -> RecordRows:
    rows = RecordRows()
    document_id = next_id("documents")
    rows.tables["documents"].append(_document_row(record, document_id))
    provenance = {"document_id": document_id, "sha256": record.sha256}
    _amount_rows(rows, record.amounts, provenance, next_id)
    for ordinal, item in enumerate(record.items):
        _item_rows(rows, item, ordinal, provenance, next_id)
    for ordinal, attendee in enumerate(record.attendees):
        key = person_key(attendee.name)
        rows.persons.setdefault(key, attendee.name)
        row = model_row(attendee, id=next_id("attendees"), ordinal=ordinal, person_key=key, **provenance)
        rows.tables["attendees"].append(row)
    for ordinal, cell in enumerate(record.table_amounts):
        rows.tables["table_amounts"].append(model_row(cell, id=next_id("table_amounts"), ordinal=ordinal,
                                                      **provenance))
    _abbreviation_rows(rows, record, document_id)
    return rows


def model_row(model: BaseModel, **extra: object) -> Row:
    """A model's scalar fields as column values (lists of strings and nested models as JSON), plus the
    given columns."""
    table = TABLES[TABLE_OF_MODEL[type(model)]]
    row: Row = extra
    values = model.__dict__  # the fields as set: getattr per column cost a load's time
    for name in table.model_columns:
        value = values[name]
        if value.__class__ not in _SCALARS:
            if isinstance(value, BaseModel):
                value = json.dumps(value.model_dump(mode="json"), ensure_ascii=False)
            elif isinstance(value, list):
                value = json.dumps(value, ensure_ascii=False)
        row[name] = value
    return row


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _document_row(record: Document, document_id: int) -> Row:
    day: date | None = record.meeting_date or record.document_date
    return model_row(
        record, id=document_id, date=day, year=day.year if day else None,
        organisation_key=fold(record.organisation) if record.organisation else None,
        body_key=fold(record.body) if record.body else None,
        loaded_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _item_rows(rows: RecordRows, item: Item, ordinal: int, provenance: dict[str, object], next_id: NextId) -> None:
    item_id = next_id("items")
    rows.tables["items"].append(model_row(item, id=item_id, ordinal=ordinal, **provenance))
    _amount_rows(rows, item.amounts, {**provenance, "item_id": item_id}, next_id)
    for position, decision in enumerate(item.decisions):
        decision_id = next_id("decisions")
        rows.tables["decisions"].append(model_row(decision, id=decision_id, ordinal=position, item_id=item_id,
                                                  **provenance))
        _amount_rows(rows, decision.amounts, {**provenance, "item_id": item_id, "decision_id": decision_id},
                     next_id)


def _amount_rows(rows: RecordRows, amounts: list, owner: dict[str, object], next_id: NextId) -> None:
    for ordinal, amount in enumerate(amounts):
        row = model_row(amount, id=next_id("amounts"), ordinal=ordinal, **owner)
        row.setdefault("item_id", None)
        row.setdefault("decision_id", None)
        rows.tables["amounts"].append(row)


def _abbreviation_rows(rows: RecordRows, record: Document, document_id: int) -> None:
    texts = [t for item in record.items for t in (item.title, item.text)]
    seen: set[tuple[str, str]] = set()
    for text in texts:
        for short, long_form in defined_abbreviations(text):
            pair = (fold_word(short), index_text(long_form))
            if pair not in seen:
                seen.add(pair)
                rows.abbreviations.append({"document_id": document_id, "abbreviation": pair[0],
                                           "long_form": pair[1]})
