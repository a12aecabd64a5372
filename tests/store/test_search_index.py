"""The search index's life beside the store: it follows the store's change sequence, heals after a
crash between the two commits, is rebuilt when missing or broken (never a traceback), takes one
writer at a time when two processes load, and on a shared PostgreSQL store brings another
machine's loads into its own index. Records in and out through `protokoll load --records`."""

from __future__ import annotations

import json
import multiprocessing
import queue
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.store import SearchRequest, Store, open_store
from pipeline.store.pg_server import ThrowawayPostgres
from schemas.record import Document
from tests.store.test_store_concurrency import copies

PROTOCOL = "001_702812d2f0149fea__kommun.pdf"
ONLY_IN_PROTOCOL = "likviditetsförvaltning"
PATIENCE = 180
SPAWN = multiprocessing.get_context("spawn")


def total(store: Store, text: str) -> int:
    return store.search(SearchRequest(text)).total


def test_a_crash_between_the_store_and_the_index_heals_on_the_next_open(
        backend: str, store_urls, sample_records: dict[str, Document], tmp_path: Path) -> None:
    url = store_urls.new(backend)
    index = tmp_path / "index"
    with open_store(url, index=index) as store:
        store.load(sample_records["000_0723f1c5f5b75f48__kommun.docx"])
        store._changed = lambda: None  # the process dies after the store's commit, before the index's
        store.load(sample_records[PROTOCOL])
        assert store.search_index.seq < store.change_seq()
    with open_store(url, index=index) as store:
        assert total(store, ONLY_IN_PROTOCOL) > 0
        assert store.search_index.seq == store.change_seq() == 2
        assert store.search_index.item_count() == store.counts()["items"]


def test_a_delete_takes_the_items_out_of_the_index(empty_store: Store, sample_records: dict[str, Document]) -> None:
    record = sample_records[PROTOCOL]
    empty_store.load(record)
    assert total(empty_store, ONLY_IN_PROTOCOL) > 0
    assert empty_store.delete(record.sha256) and not empty_store.delete(record.sha256)
    assert total(empty_store, ONLY_IN_PROTOCOL) == 0 and empty_store.search_index.item_count() == 0
    assert empty_store.record(record.sha256) is None


