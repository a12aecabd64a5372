"""The store under concurrent use and failed writes, on both backends: a writer process loads
files while reader processes search, and no reader sees an error ("database is locked") or a
half-written document; a write that fails halfway leaves nothing of the document behind."""

from __future__ import annotations

import hashlib
import multiprocessing
import queue
from collections.abc import Callable
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest

from pipeline.store import SearchRequest, Store, open_store
from schemas.record import Amount, Document

QUERIES = ("bevilja", "styrelsen")
READERS = 2
PATIENCE = 120  # seconds a process may take before the test calls it stuck
SPAWN = multiprocessing.get_context("spawn")  # children open their own connections, inheriting none


def copies(records: list[Document], rounds: int) -> list[Document]:
    """The records again as other files (own hash and name), ``rounds`` times over."""
    return [record.model_copy(update={"sha256": hashlib.sha256(f"{r} {record.sha256}".encode()).hexdigest(),
                                      "source": f"kopia{r}_{record.source}"})
            for r in range(rounds) for record in records]


Signature = tuple[tuple[object, ...], ...]


def totals(store: Store) -> Signature:
    """Per query, one search's total, hits and facets: what a reader compares between states of the store."""
    found = []
    for text in QUERIES:
        result = store.search(SearchRequest(text, limit=5, facets=True))
        found.append((result.total, tuple((h.sha256, h.item_number) for h in result.hits),
                      tuple((name, tuple(counts)) for name, counts in sorted(result.facets.items()))))
    return tuple(found)


def write(url: str, records: list[Document], searches: Synchronized, done: Event, out: Queue) -> None:
    """Load the records one transaction each; after each commit, the totals it left, for the readers'
    results to be checked against. Waits for a reader's search after each load, so reads and
    writes interleave however the machine schedules the processes."""
    try:
        with open_store(url) as store:
            states = [totals(store)]
            for record in records:
                store.load(record)
                states.append(totals(store))
                seen = searches.value
                for _ in range(PATIENCE * 100):
                    if searches.value > seen:
                        break
                    done.wait(0.01)
            out.put(("writer", states, None))
    except Exception as exc:  # reported to the test, which fails with it
        out.put(("writer", [], f"{exc.__class__.__name__}: {exc}"))
    finally:
        done.set()


def read(url: str, searches: Synchronized, done: Event, out: Queue) -> None:
    """Search again and again until the writer is done; every result and the first error, if any."""
    seen: list[Signature] = []
    try:
        with open_store(url, create=False) as store:
            while not done.is_set():
                seen.append(totals(store))
                with searches.get_lock():
                    searches.value += 1
            seen.append(totals(store))
        out.put(("reader", seen, None))
    except Exception as exc:
        out.put(("reader", seen, f"{exc.__class__.__name__}: {exc}"))


def run_concurrently(url: str, records: list[Document]) -> tuple[list[Signature], list[list[Signature]]]:
    """The writer's committed states, and each reader's results in the order it saw them."""
    with open_store(url):  # the schema, made before anyone reads
        pass
    searches, done, out = SPAWN.Value("i", 0), SPAWN.Event(), SPAWN.Queue()
    processes = [SPAWN.Process(target=read, args=(url, searches, done, out)) for _ in range(READERS)]
    processes.append(SPAWN.Process(target=write, args=(url, records, searches, done, out)))
    for process in processes:
        process.start()
    reports = []
    try:
        for _ in processes:
            reports.append(out.get(timeout=PATIENCE))
    except queue.Empty:
        pytest.fail(f"a process gave no report within {PATIENCE} s")
    finally:
        done.set()
        for process in processes:
            process.join(timeout=PATIENCE)
            if process.is_alive():
                process.kill()
    errors = [f"{role}: {error}" for role, _, error in reports if error]
    assert not errors, errors
    states = next(seen for role, seen, _ in reports if role == "writer")
    return states, [seen for role, seen, _ in reports if role == "reader"]


def test_sqlite_store_uses_wal_and_waits_for_locks(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "store.db")) as store:
        assert store.query("PRAGMA journal_mode")[0][0] == "wal"  # readers do not wait for the writer
        assert store.query("PRAGMA busy_timeout")[0][0] >= 5000  # a second writer waits, not fails


