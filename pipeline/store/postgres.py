"""The PostgreSQL backend, for a shared installation: every machine that searches keeps its own
search index (pipeline/search/) and follows the store's change sequence, which this backend
numbers in commit order."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import psycopg

from pipeline.store.base import Store
from pipeline.store.errors import StoreError

SCHEMA_LOCK = 7_150_262  # any constant: one advisory lock for migrations, whoever runs them
# Held from a transaction's first change row to its commit: change numbers are taken in commit
# order, so an index that has seen change N has seen every change before it.
CHANGES_LOCK = 7_150_263


class PostgresStore(Store):
    dialect = "postgres"

    def __init__(self, url: str, connect_timeout: int = 10) -> None:
        super().__init__()
        try:
            self.connection = psycopg.connect(url, autocommit=True, connect_timeout=connect_timeout)
        except psycopg.Error as exc:
            lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
            reason = lines[0] if lines else exc.__class__.__name__
            raise StoreError(f"cannot connect to PostgreSQL at {redact(url)}: {reason}") from exc

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Sequence[object] = ()) -> None:
        self.connection.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: list[Sequence[object]]) -> None:
        with self.connection.cursor() as cursor:
            cursor.executemany(self._sql(sql), rows)

    def query(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        return self.connection.execute(self._sql(sql), tuple(params)).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.connection.transaction():
            yield

    def reserve_ids(self, table: str, count: int) -> list[int]:
        rows = self.query(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, ?)",
                          (count,))
        return [int(r[0]) for r in rows]

    def lock_schema(self) -> None:
        self.query("SELECT pg_advisory_xact_lock(?)", (SCHEMA_LOCK,))

    def _lock_changes(self) -> None:
        self.query("SELECT pg_advisory_xact_lock(?)", (CHANGES_LOCK,))

    def optimize(self, thorough: bool = False) -> None:
        self.execute("VACUUM ANALYZE" if thorough else "ANALYZE")

    def close(self) -> None:
        self.connection.close()

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        if self.connection.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            yield  # inside a transaction already: it decides what is seen
            return
        with self.connection.transaction():
            # Each statement of a READ COMMITTED transaction would see the commits made before it.
            self.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield


def redact(url: str) -> str:
    """The URL without its password, fit to print."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)
