"""A schedule over a quiet inbox checks it again and again: each check that changes nothing
replaces the one before it in `protokoll runs`, while runs that loaded or quarantined a file,
failed runs, and other inboxes' runs all stay. Plain functions, a real store, no Prefect."""

from __future__ import annotations

from pathlib import Path

from pipeline.extract.isolated import Limits
from pipeline.ingest import Discovery, conclude_run, discover, ingest_file, list_runs, start_run
from pipeline.store import open_store
from tests.flows.conftest import make_inbox


def check(store: object, inbox: Path, quarantine: Path) -> str:
    """One run over the inbox as the flow makes it: every file found, loaded or skipped."""
    run_id = start_run(store, "ingest", [inbox])  # type: ignore[arg-type]
    discovery = discover([inbox], exclude=quarantine)
    outcomes = [ingest_file(store, path, run_id, Limits(), quarantine) for path in discovery.files]  # type: ignore[arg-type]
    return conclude_run(store, run_id, outcomes, discovery, 0.1).status  # type: ignore[arg-type]


def test_runs_that_change_nothing_leave_one_row(tmp_path: Path) -> None:
    inbox = make_inbox(tmp_path / "inkorg", samples=("000_0723f1c5f5b75f48__kommun.docx",), bad=False)
    other = make_inbox(tmp_path / "annan", samples=(), bad=False)
    quarantine = tmp_path / "karantän"
    with open_store(str(tmp_path / "arkiv.db")) as store:
        assert check(store, inbox, quarantine) == "completed"  # loads the file
        for _ in range(3):
            check(store, inbox, quarantine)
            check(store, other, quarantine)
        runs = list_runs(store)
        by_inbox: dict[str, list[tuple[int, int]]] = {}
        for run in runs:
            by_inbox.setdefault(run["inputs"][0], []).append((run["new_files"], run["skipped_files"]))
        assert {k: sorted(v) for k, v in by_inbox.items()} == {str(inbox.resolve()): [(0, 1), (1, 0)],
                                                                str(other.resolve()): [(0, 0)]}
        # the replaced checks' per-file rows went with them
        assert store.query("SELECT count(*) FROM ingest_files")[0][0] == 2

        (inbox / "tom.pdf").write_bytes(b"")  # a file to quarantine: that run stays, and the next check
        check(store, inbox, quarantine)
        check(store, inbox, quarantine)
        check(store, inbox, quarantine)
        mine = [(r["new_files"], r["failed_files"], r["skipped_files"]) for r in list_runs(store)
                if r["inputs"] == [str(inbox.resolve())]]
    assert sorted(mine) == [(0, 0, 1), (0, 0, 2), (0, 1, 1), (1, 0, 0)]  # fast runs can share a millisecond


def test_a_failed_run_is_never_replaced(tmp_path: Path) -> None:
    missing = tmp_path / "saknas"
    with open_store(str(tmp_path / "arkiv.db")) as store:
        failed = start_run(store, "ingest", [missing])
        conclude_run(store, failed, [], Discovery(missing=[missing]), 0.1, error="no such folder")
        missing.mkdir()
        check(store, missing, tmp_path / "q")
        check(store, missing, tmp_path / "q")
        assert sorted(r["status"] for r in list_runs(store)) == ["completed", "failed"]
