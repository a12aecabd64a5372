"""Batch ingestion as plain functions: find the files, load each one (extracted in a child process
under time and memory limits), quarantine what cannot be read, and record the run in the store.

``protokoll load`` calls these directly; the Prefect flow (flows/ingest.py) wraps the same
functions in tasks, so both record runs and quarantine the same way.

A file is identified by its content (sha256): a file already stored is skipped; a file whose
extraction fails is quarantined, which means a row in the store's ``quarantine`` table and a
*copy* of it, with ``<copy>.reason.json``, in the quarantine folder. The original is only ever
read. Each file's outcome is written to the store as soon as it is known, so a run killed
midway leaves a true account, and the next run loads what is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from extractors.version import EXTRACTOR_VERSION
from pipeline.extract import SUPPORTED, file_sha256
from pipeline.extract.isolated import Extracted, Limits, extract_isolated
from pipeline.store import Store, default_db
from pipeline.store.base import is_newer
from pipeline.store.errors import store_failure  # noqa: F401  (flows/ingest.py takes it from here)
from pipeline.store.files import record_file
from pipeline.store.runs import (
    finish_run_row,
    forget_earlier_empty_run,
    forget_quarantine,
    insert_run,
    latest_runs,
    mark_run_interrupted,
    quarantine_row,
    running_runs,
    save_outcome,
    save_quarantine,
)

NEW = ("loaded", "replaced")
SKIPPED = ("unchanged", "kept", "known_bad")
FAILED = ("quarantined",)
# Left alone in a folder: hidden files and the owner files Word leaves beside an open document.
IGNORED_PREFIXES = (".", "~$")


@dataclass
class FileOutcome:
    """What became of one file in a run."""

    path: str
    sha256: str | None
    status: str  # loaded, replaced, unchanged, kept, known_bad (quarantined before), quarantined
    reason: str = ""
    pages: int = 0
    seconds: float = 0.0
    units: int = 0
    stored_source: str | None = None
    copy: str | None = None  # the quarantine copy

    @property
    def counts_as(self) -> str:
        return "new" if self.status in NEW else "skipped" if self.status in SKIPPED else "failed"


@dataclass
class Discovery:
    """The PDF and DOCX files under the inputs, what was left aside, and inputs that do not exist."""

    files: list[Path] = field(default_factory=list)
    ignored: list[Path] = field(default_factory=list)
    missing: list[Path] = field(default_factory=list)


@dataclass
class RunReport:
    """A run's counts and failures, as the terminal, the store and the Prefect artifact show them."""

    run_id: str
    status: str = "running"
    new: int = 0
    skipped: int = 0
    failed: int = 0
    ignored: int = 0
    pages: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    error: str | None = None

    @classmethod
    def of(cls, run_id: str, outcomes: Iterable[FileOutcome], ignored: int, seconds: float) -> RunReport:
        report = cls(run_id, ignored=ignored, seconds=round(seconds, 3))
        for outcome in outcomes:
            setattr(report, outcome.counts_as, getattr(report, outcome.counts_as) + 1)
            report.pages += outcome.pages if outcome.status in (*NEW, *FAILED) else 0
            if outcome.status in FAILED:
                report.failures.append((outcome.path, outcome.reason))
        return report

    def changed_nothing(self) -> bool:
        """Completed with no file new and none quarantined: a check of a quiet inbox."""
        return self.status == "completed" and not (self.new or self.failed or self.error)

    def summary(self) -> str:
        files = self.new + self.skipped + self.failed
        rate = f", {self.pages / self.seconds:.1f} pages/s" if self.seconds and self.pages else ""
        return (f"{files} file{'s' if files != 1 else ''}: {self.new} new, {self.skipped} skipped, "
                f"{self.failed} quarantined, {self.ignored} not PDF/DOCX; {self.pages} pages in "
                f"{self.seconds:.1f} s{rate}")

    def markdown(self) -> str:
        lines = ["# protokoll ingest run", "", f"Run `{self.run_id}`: **{self.status}**", "",
                 "| new | skipped | quarantined | not PDF/DOCX | pages | seconds |",
                 "|---:|---:|---:|---:|---:|---:|",
                 f"| {self.new} | {self.skipped} | {self.failed} | {self.ignored} | {self.pages} "
                 f"| {self.seconds:.1f} |"]
        if self.failures:
            lines += ["", "## Quarantined", "", "| file | reason |", "|---|---|"]
            lines += [f"| {path} | {reason.replace('|', '/')} |" for path, reason in self.failures]
        if self.error:
            lines += ["", f"Run failed: {self.error}"]
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["failures"] = [{"path": p, "reason": r} for p, r in self.failures]
        return data


# -- finding files ----------------------------------------------------------------------------

