"""`protokoll schedule` started the way a service starts: from a script, in the background with
`&`, SIGINT ignored (`trap '' INT`, as nohup and non-interactive shells leave it), its output on a
terminal (a PTY). It starts its own Prefect server, serves the ingest flow at the interval asked,
and stops on SIGTERM or SIGINT with exit 0, leaving no process behind: no server, no flow run, no
extraction. SIGKILLed, it still takes its server and its flow run with it.

Leftovers are found in /proc by the test's own marker in their environment (every process the
command starts inherits it), so a server in a session of its own is found too. No wall-clock
bound: every wait polls with a generous limit.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import pty
import re
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.store import open_store
from tests.flows.conftest import PATIENCE, SERVICE_SCRIPT, SMALL, make_inbox, processes_with, wait_for

PROTOKOLL = Path(sys.executable).parent / "protokoll"
class Service:
    """`protokoll schedule` started by a script under a PTY, in the background, SIGINT ignored."""

    def __init__(self, tmp_path: Path, interval: int) -> None:
        self.tmp = tmp_path
        self.inbox = make_inbox(tmp_path / "inkorg", bad=False)
        self.db = tmp_path / "arkiv.db"
        self.home = tmp_path / "prefect"
        self.pidfile, self.rcfile = tmp_path / "schedule.pid", tmp_path / "schedule.rc"
        (tmp_path / "service.sh").write_text(SERVICE_SCRIPT)
        # The session's Prefect settings stay out: the command's own (an INFO log for a service) apply.
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_API", "PREFECT_LOGGING"))}
        env.update(PREFECT_HOME=str(self.home), PIDFILE=str(self.pidfile), RCFILE=str(self.rcfile),
                   PROTOKOLL_TEST_MARKER=str(tmp_path))
        self.marker = f"PROTOKOLL_TEST_MARKER={tmp_path}"
        master, terminal = pty.openpty()
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 400, 0, 0))  # wide: no wrapped lines
        self.script = subprocess.Popen(
            ["bash", str(tmp_path / "service.sh"), str(PROTOKOLL), "schedule", str(self.inbox), "--interval",
             str(interval), "--db", str(self.db), "--workers", "1"],
            env=env, stdin=terminal, stdout=terminal, stderr=terminal, start_new_session=True)
        os.close(terminal)
        self.output = bytearray()
        self.reader = threading.Thread(target=self._read, args=(master,), daemon=True)
        self.reader.start()
        wait_for(lambda: self.pidfile.exists() and self.pidfile.read_text().strip(), "pid from the script")
        self.pid = int(self.pidfile.read_text())

    def _read(self, master: int) -> None:
        with contextlib.suppress(OSError):  # EIO once no process has the terminal open
            while chunk := os.read(master, 65536):
                self.output += chunk
        os.close(master)

    @property
    def log(self) -> str:
        """What the command wrote on its terminal, colours taken out."""
        return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", self.output.decode(errors="replace"))

    def completed_runs(self) -> list[dict]:
        if not self.db.exists():
            return []
        found = subprocess.run([str(PROTOKOLL), "runs", "--db", str(self.db), "--format", "json"],
                               capture_output=True, text=True, timeout=PATIENCE)
        return [r for r in json.loads(found.stdout or "[]") if r["status"] == "completed"]

    def stop(self, sig: signal.Signals) -> int:
        """Send ``sig``; the command's exit status once it has ended."""
        os.kill(self.pid, sig)
        self.script.wait(PATIENCE)
        return int(self.rcfile.read_text())

    def end_everything(self) -> None:
        """After a failure: end what the test started."""
        for pid in processes_with(self.marker):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.script.wait(30)


@pytest.fixture
def service(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Service]:
    started = Service(tmp_path, interval=request.param)
    try:
        yield started
    finally:
        started.end_everything()


def flow_run_starts(log: str) -> list[float]:
    """When each flow run began, in seconds of the day, from the runner's log on the terminal."""
    stamps = re.findall(r"(\d\d):(\d\d):(\d\d\.\d+) \| INFO +\| Flow run '[^']+' - Beginning flow run", log)
    return [int(h) * 3600 + int(m) * 60 + float(s) for h, m, s in stamps]


@pytest.mark.parametrize("service", [10], indirect=True)
def test_schedule_runs_at_its_interval_and_stops_on_sigterm(service: Service) -> None:
    wait_for(lambda: service.completed_runs(), "completed run", log=lambda: service.log)
    with open_store(str(service.db), create=False) as store:
        assert sorted(row[0] for row in store.query("SELECT source FROM documents")) == sorted(SMALL)
    wait_for(lambda: len(flow_run_starts(service.log)) >= 5, "five flow runs", log=lambda: service.log)
    started = processes_with(service.marker)
    assert len(started) > 2  # the command, the server it started, a flow run or its tracker at least

    # The mean period from the second run on: the first may have waited for the runner to start.
    starts = flow_run_starts(service.log)[1:]
    period = (starts[-1] - starts[0]) / (len(starts) - 1)
    print(f"mean period {period:.2f} s for --interval 10 over {len(starts) - 1} periods")
    assert 8.0 <= period <= 12.0, (period, starts)
    assert "Aborted submission" not in service.log and "Traceback" not in service.log, service.log
    assert service.log.count("Skipped flow run") <= 1, service.log  # at most while the runner started
    # Four runs over an inbox that changed after the first: one row for it, one for the latest check.
    assert [r["new_files"] for r in service.completed_runs()] == [0, len(SMALL)]

    asked = time.monotonic()
    assert service.stop(signal.SIGTERM) == 0, service.log
    print(f"stopped {time.monotonic() - asked:.1f} s after SIGTERM")
    wait_for(lambda: not processes_with(service.marker), "end of every process it started", limit=60)
    assert "Traceback" not in service.log and "protokoll: stopped" in service.log, service.log


@pytest.mark.parametrize("service", [30], indirect=True)
def test_schedule_stops_on_sigint_though_its_parent_ignored_it(service: Service) -> None:
    wait_for(lambda: service.completed_runs(), "completed run", log=lambda: service.log)
    asked = time.monotonic()
    assert service.stop(signal.SIGINT) == 0, service.log
    print(f"stopped {time.monotonic() - asked:.1f} s after SIGINT")
    wait_for(lambda: not processes_with(service.marker), "end of every process it started", limit=60)
    assert "Traceback" not in service.log, service.log


@pytest.mark.parametrize("service", [10], indirect=True)
def test_a_killed_schedule_takes_its_server_and_flow_run_with_it(service: Service) -> None:
    wait_for(lambda: service.completed_runs(), "completed run", log=lambda: service.log)
    # after a second run has begun: the kill may find one going
    wait_for(lambda: len(flow_run_starts(service.log)) >= 2, "a second flow run", log=lambda: service.log)
    os.kill(service.pid, signal.SIGKILL)
    service.script.wait(PATIENCE)
    wait_for(lambda: not processes_with(service.marker), "end of every process it started", limit=120)