def records_file(folder: Path, records: list[Document], bad_line: bool = False) -> Path:
    path = folder / "poster.jsonl"
    lines = [record.model_dump_json() for record in records]
    if bad_line:
        lines.insert(1, json.dumps({"source": "trasig.pdf"}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def test_records_in_and_out_through_load_records(tmp_path: Path, sample_records: dict[str, Document]) -> None:
    records = list(sample_records.values())
    path = records_file(tmp_path, records, bad_line=True)
    db = str(tmp_path / "arkiv.db")
    loaded = run("load", "--records", str(path), "--db", db)
    assert loaded.exit_code == 0, loaded.stderr
    assert "poster.jsonl:2: not a record" in loaded.stderr and loaded.stderr.count("\n") == 1
    assert loaded.stdout.startswith("16 records: 15 loaded, 1 refused;") and "items/s" in loaded.stdout
    again = run("load", "--records", "-", "--db", db, stdin=path.read_text(encoding="utf-8"))
    assert again.stdout.startswith("16 records: 0 loaded, 15 unchanged, 1 refused"), again.stdout
    with open_store(db) as store:
        assert store.counts()["documents"] == 15
        assert all(store.record(r.sha256) == r for r in records)  # records out as they came in
        assert store.search_index.item_count() == store.counts()["items"]
        assert total(store, ONLY_IN_PROTOCOL) == 3
    assert Path(db + "-index").is_dir()  # the index sits beside the SQLite file


def test_a_missing_or_broken_index_is_rebuilt_never_a_traceback(tmp_path: Path,
                                                                 sample_records: dict[str, Document]) -> None:
    db = str(tmp_path / "arkiv.db")
    assert run("load", "--records", str(records_file(tmp_path, list(sample_records.values()))), "--db", db
               ).exit_code == 0
    index = Path(db + "-index")
    expected = json.loads(run("search", "bevilja", "--db", db, "--format", "json").stdout)
    breakages = [
        ("missing", lambda: shutil.rmtree(index)),
        ("garbage meta.json", lambda: (index / "meta.json").write_text("{ inte json")),
        ("segment files gone", lambda: [p.unlink() for p in index.iterdir() if p.suffix in (".idx", ".store")]),
    ]
    for label, breaks in breakages:
        breaks()
        result = run("search", "bevilja", "--db", db, "--format", "json")
        assert result.exit_code == 0 and "Traceback" not in result.stderr, (label, result.stderr)
        assert "rebuilding the search index" in result.stderr.lower(), label
        assert json.loads(result.stdout)["hits"] == expected["hits"], label
    rebuilt = run("reindex", "--db", db)
    assert rebuilt.exit_code == 0 and rebuilt.stdout.startswith("indexed 15 documents (")


def test_an_index_of_another_store_is_not_taken_for_this_ones(tmp_path: Path,
                                                             sample_records: dict[str, Document]) -> None:
    index = tmp_path / "index"
    with open_store(str(tmp_path / "a.db"), index=index) as first:
        first.load(sample_records[PROTOCOL])
    with open_store(str(tmp_path / "b.db"), index=index) as second:
        assert total(second, ONLY_IN_PROTOCOL) == 0 and second.search_index.item_count() == 0


def load_in_process(url: str, index: str, records: list[Document], out: multiprocessing.Queue) -> None:
    try:
        with open_store(url, index=index) as store:
            for record in records:
                store.load(record)
        out.put(None)
    except Exception as exc:  # reported to the test, which fails with it
        out.put(f"{exc.__class__.__name__}: {exc}")


def run_processes(jobs: list[tuple]) -> None:
    out = SPAWN.Queue()
    processes = [SPAWN.Process(target=load_in_process, args=(*job, out)) for job in jobs]
    for process in processes:
        process.start()
    try:
        errors = [out.get(timeout=PATIENCE) for _ in processes]
    except queue.Empty:
        pytest.fail(f"a loading process gave no report within {PATIENCE} s")
    finally:
        for process in processes:
            process.join(timeout=PATIENCE)
            if process.is_alive():
                process.kill()
    assert errors == [None] * len(jobs)


def test_two_loading_processes_share_one_index_without_breaking_it(
        backend: str, store_urls, sample_records: dict[str, Document], tmp_path: Path) -> None:
    url = store_urls.new(backend)
    index = str(tmp_path / "index")
    with open_store(url, index=index) as store:
        assert store.search_index.item_count() == 0  # made before the processes start
    records = copies(list(sample_records.values()), rounds=2)
    run_processes([(url, index, records[0::2]), (url, index, records[1::2])])
    with open_store(url, index=index) as store:
        assert store.counts()["documents"] == len(records)
        assert store.search_index.seq == store.change_seq() == len(records)
        assert store.search_index.item_count() == store.counts()["items"]
        assert total(store, ONLY_IN_PROTOCOL) == 6  # three renderings, twice


def test_a_shared_postgresql_store_brings_other_machines_loads_into_this_index(
        postgres_server: ThrowawayPostgres, store_urls, sample_records: dict[str, Document], tmp_path: Path) -> None:
    """The serving machine's index (its own folder) follows loads another machine (another
    process, with an index of its own) makes into the shared store."""
    url = store_urls.new("postgres")
    serving = open_store(url, index=tmp_path / "serving-index")
    try:
        assert total(serving, "bevilja") == 0
        records = list(sample_records.values())
        run_processes([(url, str(tmp_path / "other-machine-index"), records)])
        assert total(serving, ONLY_IN_PROTOCOL) == 3
        assert serving.search_index.seq == serving.change_seq() == len(records)
        other = open_store(url, index=tmp_path / "other-machine-index")
        try:
            request = SearchRequest("bevilja", limit=100)
            assert serving.search(request).hits == other.search(request).hits
        finally:
            other.close()
    finally:
        serving.close()
