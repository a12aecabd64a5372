"""Runs and quarantine in the store: the SQL behind pipeline/ingest.py (`load`, `ingest`,
`schedule`, `runs`). Rows in, rows out; what a run or a quarantined file means is decided there."""

from __future__ import annotations

from typing import Any

from pipeline.store.base import Store

QUARANTINE_COLUMNS = ("path", "copy", "reason", "extractor_version", "run_id", "quarantined_at")
RUN_COLUMNS = ("id", "command", "inputs", "host", "flow_run_id", "started_at", "finished_at", "status", "new_files",
               "skipped_files", "failed_files", "ignored_files", "pages", "seconds", "error")


def quarantine_row(store: Store, sha256: str) -> dict[str, Any] | None:
    rows = store.query(f"SELECT {', '.join(QUARANTINE_COLUMNS)} FROM quarantine WHERE sha256 = ?", (sha256,))
    return dict(zip(QUARANTINE_COLUMNS, rows[0], strict=True)) if rows else None


def save_quarantine(store: Store, sha256: str, row: dict[str, Any]) -> None:
    """Insert the content's quarantine row, or bring the one it has up to date."""
    values = tuple(row[c] for c in QUARANTINE_COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in QUARANTINE_COLUMNS)
    with store.transaction():
        store.execute(
            f"INSERT INTO quarantine (sha256, {', '.join(QUARANTINE_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?) "
            f"ON CONFLICT (sha256) DO UPDATE SET {updates}", (sha256, *values))


def forget_quarantine(store: Store, sha256: str) -> None:
    with store.transaction():
        store.execute("DELETE FROM quarantine WHERE sha256 = ?", (sha256,))


def insert_run(store: Store, run_id: str, command: str, inputs_json: str, host: str, pid: int,
               flow_run_id: str | None, started_at: str) -> None:
    with store.transaction():
        store.execute("INSERT INTO ingest_runs (id, command, inputs, host, pid, flow_run_id, started_at, status) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, 'running')",
                      (run_id, command, inputs_json, host, pid, flow_run_id, started_at))


def save_outcome(store: Store, run_id: str, row: dict[str, Any]) -> None:
    """A file's outcome in a run; a second outcome for the same path replaces the first."""
    columns = ("path", "sha256", "status", "reason", "pages", "seconds", "finished_at")
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    with store.transaction():
        store.execute(
            f"INSERT INTO ingest_files (run_id, {', '.join(columns)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            f"ON CONFLICT (run_id, path) DO UPDATE SET {updates}", (run_id, *(row[c] for c in columns)))


def finish_run_row(store: Store, run_id: str, row: dict[str, Any]) -> None:
    columns = ("finished_at", "status", "new_files", "skipped_files", "failed_files", "ignored_files", "pages",
               "seconds", "error")
    with store.transaction():
        store.execute(f"UPDATE ingest_runs SET {', '.join(f'{c} = ?' for c in columns)} WHERE id = ?",
                      (*(row[c] for c in columns), run_id))


def running_runs(store: Store, host: str) -> list[tuple[str, int]]:
    """(id, pid) of the runs this host recorded as running."""
    return [(str(run_id), int(pid)) for run_id, pid in
            store.query("SELECT id, pid FROM ingest_runs WHERE status = 'running' AND host = ?", (host,))]


def mark_run_interrupted(store: Store, run_id: str) -> None:
    with store.transaction():
        store.execute("UPDATE ingest_runs SET status = 'interrupted' WHERE id = ? AND status = 'running'", (run_id,))


def latest_runs(store: Store, limit: int) -> list[dict[str, Any]]:
    """The latest runs' rows, newest first, each with its files' counts by status and its quarantined files."""
    runs = [dict(zip(RUN_COLUMNS, row, strict=True)) for row in store.query(
        f"SELECT {', '.join(RUN_COLUMNS)} FROM ingest_runs ORDER BY started_at DESC, id LIMIT ?", (limit,))]
    for run in runs:
        counts = store.query("SELECT status, count(*) FROM ingest_files WHERE run_id = ? GROUP BY status", (run["id"],))
        run["files"] = {status: int(count) for status, count in counts}
        run["failures"] = [{"path": path, "reason": reason} for path, reason in store.query(
            "SELECT path, reason FROM ingest_files WHERE run_id = ? AND status = 'quarantined' ORDER BY path",
            (run["id"],))]
    return runs


def forget_earlier_empty_run(store: Store, run_id: str) -> bool:
    """Delete the run just before ``run_id`` over the same inputs by the same command when that one
    changed nothing either (completed, no new file, none quarantined): a schedule over a quiet
    inbox keeps one row for its latest check, not one per check. Whether a row went."""
    current = store.query("SELECT command, inputs, started_at FROM ingest_runs WHERE id = ?", (run_id,))
    if not current:
        return False
    command, inputs, started_at = current[0]
    earlier = store.query(
        "SELECT id, status, new_files, failed_files, error FROM ingest_runs "
        "WHERE command = ? AND inputs = ? AND id <> ? AND started_at <= ? ORDER BY started_at DESC LIMIT 1",
        (command, inputs, run_id, started_at))
    if not earlier:
        return False
    earlier_id, status, new_files, failed_files, error = earlier[0]
    if status != "completed" or new_files or failed_files or error:
        return False
    with store.transaction():
        store.execute("DELETE FROM ingest_files WHERE run_id = ?", (earlier_id,))
        store.execute("DELETE FROM ingest_runs WHERE id = ?", (earlier_id,))
    return True