def discover(inputs: Sequence[Path], exclude: Path | None = None) -> Discovery:
    """Every PDF and DOCX under the inputs (files or folders), sorted; other files are ignored.

    ``exclude`` (the quarantine folder) is never scanned, should it lie inside an input.
    """
    found = Discovery()
    seen: set[Path] = set()
    excluded = exclude.resolve() if exclude else None
    for given in inputs:
        if given.is_dir():
            candidates = sorted(p for p in given.rglob("*") if p.is_file()
                                and not (excluded and p.resolve().is_relative_to(excluded)))
        elif given.is_file():
            candidates = [given]
        else:
            found.missing.append(given)
            continue
        for path in candidates:
            if path.resolve() in seen:
                continue
            seen.add(path.resolve())
            wanted = path.suffix.lower() in SUPPORTED and not path.name.startswith(IGNORED_PREFIXES)
            (found.files if wanted or path == given else found.ignored).append(path)
    return found


def default_quarantine(db: str | None) -> Path:
    """PROTOKOLL_QUARANTINE, else ``quarantine/`` beside a SQLite store, else in protokoll's data folder."""
    if os.environ.get("PROTOKOLL_QUARANTINE"):
        return Path(os.environ["PROTOKOLL_QUARANTINE"]).expanduser()
    url = db or default_db()
    if "://" in url and not url.startswith("sqlite://"):
        return Path.home() / ".local" / "share" / "protokoll" / "quarantine"
    return Path(url.removeprefix("sqlite://")).expanduser().resolve().parent / "quarantine"


# -- one file ---------------------------------------------------------------------------------

# Extractions running at once in this process: each is a child process on a core of its own.
_extraction_slots: dict[int, threading.BoundedSemaphore] = {}
_slots_lock = threading.Lock()


def extraction_slots(workers: int) -> threading.BoundedSemaphore:
    with _slots_lock:
        return _extraction_slots.setdefault(workers, threading.BoundedSemaphore(workers))


def ingest_file(store: Store, path: Path, run_id: str, limits: Limits, quarantine_dir: Path,
                retry_quarantined: bool = False, workers: int | None = None) -> FileOutcome:
    """Load one file into the store, or quarantine it; the outcome is recorded under the run.

    Raises only for the store (a StoreError or the driver's error): a bad file is an outcome.
    """
    started = time.monotonic()
    outcome = _ingest(store, path, run_id, limits, quarantine_dir, retry_quarantined, workers or os.cpu_count() or 1)
    outcome.seconds = round(time.monotonic() - started, 3)
    record_outcome(store, run_id, outcome)
    if outcome.counts_as == "new":  # the run's account first: an index a crash leaves behind catches up
        store.index_changes()
    return outcome


def already_done(store: Store, path: Path, retry_quarantined: bool = False) -> FileOutcome | None:
    """The outcome of a file that needs no extraction (stored, or quarantined before by this
    extractor), or None when it must be extracted. Cheap: a hash and two lookups."""
    try:
        sha = file_sha256(path)
    except OSError as exc:  # gone or unreadable since it was found: nothing to copy either
        return FileOutcome(str(path), None, "quarantined", exc.strerror or str(exc))
    stored = store.stored_file(sha)
    if stored is not None and not is_newer(EXTRACTOR_VERSION, stored[1]):
        record_file(store, sha, path)  # the web app opens the source at a cited page
        return FileOutcome(str(path), sha, "unchanged" if stored[1] == EXTRACTOR_VERSION else "kept",
                           stored_source=stored[0])
    known = quarantined(store, sha)
    if known and known["extractor_version"] == EXTRACTOR_VERSION and not retry_quarantined:
        return FileOutcome(str(path), sha, "known_bad", str(known["reason"]),
                           copy=str(known["copy"]) if known["copy"] else None)
    return None


def _ingest(store: Store, path: Path, run_id: str, limits: Limits, quarantine_dir: Path,
            retry_quarantined: bool, workers: int) -> FileOutcome:
    done = already_done(store, path, retry_quarantined)
    if done is not None:
        return done
    sha = file_sha256(path)
    with extraction_slots(workers):
        extracted: Extracted = extract_isolated(path, limits)
    if extracted.document is None:
        copy = quarantine(store, path, sha, extracted.reason, run_id, quarantine_dir)
        return FileOutcome(str(path), sha, "quarantined", extracted.reason, extracted.pages, copy=copy)
    document = extracted.document
    try:
        loaded = store.load(document, sync_index=False)
    except Exception:
        # Another run loaded the same content between our check and our insert (PostgreSQL's
        # unique sha256 refuses the second): that is a skip, not an error.
        stored = store.stored_file(document.sha256)
        if stored is None:
            raise
        return FileOutcome(str(path), document.sha256, "unchanged", stored_source=stored[0])
    record_file(store, document.sha256, path)
    if quarantined(store, document.sha256):  # read now, by a newer extractor
        forget_quarantine(store, document.sha256)
    return FileOutcome(str(path), document.sha256, loaded.status, pages=document.pages, units=loaded.units,
                       stored_source=loaded.stored_source)


