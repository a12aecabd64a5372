"""The store's tables, derived from the pydantic record (schemas/record.py).

Each model becomes a table: its scalar fields become columns (a Literal becomes a CHECK, a
``Field(ge=1)`` a range check, an optional field a nullable column), a list of models becomes
a child table that points at its parent, a list of strings or a single nested model (the
document's provenance) a JSON text column. Every row
carries its provenance: the file's sha256 and, where the model has one, its page.

The migrations (pipeline/store/migrations/) are frozen renderings of this derivation; the
store's tests compare a migrated database with it, so a new field in schemas/ without a
migration fails a test instead of silently missing from the store.

``python -m pipeline.store.schema sqlite|postgres`` prints the DDL for a new migration.
"""

from __future__ import annotations

import sys
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Literal, get_args, get_origin

from annotated_types import Ge
from pydantic import BaseModel

from schemas.record import Amount, Attendee, Decision, Document, Item, TableAmount

Dialect = Literal["sqlite", "postgres"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # generic: id, ref, text, int, date, real, json
    nullable: bool = True
    check: str | None = None
    references: str | None = None  # parent table, for kind "ref"


@dataclass
class Table:
    name: str
    model: type[BaseModel] | None
    columns: list[Column] = field(default_factory=list)
    unique: list[tuple[str, ...]] = field(default_factory=list)
    indexes: list[tuple[str, ...]] = field(default_factory=list)

    @cached_property  # asked once per stored row; the columns are fixed when the table is made
    def model_columns(self) -> list[str]:
        """The columns that hold the model's own fields."""
        if self.model is None:
            return []
        return [c.name for c in self.columns if c.name in self.model.model_fields]


# Which model goes to which table, under which parents. Amounts hang under a document, an
# item or a decision (the record lists them at all three levels).
TABLE_OF_MODEL: dict[type[BaseModel], str] = {
    Document: "documents",
    Item: "items",
    Decision: "decisions",
    Attendee: "attendees",
    Amount: "amounts",
    TableAmount: "table_amounts",
}
PARENTS: dict[str, list[str]] = {
    "documents": [],
    "items": ["documents"],
    "decisions": ["documents", "items"],
    "attendees": ["documents", "persons"],
    "amounts": ["documents", "items", "decisions"],
    "table_amounts": ["documents"],
}
# Columns the store adds for searching and filtering, derived from the model's own fields.
DOCUMENT_EXTRAS = [
    Column("date", "date"),  # meeting_date, else document_date
    Column("year", "int"),
    Column("organisation_key", "text"),  # folded, for case-insensitive filters
    Column("body_key", "text"),
    Column("loaded_at", "text", nullable=False),
]
# The parent of a child row is required except where a row may hang under one of several.
OPTIONAL_PARENTS = {("amounts", "items"), ("amounts", "decisions"), ("attendees", "persons")}


def derive_tables() -> list[Table]:
    """The record's tables, parents first, plus the persons table that joins attendees."""
    tables = [Table("persons", None, [
        Column("id", "id", nullable=False),
        Column("key", "text", nullable=False),
        Column("name", "text", nullable=False),
    ], unique=[("key",)])]
    for model, name in TABLE_OF_MODEL.items():
        tables.append(_model_table(name, model))
    return tables


def _model_table(name: str, model: type[BaseModel]) -> Table:
    columns = [Column("id", "id", nullable=False)]
    for parent in PARENTS[name]:
        columns.append(Column(_ref_name(parent), "ref", nullable=(name, parent) in OPTIONAL_PARENTS,
                              references=parent))
    if name != "documents":
        columns.append(Column("sha256", "text", nullable=False))  # provenance of every row
        columns.append(Column("ordinal", "int", nullable=False))  # its place in the record's list
    for field_name, info in model.model_fields.items():
        column = _field_column(field_name, info.annotation, info.metadata, info.is_required() or
                               info.default is not None)
        if column is not None:
            columns.append(column)
    if name == "documents":
        columns += DOCUMENT_EXTRAS
    table = Table(name, model, columns)
    if name == "documents":
        table.unique.append(("sha256",))
        table.indexes += [("date",), ("organisation_key",)]
    for parent in PARENTS[name]:
        table.indexes.append((_ref_name(parent),))
    return table


def _ref_name(table: str) -> str:
    return {"persons": "person_id"}.get(table, table.removesuffix("s") + "_id")


def _field_column(name: str, annotation: object, metadata: list[object], required: bool) -> Column | None:
    """The column for one model field, or None when the field is a list of models (a child table)."""
    inner, optional = _unwrap_optional(annotation)
    nullable = optional or not required
    if get_origin(inner) is list:
        (element,) = get_args(inner)
        if isinstance(element, type) and issubclass(element, BaseModel):
            return None
        return Column(name, "json", nullable=False)
    if isinstance(inner, type) and issubclass(inner, BaseModel):  # a nested record kept whole, as JSON
        return Column(name, "json", nullable)
    if get_origin(inner) is Literal:
        values = ", ".join(f"'{v}'" for v in get_args(inner))
        return Column(name, "text", nullable, check=f"{quote(name)} IN ({values})")
    kind = {str: "text", int: "int", date: "date", float: "real"}.get(inner)  # type: ignore[call-overload]
    if kind is None:
        raise TypeError(f"no column type for field {name}: {annotation!r}")
    minimum = next((m.ge for m in metadata if isinstance(m, Ge)), None)
    return Column(name, kind, nullable, check=f"{quote(name)} >= {minimum}" if minimum is not None else None)


def _unwrap_optional(annotation: object) -> tuple[object, bool]:
    origin = get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


SQL_TYPES: dict[Dialect, dict[str, str]] = {
    "sqlite": {"id": "INTEGER PRIMARY KEY", "ref": "INTEGER", "text": "TEXT", "int": "INTEGER",
               "date": "TEXT", "real": "REAL", "json": "TEXT"},
    "postgres": {"id": "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY", "ref": "BIGINT", "text": "TEXT",
                 "int": "BIGINT", "date": "DATE", "real": "DOUBLE PRECISION", "json": "TEXT"},
}


def render_ddl(tables: list[Table], dialect: Dialect) -> list[str]:
    """CREATE TABLE and CREATE INDEX statements for the tables, in order."""
    statements: list[str] = []
    for table in tables:
        lines = [f"    {_column_sql(c, dialect)}" for c in table.columns]
        lines += [f"    UNIQUE ({', '.join(map(quote, u))})" for u in table.unique]
        statements.append(f"CREATE TABLE {table.name} (\n" + ",\n".join(lines) + "\n)")
        for columns in table.indexes:
            statements.append(f"CREATE INDEX {table.name}_{'_'.join(columns)} "
                              f"ON {table.name} ({', '.join(map(quote, columns))})")
    return statements


def quote(identifier: str) -> str:
    """A column name quoted for both dialects: the record has fields named "group", "row", "column"."""
    return f'"{identifier}"'


def _column_sql(column: Column, dialect: Dialect) -> str:
    sql = f"{quote(column.name)} {SQL_TYPES[dialect][column.kind]}"
    if not column.nullable and column.kind != "id":
        sql += " NOT NULL"
    if column.references:
        action = "SET NULL" if column.references == "persons" else "CASCADE"
        sql += f" REFERENCES {column.references}(id) ON DELETE {action}"
    if column.check:
        sql += f" CHECK ({column.check})"
    return sql


if __name__ == "__main__":
    chosen: Dialect = "postgres" if sys.argv[1:] == ["postgres"] else "sqlite"
    print(";\n\n".join(render_ddl(derive_tables(), chosen)) + ";")
