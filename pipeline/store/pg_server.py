"""A throwaway PostgreSQL server on a loopback port, for the store's tests and benchmark.

It runs Debian's server binaries from a temporary folder and is gone after ``stop()``:
nothing is installed, no system cluster is touched. initdb and postgres refuse to run as
root, so as root the folder is handed to the ``postgres`` user and the binaries run as it.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import stat
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType

SEARCH_ROOTS = (Path("/usr/lib/postgresql"), Path("/usr/local/pgsql"))
SUPERUSER = "postgres"


class PostgresUnavailable(RuntimeError):
    """The server binaries are missing or the server would not start; the message says why."""


def find_server_binaries() -> Path:
    """The bin folder of the newest PostgreSQL server installed (Debian: /usr/lib/postgresql/N/bin)."""
    candidates = [p / "bin" for root in SEARCH_ROOTS if root.is_dir() for p in root.iterdir()]
    candidates += [root / "bin" for root in SEARCH_ROOTS]
    found = [c for c in candidates if (c / "initdb").is_file() and (c / "pg_ctl").is_file()]
    if not found:
        raise PostgresUnavailable(
            "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql: "
            "install Debian's 'postgresql' package (.ci/run does)")
    return max(found, key=lambda p: _version_key(p.parent.name))


def _version_key(name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in name.split(".") if part.isdigit()) or (0,)


def free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def cluster_parent() -> str:
    """Where the cluster's folder goes: the temporary folder, unless the server's user could not
    reach into it (as root the server runs as ``postgres``, and a root-only folder on the way, as
    pytest's own temporary folder is, stops it); then the system's. The folder is deleted on stop."""
    folder = Path(tempfile.gettempdir())
    if os.geteuid() != 0:
        return str(folder)
    reachable = all(p.stat().st_mode & stat.S_IXOTH for p in [folder, *folder.parents])
    return str(folder) if reachable else "/tmp"


class ThrowawayPostgres:
    """``with ThrowawayPostgres() as server: server.url`` — a fresh cluster, stopped and deleted after."""

    def __init__(self) -> None:
        self.bin = find_server_binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="protokoll-pg-", dir=cluster_parent()))
        self.data = self.folder / "data"
        self.port = free_loopback_port()
        self.running = False

    @property
    def url(self) -> str:
        return self.database_url(SUPERUSER)

    def database_url(self, database: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def start(self) -> ThrowawayPostgres:
        as_root = os.geteuid() == 0
        if as_root:
            owner = pwd.getpwnam(SUPERUSER)
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8",
                  "--locale", "C.UTF-8", as_root=as_root)
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"),
                  "-w", "-t", "60", "start", as_root=as_root)
        self.running = True
        return self

    def stop(self) -> None:
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", as_root=os.geteuid() == 0)
            self.running = False
        shutil.rmtree(self.folder, ignore_errors=True)

    def _run(self, program: str, *args: str, as_root: bool) -> None:
        command = [str(self.bin / program), *args]
        if as_root:
            command = ["runuser", "-u", SUPERUSER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.folder)
        if done.returncode != 0:
            log = self.folder / "server.log"
            detail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            if log.exists():
                detail += log.read_text(errors="replace").strip().splitlines()[-3:]
            raise PostgresUnavailable(f"{program} failed: " + " | ".join(detail))

    def __enter__(self) -> ThrowawayPostgres:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()
