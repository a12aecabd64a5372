"""The Prefect flow ``ingest``: an inbox folder into the store, every file in a task of its own.

A thin layer over pipeline/ingest.py, which `protokoll load` uses without Prefect: the flow
finds the files, skips those already stored (by content hash) without a task, and submits one
task per remaining file. Tasks run on threads, each waiting on its own extraction child process
(pipeline/extract/isolated.py), at most ``workers`` at once: the CPU work runs in processes, on all
cores. A task is retried only when the store failed (a dropped connection, a locked database);
an unreadable document is an outcome, quarantined, never retried. The run report is published
as a Prefect artifact (key ``ingest-report``) and returned.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.runtime import flow_run
from prefect.states import State
from prefect.task_runners import ThreadPoolTaskRunner

from flows.errors import IngestFailed
from flows.lifeline import watch_the_scheduler
from pipeline.extract.isolated import Limits
from pipeline.ingest import (
    Discovery,
    FileOutcome,
    already_done,
    conclude_run,
    default_quarantine,
    discover,
    ingest_file,
    record_outcome,
    start_run,
    store_failure,
)
from pipeline.store import StoreError, open_store

REPORT_KEY = "ingest-report"
TRANSIENT = (StoreError, psycopg.OperationalError, sqlite3.OperationalError, ConnectionError, TimeoutError)
# Called in the flow's process as the run goes: ("start", number of files) and ("file", FileOutcome).
ProgressListener = Callable[[str, Any], None]
listeners: list[ProgressListener] = []


def default_workers() -> int:
    return os.cpu_count() or 1


def store_failed(_task: object, _task_run: object, state: State) -> bool:
    """Retry a task only for a store failure; a bad document never raises."""
    try:
        state.result()
    except TRANSIENT:
        return True
    except BaseException:
        return False
    return False


@task(name="ingest-file", retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=store_failed,
      cache_policy=NO_CACHE, task_run_name="ingest {path}")
def ingest_file_task(path: str, run_id: str, db: str | None, quarantine: str, limits: Limits,
                     retry_quarantined: bool, workers: int) -> FileOutcome:
    """Extract one file in a child process and load it, or quarantine it."""
    with open_store(db) as store:
        return ingest_file(store, Path(path), run_id, limits, Path(quarantine), retry_quarantined, workers)


@flow(name="ingest", task_runner=ThreadPoolTaskRunner(max_workers=2 * default_workers()), log_prints=False)
def ingest(inbox: str, db: str | None = None, quarantine: str | None = None, workers: int | None = None,
           time_base: float | None = None, time_per_page: float | None = None, memory_mb: int | None = None,
           retry_quarantined: bool = False) -> dict[str, Any]:
    """Load every new PDF and DOCX under ``inbox`` into the store at ``db``; quarantine unreadable ones.

    ``db``: a SQLite path or a postgresql:// URL (default $PROTOKOLL_DB, else the embedded file).
    ``quarantine``: where copies of unreadable files go (default: see pipeline.ingest.default_quarantine).
    ``workers``: extractions at once (default: the number of cores). The limits: see pipeline.extract.isolated.
    """
    watch_the_scheduler()
    started = time.monotonic()
    folder = Path(inbox).expanduser()
    quarantine_dir = Path(quarantine).expanduser() if quarantine else default_quarantine(db)
    limits = Limits.from_env(time_base, time_per_page, memory_mb)
    workers = workers or default_workers()
    with open_store(db) as store:
        run_id = start_run(store, "ingest", [folder], flow_run_id=str(flow_run.id) if flow_run.id else None)
        if not folder.is_dir():
            report = conclude_run(store, run_id, [], Discovery(missing=[folder]), time.monotonic() - started,
                                  error=f"no such folder: {folder}")
            _publish(report.markdown(), report.summary())
            raise IngestFailed(f"{folder}: no such folder")
        discovery = discover([folder], exclude=quarantine_dir)
        _notify("start", len(discovery.files))
        outcomes, pending = _skip_known(store, run_id, discovery.files, retry_quarantined)
    futures = [ingest_file_task.submit(str(path), run_id, db, str(quarantine_dir), limits, retry_quarantined, workers)
               for path in pending]
    error = None
    for future in as_completed(futures):
        try:
            outcome = future.result()
        except Exception as exc:  # the store, after the retries: the run cannot complete
            error = error or store_failure(exc)
            continue
        outcomes.append(outcome)
        _notify("file", outcome)
    with open_store(db) as store:
        report = conclude_run(store, run_id, outcomes, discovery, time.monotonic() - started, error)
    _publish(report.markdown(), report.summary())
    if error:
        raise IngestFailed(f"the run could not complete: {error}")
    return report.to_json()


def _skip_known(store: Any, run_id: str, files: list[Path],
                retry_quarantined: bool) -> tuple[list[FileOutcome], list[Path]]:
    """Files already stored (or known bad) are settled here, without a task each: a nightly run
    over a large inbox pays a hash per old file, not Prefect's cost per task."""
    settled: list[FileOutcome] = []
    pending: list[Path] = []
    for path in files:
        outcome = already_done(store, path, retry_quarantined)
        if outcome is None:
            pending.append(path)
            continue
        record_outcome(store, run_id, outcome)
        settled.append(outcome)
        _notify("file", outcome)
    return settled, pending


def _notify(event: str, value: Any) -> None:
    for listener in listeners:
        listener(event, value)


def _publish(markdown: str, summary: str) -> None:
    create_markdown_artifact(markdown=markdown, key=REPORT_KEY, description=summary)
