"""Fixtures for the ingestion tests: inboxes of real samples plus bad files the tests make, and
one Prefect test harness (a temporary Prefect server and database) for the whole session,
since starting one costs seconds. Prefect's home and telemetry are set before it is imported."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

_HOME = Path(tempfile.mkdtemp(prefix="protokoll-prefect-"))
os.environ.setdefault("PREFECT_HOME", str(_HOME))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from tests.conftest import SAMPLES  # noqa: E402

SMALL = ("000_0723f1c5f5b75f48__kommun.docx", "004_90a6bde803d3bf45__kommun.docx",
         "004_90a6bde803d3bf45__tryck.pdf")
# What each bad file is: the tests assert a reason per file, whatever its words.
BAD = ("tom.pdf", "webbsida.pdf", "skannad.pdf")


# A command started the way a service is: in the background from a script, SIGINT ignored (as
# nohup and non-interactive shells leave it); its pid and, once it ends, its exit status in files.
SERVICE_SCRIPT = """trap '' INT
"$@" &
echo $! > "$PIDFILE"
wait $!
echo $? > "$RCFILE"
"""
PATIENCE = 240.0  # seconds any one wait may take on a loaded machine before the test gives up


def processes_with(marker: str) -> set[int]:
    """Live processes (zombies are over) whose environment holds ``marker``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue
            if marker.encode() in (entry / "environ").read_bytes():
                found.add(int(entry.name))
        except OSError:  # gone meanwhile, or not ours to read
            continue
    return found


def wait_for(condition: object, what: str, limit: float = PATIENCE, log: object = None) -> None:
    deadline = time.monotonic() + limit
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"no {what} within {limit:.0f} s" + (f"; log:\n{log()}" if log else "")  # type: ignore[operator]
        time.sleep(0.2)


def blank_pdf(path: Path) -> None:
    """A PDF with a page and no text layer, as a scanner without OCR makes one."""
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    document.save(str(path))
    document.close()


def make_inbox(folder: Path, samples: tuple[str, ...] = SMALL, bad: bool = True) -> Path:
    """Samples, bad PDFs (empty, HTML named .pdf, a scan with no text) and a note that is no document."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in samples:
        shutil.copy(SAMPLES / name, folder / name)
    if bad:
        (folder / "tom.pdf").write_bytes(b"")
        (folder / "webbsida.pdf").write_text("<!DOCTYPE html><html><body>Sidan finns inte</body></html>")
        blank_pdf(folder / "skannad.pdf")
        (folder / "läsmig.txt").write_text("inte ett protokoll")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[str]:
    """Prefect against a temporary server for the session; its API URL, for subprocesses."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield str(PREFECT_API_URL.value())
