"""Schema versions: each migration runs once, in order, in one transaction, and is recorded in
``schema_version``. A store written by a newer protokoll (a version this code does not know)
is refused rather than misread.

Each migration is applied by its own version number, not by its place in a sequence: a
store may hold 6 before 5 (two branches written at once), and the missing one is applied when
this code knows it. A migration may derive rows in Python after its statements (``backfill``),
in the same transaction; the backfill runs again at every opening and derives only what is
missing or was derived by an older version (pipeline/store/archive.py, ``ARCHIVE_VERSION``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pipeline.store.errors import StoreError
from pipeline.store.migrations import (
    m0001_initial,
    m0002_document_files,
    m0003_ingest_runs,
    m0004_document_provenance,
    m0005_change_sequence,
    m0006_archive,
    m0007_abbreviation_forms,
)
from pipeline.store.schema import Dialect

if TYPE_CHECKING:
    from pipeline.store.base import Store

VERSION_TABLE = ("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                 "description TEXT NOT NULL, applied_at TEXT NOT NULL)")


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    sql: dict[Dialect, str]
    backfill: Callable[[Store], None] | None = None  # rows for what the store held before

    def statements(self, dialect: Dialect) -> list[str]:
        return [s.strip() for s in self.sql[dialect].split(";\n") if s.strip()]


def _index_archive(store: Store) -> None:
    from pipeline.store.archive import index_all  # the archive's derivations load only when needed

    index_all(store)


MIGRATIONS = [
    Migration(1, m0001_initial.DESCRIPTION, {"sqlite": m0001_initial.SQLITE, "postgres": m0001_initial.POSTGRES}),
    Migration(2, m0002_document_files.DESCRIPTION,
              {"sqlite": m0002_document_files.SQLITE, "postgres": m0002_document_files.POSTGRES}),
    Migration(3, m0003_ingest_runs.DESCRIPTION,
              {"sqlite": m0003_ingest_runs.SQLITE, "postgres": m0003_ingest_runs.POSTGRES}),
    Migration(4, m0004_document_provenance.DESCRIPTION,
              {"sqlite": m0004_document_provenance.SQLITE, "postgres": m0004_document_provenance.POSTGRES}),
    Migration(5, m0005_change_sequence.DESCRIPTION,
              {"sqlite": m0005_change_sequence.SQLITE, "postgres": m0005_change_sequence.POSTGRES}),
    Migration(6, m0006_archive.DESCRIPTION, {"sqlite": m0006_archive.SQLITE, "postgres": m0006_archive.POSTGRES},
              backfill=_index_archive),
    Migration(7, m0007_abbreviation_forms.DESCRIPTION,
              {"sqlite": m0007_abbreviation_forms.SQLITE, "postgres": m0007_abbreviation_forms.POSTGRES}),
]
LATEST = max(m.version for m in MIGRATIONS)


def current_version(store: Store) -> int:
    store.execute(VERSION_TABLE)
    return int(store.query("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0][0])


def migrate(store: Store) -> list[int]:
    """Apply the migrations the store lacks; the versions applied."""
    applied: list[int] = []
    with store.transaction():  # two processes opening a new PostgreSQL store at once: one creates it
        store.lock_schema()
        store.execute(VERSION_TABLE)
    if current_version(store) > LATEST:
        raise StoreError(f"the store has schema version {current_version(store)}, newer than this protokoll "
                         f"knows ({LATEST}): upgrade protokoll")
    for migration in MIGRATIONS:
        with store.transaction():
            store.lock_schema()
            if int(store.query("SELECT COUNT(*) FROM schema_version WHERE version = ?",
                               (migration.version,))[0][0]):
                continue
            for statement in migration.statements(store.dialect):
                store.execute(statement)
            if migration.backfill is not None:
                migration.backfill(store)
            store.execute("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)",
                          (migration.version, migration.description, datetime.now(UTC).isoformat(timespec="seconds")))
            applied.append(migration.version)
    with store.transaction():  # rows a newer derivation makes differently are derived again (cheap when none)
        store.lock_schema()
        for migration in MIGRATIONS:
            if migration.backfill is not None and migration.version not in applied:
                migration.backfill(store)
    return applied