# -- quarantine -------------------------------------------------------------------------------

def quarantined(store: Store, sha256: str) -> dict[str, object] | None:
    return quarantine_row(store, sha256)


def quarantine(store: Store, path: Path, sha256: str, reason: str, run_id: str, folder: Path) -> str | None:
    """Copy the file (never move it) into the quarantine folder with its reason; record it in the store.

    A content quarantined before keeps its first copy; its reason is brought up to date. The
    copy's path, or None when the file could not be copied (the store still holds the reason).
    """
    now = datetime.now(UTC).isoformat(timespec="seconds")
    known = quarantined(store, sha256)
    copy = known["copy"] if known and known["copy"] and Path(str(known["copy"])).is_file() else None
    if copy is None:
        copy = _copy_aside(path, sha256, folder)
    if copy is not None:
        _write_atomically(Path(f"{copy}.reason.json"), json.dumps({
            "reason": reason, "sha256": sha256, "original": str(path.resolve()), "quarantined_at": now,
            "run_id": run_id, "extractor_version": EXTRACTOR_VERSION}, ensure_ascii=False, indent=2))
    save_quarantine(store, sha256, {"path": str(path.resolve()), "copy": copy, "reason": reason,
                                    "extractor_version": EXTRACTOR_VERSION, "run_id": run_id, "quarantined_at": now})
    return str(copy) if copy else None


def _copy_aside(path: Path, sha256: str, folder: Path) -> str | None:
    # the content's hash in the name: two different files called "protokoll.pdf" keep apart
    target = folder / f"{sha256[:12]}__{path.name}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.part")
        shutil.copy2(path, partial)
        os.replace(partial, target)  # a killed run leaves a .part, never a half copy under the real name
    except OSError:
        return None
    return str(target)


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


# -- runs -------------------------------------------------------------------------------------

def start_run(store: Store, command: str, inputs: Sequence[Path | str], flow_run_id: str | None = None) -> str:
    """Record a run as started; its id. Runs of this host whose process has gone are marked interrupted."""
    mark_interrupted(store)
    run_id = uuid.uuid4().hex
    insert_run(store, run_id, command, json.dumps([str(Path(i).resolve()) for i in inputs], ensure_ascii=False),
               socket.gethostname(), os.getpid(), flow_run_id, _now())
    return run_id


def conclude_run(store: Store, run_id: str, outcomes: Sequence[FileOutcome], discovery: Discovery,
                 seconds: float, error: str | None = None) -> RunReport:
    """Count the run's outcomes and record it as completed (or failed, with the error). A run that
    changed nothing replaces the one before it over the same inputs if that changed nothing either."""
    report = RunReport.of(run_id, outcomes, len(discovery.ignored), seconds)
    report.status = "failed" if error else "completed"
    report.error = error
    finish_run(store, report)
    if report.changed_nothing():
        forget_earlier_empty_run(store, run_id)
    return report


def record_outcome(store: Store, run_id: str, outcome: FileOutcome) -> None:
    save_outcome(store, run_id, {"path": outcome.path, "sha256": outcome.sha256, "status": outcome.status,
                                 "reason": outcome.reason or None, "pages": outcome.pages,
                                 "seconds": outcome.seconds, "finished_at": _now()})


def finish_run(store: Store, report: RunReport) -> None:
    finish_run_row(store, report.run_id, {
        "finished_at": _now(), "status": report.status, "new_files": report.new, "skipped_files": report.skipped,
        "failed_files": report.failed, "ignored_files": report.ignored, "pages": report.pages,
        "seconds": report.seconds, "error": report.error})


def mark_interrupted(store: Store) -> None:
    """Runs still 'running' on this host whose process no longer exists were killed: say so."""
    host = socket.gethostname()
    for run_id, pid in running_runs(store, host):
        if not _alive(pid):
            mark_run_interrupted(store, run_id)


def list_runs(store: Store, limit: int = 20) -> list[dict[str, object]]:
    """The latest runs, newest first, each with its files' counts and its quarantined files."""
    mark_interrupted(store)
    runs = latest_runs(store, limit)
    for run in runs:
        run["inputs"] = json.loads(str(run["inputs"]))
        run["seconds"] = float(run["seconds"]) if run["seconds"] is not None else None
        if run["status"] != "completed":  # counts so far, from the files it finished
            run["new_files"] = sum(run["files"].get(s, 0) for s in NEW)
            run["skipped_files"] = sum(run["files"].get(s, 0) for s in SKIPPED)
            run["failed_files"] = sum(run["files"].get(s, 0) for s in FAILED)
    return runs


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
