"""A local Prefect server for `protokoll schedule`: Prefect's ephemeral server runs no scheduler,
so a schedule needs a real one. Started as a child in its own process group, on a free loopback
port, with its own PREFECT_HOME; stopped with its whole group when the command ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.store.pg_server import free_loopback_port

STARTUP_SECONDS = 120.0


class ServerUnavailable(RuntimeError):
    """The local Prefect server did not come up."""


@contextmanager
def local_prefect_server(home: Path) -> Iterator[str]:
    """A running Prefect server's API URL, for as long as the context lasts."""
    home.mkdir(parents=True, exist_ok=True)
    port = free_loopback_port()
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_SERVER_UI_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    with (home / "server.log").open("ab") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    api = f"http://127.0.0.1:{port}/api"
    try:
        wait_until_healthy(api, server, home / "server.log")
        yield api
    finally:
        stop_group(server)


def wait_until_healthy(api: str, server: subprocess.Popen[bytes], log: Path,
                       timeout: float = STARTUP_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerUnavailable(f"the Prefect server exited with status {server.returncode} (see {log})")
        try:
            with urllib.request.urlopen(f"{api}/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise ServerUnavailable(f"the Prefect server did not answer within {timeout:.0f} s (see {log})")


def stop_group(process: subprocess.Popen[bytes], grace: float = 15.0) -> None:
    """SIGTERM to the process's group; SIGKILL to what is left of it after ``grace`` seconds."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10.0)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        if _group_ended(process, wait):
            break
    if process.poll() is None:
        process.kill()
        process.wait(5)


def _group_ended(process: subprocess.Popen[bytes], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        process.poll()  # reaps the leader once it exits
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False
