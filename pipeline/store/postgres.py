"""The PostgreSQL backend: a tsvector per unit (title weighted A, body B) under a GIN index,
ts_rank ranking.

The tsvector is built with the ``simple`` configuration over the index terms the store makes
in Python (Snowball Swedish, the algorithm of PostgreSQL's own ``swedish`` configuration):
the ``swedish`` configuration cannot split compounds, and stemming inside the database as well
would make the two backends disagree about what matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import psycopg

from pipeline.store.base import Store
from pipeline.store.errors import StoreError
from pipeline.store.query import ResolvedQuery, tsquery
from pipeline.store.results import SearchRequest, SearchResult
from pipeline.store.rows import Row, UnitIndex

# ts_rank's default weights are A 1.0, B 0.4, C 0.2: like the SQLite backend's bm25 column weights.
UNIT_VECTOR = ("setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'C') "
               "|| setweight(to_tsvector('simple', ?), 'B')")
SCHEMA_LOCK = 7_150_262  # any constant: one advisory lock for migrations, whoever runs them


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

    def optimize(self, thorough: bool = False) -> None:
        self.execute("VACUUM ANALYZE" if thorough else "ANALYZE")

    def close(self) -> None:
        self.connection.close()

    def _insert_units(self, units: list[Row], index: list[UnitIndex]) -> None:
        if not units:
            return
        columns = list(units[0])
        marks = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO units ({', '.join(columns)}, tsv) VALUES ({marks}, {UNIT_VECTOR})"
        self.executemany(sql, [[u[c] for c in columns] + [i.title_terms, i.context_terms, i.body_terms]
                               for u, i in zip(units, index, strict=True)])

    def _delete_unit_index(self, document_id: int) -> None:
        """The units' vectors go with their rows (ON DELETE CASCADE)."""

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        if self.connection.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
            yield  # inside a transaction already: it decides what is seen
            return
        with self.connection.transaction():
            # Each statement of a READ COMMITTED transaction would see the commits made before it.
            self.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield

    def _search(self, request: SearchRequest) -> SearchResult:
        # A query OR-ing many compounds gets a selectivity estimate far too high, and the planner
        # would then read (and decompress) every unit's vector instead of asking the GIN index:
        # within a search, only bitmap scans, the one kind GIN serves.
        for setting in ("enable_seqscan", "enable_indexscan", "jit"):
            self.execute(f"SET LOCAL {setting} = off")
        return super()._search(request)

    def _match_sql(self) -> tuple[str, str, str]:
        return ("units u JOIN documents d ON d.id = u.document_id CROSS JOIN to_tsquery('simple', ?) AS query",
                "u.tsv @@ query",
                "ts_rank(u.tsv, to_tsquery('simple', ?), 1) * u.weight")

    def _score_params(self, query: ResolvedQuery) -> list[object]:
        return [tsquery(query.for_ranking())]

    def _named_sql(self) -> str:
        return "u.tsv @@ to_tsquery('simple', ?)"

    def _render(self, query: ResolvedQuery) -> str:
        return tsquery(query)


def redact(url: str) -> str:
    """The URL without its password, fit to print."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1:***@", url)
