"""A local Prefect server for `protokoll schedule`: Prefect's ephemeral server runs no scheduler,
so a schedule needs a real one. Started as a child in its own process group, on a free loopback
port, with its own PREFECT_HOME; stopped with its whole group when the command ends, and killed
by the kernel should the command die without stopping it (SIGKILL, a crash): no orphan server.

While it runs, its API URL is in ``<home>/api-url``: `protokoll ingest` finds it there and runs
on it instead of starting Prefect's temporary server (seconds saved per run)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pipeline.store.pg_server import free_loopback_port

STARTUP_SECONDS = 120.0
PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
API_URL_FILE = "api-url"


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
            env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            preexec_fn=die_with(os.getpid()))
    api = f"http://127.0.0.1:{port}/api"
    address = home / API_URL_FILE
    try:
        wait_until_healthy(api, server, home / "server.log")
        address.write_text(api + "\n")
        yield api
    finally:
        address.unlink(missing_ok=True)
        stop_group(server)


def running_server(home: Path) -> str | None:
    """The API URL of the local server `protokoll schedule` runs with this home, if it answers now."""
    try:
        api = (home / API_URL_FILE).read_text().strip()
    except OSError:
        return None
    return api if api and healthy(api, timeout=1.0) else None


def die_with(parent: int) -> Callable[[], None]:
    """A preexec_fn: the child gets SIGKILL when its parent dies (Linux's parent-death signal,
    set between fork and exec, so the server has it from its first instruction)."""
    def arrange() -> None:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the parent died before the call above took effect
            os._exit(1)
    return arrange


def wait_until_healthy(api: str, server: subprocess.Popen[bytes], log: Path,
                       timeout: float = STARTUP_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise ServerUnavailable(f"the Prefect server exited with status {server.returncode} (see {log})")
        if healthy(api, timeout=2.0):
            return
        time.sleep(0.5)
    raise ServerUnavailable(f"the Prefect server did not answer within {timeout:.0f} s (see {log})")


def healthy(api: str, timeout: float) -> bool:
    try:
        with urllib.request.urlopen(f"{api}/health", timeout=timeout) as answer:
            return bool(answer.status == 200)
    except (urllib.error.URLError, OSError):
        return False


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
