"""`protokoll ingest` and `protokoll runs` as a user runs them, in subprocesses: a run killed
midway and run again loads every file exactly once, and a run with no Prefect server given
starts Prefect's ephemeral server itself (an upgrade that breaks it fails here, not at night).
Started in the background with SIGINT ignored, SIGTERM stops it with exit 0 and no process left;
with a schedule's server discoverable, it runs there instead of starting a temporary one."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.store import open_store
from tests.flows.conftest import BAD, PATIENCE, SERVICE_SCRIPT, make_inbox, processes_with, snapshot, wait_for

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


def test_ingest_stops_on_sigterm_though_sigint_was_ignored_and_takes_its_temporary_server_along(
        tmp_path: Path) -> None:
    inbox = make_inbox(tmp_path / "inkorg", samples=SIX)
    db = tmp_path / "arkiv.db"
    (tmp_path / "service.sh").write_text(SERVICE_SCRIPT)
    pidfile, rcfile = tmp_path / "ingest.pid", tmp_path / "ingest.rc"
    marker = f"PROTOKOLL_TEST_MARKER={tmp_path}"
    env = prefect_env(PREFECT_HOME=str(tmp_path / "prefect"), PIDFILE=str(pidfile), RCFILE=str(rcfile),
                      PROTOKOLL_TEST_MARKER=str(tmp_path))
    script = subprocess.Popen(["bash", str(tmp_path / "service.sh"), str(PROTOKOLL), "ingest", str(inbox), "--db",
                               str(db), "--workers", "1"], env=env, start_new_session=True,
                              stdout=subprocess.DEVNULL, stderr=(tmp_path / "stderr").open("w"))
    try:
        wait_for(lambda: documents(db), "first stored file")
        os.kill(int(pidfile.read_text()), signal.SIGTERM)
        script.wait(PATIENCE)
        stderr = (tmp_path / "stderr").read_text()
        assert rcfile.read_text().strip() == "0", stderr
        assert "stopped before the run completed" in stderr and "Traceback" not in stderr, stderr
        # Prefect's temporary server (a uvicorn child) and the extraction processes are gone too.
        wait_for(lambda: not processes_with(marker), "end of every process it started", limit=120)
    finally:
        for pid in processes_with(marker):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    assert 1 <= len(documents(db)) < len(SIX)


def test_ingest_runs_on_the_server_a_schedule_left_discoverable(prefect_harness: str, tmp_path: Path) -> None:
    """`protokoll schedule` writes its server's API URL into <PREFECT_HOME>/server/api-url; an
    ingest with the same home and no PREFECT_API_URL runs there, not on a temporary server."""
    from prefect.client.orchestration import get_client

    home = tmp_path / "prefect"
    (home / "server").mkdir(parents=True)
    (home / "server" / "api-url").write_text(prefect_harness + "\n")  # the session's server stands in
    inbox = make_inbox(tmp_path / "inkorg", samples=SIX[:1], bad=False)
    db = tmp_path / "arkiv.db"
    done = subprocess.run([str(PROTOKOLL), "ingest", str(inbox), "--db", str(db)], env=prefect_env(
        PREFECT_HOME=str(home)), capture_output=True, text=True, timeout=PATIENCE)
    assert done.returncode == 0, done.stderr
    with open_store(str(db), create=False) as store:
        (flow_run_id,) = store.query("SELECT flow_run_id FROM ingest_runs")[0]
    with get_client(sync_client=True) as client:
        assert client.read_flow_run(flow_run_id).state.is_completed()
