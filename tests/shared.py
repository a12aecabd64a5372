"""What the test run makes once and every xdist worker uses: a folder made by the first worker
that asks, under a lock, and read by the others (with one process, simply a folder).

For fixtures that cost seconds and are only read afterwards: the samples' records, a store the
samples are loaded into. Each worker still opens its own connections to what the folder holds.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

DONE = ".made"


def run_root(factory: pytest.TempPathFactory) -> Path:
    """The folder every worker of this run shares: the parent of the workers' own base folders
    (xdist gives each worker ``<run base>/popen-gwN``); without xdist, the base folder itself."""
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def made_once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """``<run root>/shared/NAME``, filled by ``make(folder)`` by the first worker to ask."""
    folder = run_root(factory) / "shared" / name
    folder.parent.mkdir(parents=True, exist_ok=True)
    with (folder.parent / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait here while the first one makes it
        try:
            if not (folder / DONE).exists():
                shutil.rmtree(folder, ignore_errors=True)  # what a worker that failed making it left
                folder.mkdir()
                make(folder)
                (folder / DONE).touch()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return folder
