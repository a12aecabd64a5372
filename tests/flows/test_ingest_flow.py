"""The Prefect flow `ingest` on a temporary inbox of real samples and bad files the test makes,
under Prefect's test harness: counts, quarantine reasons, the report artifact, idempotency."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.store import open_store
from tests.flows.conftest import BAD, SMALL, make_inbox, snapshot


@pytest.fixture(scope="module")
def first_run(prefect_harness: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    from flows.ingest import ingest

    base = tmp_path_factory.mktemp("flow")
    inbox = make_inbox(base / "inkorg")
    before = snapshot(inbox)
    db = str(base / "arkiv.db")
    report = ingest(inbox=str(inbox), db=db, quarantine=str(base / "karantän"), workers=2)
    return {"report": report, "inbox": inbox, "db": db, "quarantine": base / "karantän", "before": before}


def test_the_flow_counts_new_failed_and_ignored_files(first_run: dict) -> None:
    report = first_run["report"]
    assert (report["status"], report["new"], report["skipped"], report["failed"], report["ignored"]) == (
        "completed", len(SMALL), 0, len(BAD), 1)
    assert report["pages"] >= len(SMALL) and report["seconds"] > 0
    with open_store(first_run["db"]) as store:
        stored = sorted(row[0] for row in store.query("SELECT source FROM documents"))
    assert stored == sorted(SMALL)


def test_unreadable_files_are_copied_to_quarantine_with_their_reason(first_run: dict) -> None:
    inbox, quarantine = first_run["inbox"], first_run["quarantine"]
    reasons = {Path(f["path"]).name: f["reason"] for f in first_run["report"]["failures"]}
    assert set(reasons) == set(BAD) and all(reasons.values())
    assert len(set(reasons.values())) == len(BAD)  # each bad file says what is wrong with it
    for name in BAD:
        (copy,) = quarantine.glob(f"*__{name}")
        assert copy.read_bytes() == (inbox / name).read_bytes()
        written = json.loads(Path(f"{copy}.reason.json").read_text(encoding="utf-8"))
        assert written["reason"] == reasons[name] and written["original"] == str((inbox / name).resolve())
        assert written["run_id"] == first_run["report"]["run_id"]
    with open_store(first_run["db"]) as store:
        recorded = {Path(p).name: r for p, r in store.query("SELECT path, reason FROM quarantine")}
    assert recorded == reasons
    assert snapshot(inbox) == first_run["before"]  # the originals stay where they were, unchanged


def test_the_run_report_is_a_prefect_artifact(first_run: dict) -> None:
    from prefect.artifacts import Artifact

    from flows.ingest import REPORT_KEY

    artifact = Artifact.get(REPORT_KEY)
    assert artifact is not None
    assert first_run["report"]["run_id"] in str(artifact.data)
    assert all(name in str(artifact.data) for name in BAD)


def test_a_second_run_loads_nothing_twice(first_run: dict) -> None:
    from flows.ingest import ingest

    again = ingest(inbox=str(first_run["inbox"]), db=first_run["db"], quarantine=str(first_run["quarantine"]))
    assert (again["new"], again["skipped"], again["failed"], again["ignored"]) == (0, len(SMALL) + len(BAD), 0, 1)
    retried = ingest(inbox=str(first_run["inbox"]), db=first_run["db"], quarantine=str(first_run["quarantine"]),
                     retry_quarantined=True)
    assert (retried["new"], retried["failed"]) == (0, len(BAD))
    with open_store(first_run["db"]) as store:
        assert store.query("SELECT count(*) FROM documents")[0][0] == len(SMALL)
        statuses = [row[0] for row in store.query("SELECT status FROM ingest_runs ORDER BY started_at")]
    assert statuses == ["completed"] * 3
    assert len(list(first_run["quarantine"].glob("*.reason.json"))) == len(BAD)  # no second copies


def test_a_missing_inbox_fails_the_run(prefect_harness: str, tmp_path: Path) -> None:
    from flows.ingest import IngestFailed, ingest

    with pytest.raises(IngestFailed, match="no such folder"):
        ingest(inbox=str(tmp_path / "saknas"), db=str(tmp_path / "arkiv.db"))
    with open_store(str(tmp_path / "arkiv.db")) as store:
        recorded = store.query("SELECT status, error FROM ingest_runs")
    assert recorded == [("failed", f"no such folder: {tmp_path / 'saknas'}")]


def test_a_store_failure_is_retried_and_a_bad_document_is_not(prefect_harness: str, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import flows.ingest as ingest_flow
    from pipeline.ingest import ingest_file
    from pipeline.store import StoreError

    monkeypatch.setattr(ingest_flow.ingest_file_task, "retry_delay_seconds", [0, 0])
    inbox = make_inbox(tmp_path / "inkorg", samples=SMALL[:1])
    calls: dict[str, int] = {}

    def flaky(store: object, path: Path, *args: object) -> object:
        calls[path.name] = calls.get(path.name, 0) + 1
        if path.name == SMALL[0] and calls[path.name] == 1:
            raise StoreError("server closed the connection unexpectedly")
        return ingest_file(store, path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest_flow, "ingest_file", flaky)
    report = ingest_flow.ingest(inbox=str(inbox), db=str(tmp_path / "arkiv.db"), quarantine=str(tmp_path / "q"))
    assert (report["new"], report["failed"]) == (1, len(BAD))
    assert calls == {SMALL[0]: 2, **{name: 1 for name in BAD}}
