"""`protokoll ingest` and `protokoll runs` as a user runs them, in subprocesses: a run killed
midway and run again loads every file exactly once, and a run with no Prefect server given
starts Prefect's ephemeral server itself (an upgrade that breaks it fails here, not at night)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.store import open_store
from tests.flows.conftest import BAD, make_inbox, snapshot

PROTOKOLL = Path(sys.executable).parent / "protokoll"
SIX = ("001_702812d2f0149fea__kommun.pdf", "001_702812d2f0149fea__tryck.pdf", "003_a3048755c5bf4d8a__kommun.pdf",
       "003_a3048755c5bf4d8a__tryck.pdf", "002_795be6dc08665b26__kommun.pdf", "002_795be6dc08665b26__tryck.pdf")


def documents(db: Path) -> list[str]:
    if not db.exists():
        return []
    with open_store(str(db), create=False) as store:
        return [row[0] for row in store.query("SELECT sha256 FROM documents")]


def prefect_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    return {**env, **extra}


def test_a_killed_run_and_a_rerun_load_every_file_once(prefect_harness: str, tmp_path: Path) -> None:
    inbox = make_inbox(tmp_path / "inkorg", samples=SIX)
    before = snapshot(inbox)
    db = tmp_path / "arkiv.db"
    command = [str(PROTOKOLL), "ingest", str(inbox), "--db", str(db), "--workers", "1"]
    killed = subprocess.Popen(command, env=prefect_env(PREFECT_API_URL=prefect_harness), start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 180
    while not documents(db) and killed.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(killed.pid, signal.SIGKILL)
    killed.wait(30)
    loaded_then = len(documents(db))
    assert 1 <= loaded_then < len(SIX), (loaded_then, killed.stderr.read() if killed.stderr else "")

    # The rerun has no Prefect server to talk to: it starts the ephemeral one in a fresh home.
    rerun = subprocess.run(command, env=prefect_env(PREFECT_HOME=str(tmp_path / "prefect")), capture_output=True,
                           text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert rerun.stdout.startswith(f"{len(SIX) + len(BAD)} files: {len(SIX) - loaded_then} new, {loaded_then} "
                                   f"skipped, {len(BAD)} quarantined, 1 not PDF/DOCX;"), rerun.stdout
    assert sorted(line.split(": ")[1] for line in rerun.stderr.splitlines()
                  if line.startswith("protokoll: ")) == sorted(str(inbox / name) for name in BAD)
    assert "Traceback" not in rerun.stderr
    stored = documents(db)
    assert len(stored) == len(set(stored)) == len(SIX)
    assert snapshot(inbox) == before

    runs = json.loads(subprocess.run([str(PROTOKOLL), "runs", "--db", str(db), "--format", "json"],
                                     capture_output=True, text=True, timeout=60, check=True).stdout)
    assert [r["status"] for r in runs] == ["completed", "interrupted"]
    assert runs[1]["new_files"] == loaded_then and runs[0]["new_files"] == len(SIX) - loaded_then
    assert sorted(Path(f["path"]).name for f in runs[0]["failures"]) == sorted(BAD)
    table = subprocess.run([str(PROTOKOLL), "runs", "--db", str(db)], capture_output=True, text=True, timeout=60)
    assert "interrupted" in table.stdout and all(f"{inbox / name}: " in table.stdout for name in BAD)


def test_ingest_without_an_inbox_or_a_store_is_exit_1(tmp_path: Path) -> None:
    missing = subprocess.run([str(PROTOKOLL), "ingest", str(tmp_path / "saknas"), "--db", str(tmp_path / "a.db")],
                             capture_output=True, text=True, timeout=60)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1 and "no such folder" in missing.stderr
    inbox = make_inbox(tmp_path / "inkorg", samples=(), bad=False)
    unreachable = subprocess.run([str(PROTOKOLL), "ingest", str(inbox), "--db", "postgresql://postgres@127.0.0.1:9/x"],
                                 capture_output=True, text=True, timeout=60)
    assert unreachable.returncode == 1 and "cannot connect to PostgreSQL" in unreachable.stderr
    assert unreachable.stderr.count("\n") == 1