def test_readers_search_while_a_writer_loads(backend: str, store_urls, sample_records: dict[str, Document]) -> None:
    records = copies(list(sample_records.values()), rounds=2)
    states, readers = run_concurrently(store_urls.new(backend), records)
    assert len(states) == len(records) + 1
    assert [q[0] for q in states[0]] == [0, 0]
    assert all(q[0] for q in states[-1]), "the queries must find something in the samples"
    assert sum(len(seen) for seen in readers) > len(records), "the readers searched while the writer loaded"
    for k in range(len(QUERIES)):  # each search on its own: two searches may see two states
        committed = [state[k] for state in states]
        for seen in readers:
            results = [signature[k] for signature in seen]
            # every search saw the store as some commit left it (its hits, total and facets alike),
            # never a document half-written,
            assert set(results) <= set(committed)
            # and never an older state after a newer one: each search can be placed at a commit no
            # earlier than the search before it (a signature may recur: ranking ties move as documents come)
            assert monotone_commits(results, committed) is not None, results
            assert results[-1] == committed[-1]


def monotone_commits(results: list[object], committed: list[object]) -> list[int] | None:
    """A non-decreasing commit index for each search whose state that commit left, or None."""
    placed: list[int] = []
    at = 0
    for result in results:
        at = next((i for i in range(at, len(committed)) if committed[i] == result), -1)
        if at < 0:
            return None
        placed.append(at)
    return placed


def test_a_recurring_state_is_placed_at_its_later_commit() -> None:
    assert monotone_commits(["a", "b", "a"], ["a", "b", "a"]) == [0, 1, 2]
    assert monotone_commits(["b", "a"], ["a", "b", "c"]) is None


def fail_after(store: Store, method: str, calls: int) -> None:
    """Make the store's ``method`` raise on its ``calls``-th call, after the earlier calls did their work."""
    original: Callable = getattr(store, method)
    count = 0

    def failing(*args: object, **kwargs: object) -> object:
        nonlocal count
        count += 1
        if count == calls:
            raise RuntimeError("disk gone")
        return original(*args, **kwargs)
    setattr(store, method, failing)


PROTOCOL = "001_702812d2f0149fea__kommun.pdf"


@pytest.mark.parametrize("method, calls", [
    ("_record_changes", 1),  # every row of the record is in by then, the change not numbered yet
    ("_insert_table", 4),  # in the middle of the record's tables
])
def test_a_load_failing_halfway_leaves_no_document(empty_store: Store, sample_records: dict[str, Document],
                                                   method: str, calls: int) -> None:
    other = sample_records["002_795be6dc08665b26__tryck.pdf"]
    empty_store.load(other)
    before = empty_store.counts()
    record = sample_records[PROTOCOL]
    fail_after(empty_store, method, calls)
    with pytest.raises(RuntimeError, match="disk gone"):
        empty_store.load(record)
    assert empty_store.counts() == before
    assert empty_store.record(record.sha256) is None
    assert empty_store.stored_file(record.sha256) is None
    assert empty_store.search(SearchRequest("likviditetsförvaltning")).total == 0
    # The same file loads whole afterwards; words only it has are searchable.
    delattr(empty_store, method)  # the store's own method again
    assert empty_store.load(record).status == "loaded"
    assert empty_store.record(record.sha256) == record
    assert empty_store.search(SearchRequest("likviditetsförvaltning")).total > 0


def test_a_row_the_database_refuses_leaves_no_document(empty_store: Store,
                                                       sample_records: dict[str, Document]) -> None:
    """A new document whose last item's amount breaks a constraint (page 0): rows before it are undone."""
    record = sample_records[PROTOCOL]
    broken_amount = Amount.model_construct(value_sek=1, raw="1 kr", page=0, qualifier=None)
    broken_item = record.items[-1].model_copy(update={"amounts": [broken_amount]})
    broken = record.model_copy(update={"items": [*record.items[:-1], broken_item]})
    before = empty_store.counts()
    with pytest.raises(Exception, match=r"(?i)check"):
        empty_store.load(broken)
    assert empty_store.counts() == before
    assert empty_store.record(record.sha256) is None
    assert empty_store.load(record).status == "loaded"
    assert empty_store.search(SearchRequest("likviditetsförvaltning")).total > 0


def test_a_batch_is_stored_whole_or_not_at_all(empty_store: Store, sample_records: dict[str, Document]) -> None:
    records = list(sample_records.values())[:4]
    fail_after(empty_store, "_person_ids", 3)  # the third record of the batch
    with pytest.raises(RuntimeError, match="disk gone"):
        empty_store.load_many(records)
    assert empty_store.counts()["documents"] == 0
    assert all(empty_store.stored_file(r.sha256) is None for r in records)
    delattr(empty_store, "_person_ids")
    outcomes = empty_store.load_many(records)
    assert [o.status for o in outcomes] == ["loaded"] * 4
    assert all(empty_store.record(r.sha256) == r for r in records)
