"""A stored document read back into the pydantic record: the proof that the tables hold it all."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import TYPE_CHECKING

from pipeline.store.rows import TABLES
from pipeline.store.schema import quote
from schemas.record import Document

if TYPE_CHECKING:
    from pipeline.store.base import Store


def read_record(store: Store, sha256: str) -> Document | None:
    """The record of the file with this sha256 as the store holds it, or None."""
    documents = _rows(store, "documents", ["id"], "sha256 = ?", sha256)
    if not documents:
        return None
    document = documents[0]
    document_id = document.pop("id")
    items = _rows(store, "items", ["id"], "document_id = ?", document_id)
    decisions = _rows(store, "decisions", ["id", "item_id"], "document_id = ?", document_id)
    amounts = _rows(store, "amounts", ["item_id", "decision_id"], "document_id = ?", document_id)
    amounts_of: dict[tuple, list[dict]] = defaultdict(list)
    for amount in amounts:
        amounts_of[(amount.pop("item_id"), amount.pop("decision_id"))].append(amount)
    decisions_of: dict[object, list[dict]] = defaultdict(list)
    for decision in decisions:
        item_id, decision_id = decision.pop("item_id"), decision.pop("id")
        decision["amounts"] = amounts_of[(item_id, decision_id)]
        decisions_of[item_id].append(decision)
    for item in items:
        item_id = item.pop("id")
        item["amounts"] = amounts_of[(item_id, None)]
        item["decisions"] = decisions_of[item_id]
    document.update(
        items=items,
        amounts=amounts_of[(None, None)],
        attendees=_rows(store, "attendees", [], "document_id = ?", document_id),
        table_amounts=_rows(store, "table_amounts", [], "document_id = ?", document_id),
    )
    return Document.model_validate(document)


def _rows(store: Store, table: str, keep: list[str], where: str, value: object) -> list[dict]:
    """The model's fields (and the ``keep`` columns) of the table's rows, in the record's order."""
    spec = TABLES[table]
    columns = keep + spec.model_columns
    json_columns = {c.name for c in spec.columns if c.kind == "json"}
    order = "ordinal" if table != "documents" else "id"
    rows = store.query(f"SELECT {', '.join(map(quote, columns))} FROM {table} WHERE {where} ORDER BY {order}",
                       (value,))
    out = []
    for row in rows:
        values = dict(zip(columns, row, strict=True))
        for name in json_columns:
            if values[name] is not None:
                values[name] = json.loads(values[name])
        out.append(values)
    return out
