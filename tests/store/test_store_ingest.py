"""Batch ingestion against both backends: two runs at once on the same files load each file
once, and runs, outcomes and quarantine are recorded the same way in SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from pathlib import Path

from pipeline.extract.isolated import Limits
from pipeline.ingest import FileOutcome, discover, ingest_file, list_runs, start_run
from pipeline.store import open_store
from tests.conftest import SAMPLES
from tests.store.conftest import StoreUrls

FILES = ("000_0723f1c5f5b75f48__kommun.docx", "004_90a6bde803d3bf45__kommun.pdf", "002_795be6dc08665b26__kommun.docx")


def test_two_runs_at_once_load_each_file_once(backend: str, store_urls: StoreUrls, tmp_path: Path) -> None:
    url = store_urls.new(backend)
    inbox = tmp_path / "inkorg"
    inbox.mkdir()
    for name in FILES:
        (inbox / name).write_bytes((SAMPLES / name).read_bytes())
    (inbox / "trasig.pdf").write_bytes(b"%PDF-1.7\n trasig")
    files = discover([inbox]).files
    outcomes: dict[int, list[FileOutcome]] = {0: [], 1: []}
    start = threading.Barrier(2, timeout=60)
    errors: list[BaseException] = []

    def run(number: int) -> None:
        try:
            start.wait()  # both open the new store at once: one of them creates its tables
            with open_store(url) as store:
                run_id = start_run(store, "ingest", [inbox])
                start.wait()
                for path in files:  # both runs take the same file at the same moment
                    outcomes[number].append(ingest_file(store, path, run_id, Limits(), tmp_path / "karantän"))
        except BaseException as exc:
            errors.append(exc)
            start.abort()  # the other run must not wait for this one

    threads = [threading.Thread(target=run, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not [e for e in errors if not isinstance(e, threading.BrokenBarrierError)], errors
    assert all(len(found) == len(files) for found in outcomes.values())
    for first, second in zip(outcomes[0], outcomes[1], strict=True):
        if first.path.endswith("trasig.pdf"):
            assert {first.status, second.status} <= {"quarantined", "known_bad"}
        else:  # one run loaded it; the other found it stored, or lost the race to insert it
            assert sorted([first.status, second.status]) == ["loaded", "unchanged"], (first, second)
    with open_store(url) as store:
        shas = [row[0] for row in store.query("SELECT sha256 FROM documents")]
        assert len(shas) == len(set(shas)) == len(FILES)
        assert store.query("SELECT count(*) FROM quarantine")[0][0] == 1
        recorded = list_runs(store)
    assert sorted(r["status"] for r in recorded) == ["running", "running"]  # both processes still alive: this one
    assert sum(int(r["new_files"]) for r in recorded) == len(FILES)
