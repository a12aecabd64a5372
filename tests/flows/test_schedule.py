"""`protokoll schedule` with no Prefect server started by hand: it starts its own, serves the
ingest flow on a short interval, a scheduled run loads the inbox, and SIGTERM (or Ctrl-C) stops
it leaving no process behind: no server, no flow run, no extraction."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pipeline.store import open_store
from tests.flows.conftest import SMALL, make_inbox

PROTOKOLL = Path(sys.executable).parent / "protokoll"


def process_table() -> dict[int, tuple[int, int]]:
    """pid -> (parent pid, process group) of every process now."""
    table = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[0] != "Z":  # a zombie has ended; only its parent's wait is missing
                table[int(entry.name)] = (int(fields[1]), int(fields[2]))
    return table


def family(root: int) -> set[int]:
    """The process, its descendants, and whatever else is in their process groups."""
    table = process_table()
    found = {root}
    grew = True
    while grew:
        groups = {table[p][1] for p in found if p in table}
        more = {p for p, (parent, group) in table.items() if parent in found or group in groups} - found
        found |= more
        grew = bool(more)
    return found & set(table)


def completed_runs(db: Path) -> int:
    if not db.exists():
        return 0
    with open_store(str(db), create=False) as store:
        return int(store.query("SELECT count(*) FROM ingest_runs WHERE status = 'completed'")[0][0])


def test_schedule_runs_the_flow_and_stops_cleanly(tmp_path: Path) -> None:
    inbox = make_inbox(tmp_path / "inkorg", bad=False)
    db = tmp_path / "arkiv.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")
    command = subprocess.Popen([str(PROTOKOLL), "schedule", str(inbox), "--interval", "5", "--db", str(db),
                                "--workers", "1"], env=env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seen: set[int] = set()
    try:
        deadline = time.monotonic() + 240
        while completed_runs(db) == 0 and command.poll() is None and time.monotonic() < deadline:
            seen |= family(command.pid)
            time.sleep(0.5)
        assert completed_runs(db) >= 1, command.stdout.read() if command.poll() is not None else "no run in time"
        seen |= family(command.pid)
        with open_store(str(db), create=False) as store:
            stored = sorted(row[0] for row in store.query("SELECT source FROM documents"))
        assert stored == sorted(SMALL)
        assert len(seen) > 2  # the command, the server it started, a flow run at least
        command.send_signal(signal.SIGTERM)
        command.wait(90)
        log = command.stdout.read() if command.stdout else ""
        assert command.returncode == 0, log
        assert "Traceback" not in log, log
        deadline = time.monotonic() + 30  # an orphan notices its parent's end within moments
        while seen & set(process_table()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not seen & set(process_table()), f"left behind: {sorted(seen & set(process_table()))}"
    finally:  # after a failure: end what the test started, the server in its own group included
        for pid in seen & set(process_table()):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if command.poll() is None:
            command.kill()
            command.wait(10)
