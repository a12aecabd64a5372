"""`protokoll ingest`, `protokoll schedule`, `protokoll runs`: batch ingestion from the command line.

`ingest` runs the Prefect flow (flows/ingest.py) once and `schedule` serves it on a schedule,
both through flows/service.py, which holds everything Prefect; `runs` lists past runs from the
store. This module parses options and prints; nothing here imports Prefect.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from pipeline.cli.store import DB_HELP, QUARANTINE_HELP, fail, limit_options, one_line_errors, run_errors
from pipeline.store import default_db, open_store  # light: the store's modules load when a store opens

if TYPE_CHECKING:
    from pipeline.ingest import FileOutcome

WORKERS_HELP = "Files extracted at once, each in its own process (default: the number of cores)."


def flow_parameters(inbox: Path, db: str | None, quarantine_dir: Path | None, workers: int | None,
                    time_base: float | None, time_per_page: float | None, memory_mb: int | None,
                    retry_quarantined: bool) -> dict[str, Any]:
    """The flow's parameters with every path absolute: a scheduled run starts elsewhere."""
    store = db or default_db()
    if "://" not in store:
        store = str(Path(store).expanduser().resolve())
    return {"inbox": str(inbox.expanduser().resolve()), "db": store,
            "quarantine": str(quarantine_dir.expanduser().resolve()) if quarantine_dir else None,
            "workers": workers, "time_base": time_base, "time_per_page": time_per_page, "memory_mb": memory_mb,
            "retry_quarantined": retry_quarantined}


def common_options(command: Any) -> Any:
    for option in reversed([
        click.option("--db", help=DB_HELP),
        click.option("--quarantine", "quarantine_dir", type=click.Path(path_type=Path, file_okay=False),
                     help=QUARANTINE_HELP),
        click.option("--workers", type=click.IntRange(1, 256), help=WORKERS_HELP),
        click.option("--retry-quarantined", is_flag=True,
                     help="Try again files this extractor version quarantined before (skipped by default)."),
    ]):
        command = option(command)
    return limit_options(command)


# -- ingest -----------------------------------------------------------------------------------

@click.command(short_help="Load a folder's new PDF and DOCX files with the Prefect flow, once.")
@click.argument("inbox", type=click.Path(path_type=Path))
@common_options
@run_errors
def ingest(inbox: Path, db: str | None, quarantine_dir: Path | None, workers: int | None,
           retry_quarantined: bool, time_base: float | None, time_per_page: float | None,
           memory_mb: int | None) -> None:
    """Run the ingest flow once over INBOX: every PDF and DOCX not yet in the store is extracted
    (in parallel, each file in its own process, with time and memory limits) and loaded;
    unreadable ones are quarantined and named on stderr. Prints the run report.
    Exit 0 when the run completed, quarantined files or not, or was stopped (SIGTERM, Ctrl-C: the
    next run loads what is missing); 1 when it could not."""
    if not inbox.is_dir():
        fail(f"{inbox}: no such folder", status=1)
    parameters = flow_parameters(inbox, db, quarantine_dir, workers, time_base, time_per_page, memory_mb,
                                 retry_quarantined)
    open_store(parameters["db"]).close()  # an unreachable store is one line before Prefect starts
    from flows.errors import IngestFailed, Stopped
    from flows.service import run_once

    progress = Progress()
    try:
        report = run_once(parameters, workers, progress)
    except IngestFailed as exc:
        fail(str(exc), status=1)
    except Stopped as exc:
        click.echo(f"protokoll: {exc}", err=True)
        return
    finally:
        progress.close()
    for failure in report["failures"]:
        click.echo(f"protokoll: {failure['path']}: {failure['reason']}", err=True)
    click.echo(summary_of(report))


class Progress:
    """A progress bar on stderr while the flow runs (when stderr is a terminal)."""

    def __init__(self) -> None:
        self.bar: Any = None

    def __call__(self, event: str, value: Any) -> None:
        if event == "start" and sys.stderr.isatty():
            self.bar = click.progressbar(length=int(value), label="ingest", file=sys.stderr,
                                         item_show_func=lambda o: Path(o.path).name if o else None)
            self.bar.__enter__()
        elif event == "file" and self.bar is not None:
            outcome: FileOutcome = value
            self.bar.update(1, outcome)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def summary_of(report: dict[str, Any]) -> str:
    files = report["new"] + report["skipped"] + report["failed"]
    seconds = float(report["seconds"])
    rate = f" ({files / seconds:.2f} files/s, {report['pages'] / seconds:.1f} pages/s)" if seconds else ""
    return (f"{files} file{'s' if files != 1 else ''}: {report['new']} new, {report['skipped']} skipped, "
            f"{report['failed']} quarantined, {report['ignored']} not PDF/DOCX; {report['pages']} pages "
            f"in {seconds:.1f} s{rate}")


# -- schedule ---------------------------------------------------------------------------------

@click.command(short_help="Serve the ingest flow on a schedule (cron or interval) until stopped.")
@click.argument("inbox", type=click.Path(path_type=Path))
@click.option("--cron", help='A cron expression, e.g. "0 2 * * *" for every night at two.')
@click.option("--interval", type=click.FloatRange(min=1), metavar="SECONDS", help="Or every this many seconds.")
@click.option("--name", default="protokoll-ingest", show_default=True, help="The deployment's name.")
@common_options
@run_errors
def schedule(inbox: Path, cron: str | None, interval: float | None, name: str, db: str | None,
             quarantine_dir: Path | None, workers: int | None, retry_quarantined: bool, time_base: float | None,
             time_per_page: float | None, memory_mb: int | None) -> None:
    """Serve the ingest flow over INBOX as a scheduled Prefect deployment until stopped (Ctrl-C,
    SIGTERM). Without PREFECT_API_URL a local Prefect server is started for it (loopback only,
    its data under protokoll's Prefect home) and stopped on exit; with it, that server is used."""
    if (cron is None) == (interval is None):
        fail("give one of --cron EXPR or --interval SECONDS")
    if not inbox.is_dir():
        fail(f"{inbox}: no such folder", status=1)
    parameters = flow_parameters(inbox, db, quarantine_dir, workers, time_base, time_per_page, memory_mb,
                                 retry_quarantined)
    open_store(parameters["db"]).close()
    from flows.service import serve_on_schedule
    serve_on_schedule(name, cron, interval, parameters, echo=lambda line: click.echo(line, err=True))


# -- runs -------------------------------------------------------------------------------------

@click.command(short_help="Past ingest and load runs, with the files they quarantined.")
@click.option("--db", help=DB_HELP)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@one_line_errors
def runs(db: str | None, limit: int, fmt: str) -> None:
    """The latest runs, newest first: when, what, their counts and every file they quarantined, with the reason."""
    from pipeline.ingest import list_runs  # the ingest module loads the extractors

    with open_store(db, create=False) as store:
        found = list_runs(store, limit)
    if fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo("No runs.")
        return
    click.echo(f"{'started (UTC)':<19}  {'command':<7}  {'status':<11}  {'new':>5}  {'skip':>5}  {'fail':>5}  "
               f"{'other':>5}  {'pages':>6}  {'seconds':>8}  inputs")
    for run in found:
        seconds = f"{run['seconds']:.1f}" if run["seconds"] is not None else "-"
        click.echo(f"{str(run['started_at'])[:19].replace('T', ' '):<19}  {run['command']:<7}  {run['status']:<11}  "
                   f"{run['new_files']:>5}  {run['skipped_files']:>5}  {run['failed_files']:>5}  "
                   f"{run['ignored_files']:>5}  {run['pages']:>6}  {seconds:>8}  {', '.join(run['inputs'])}")
        if run["error"]:
            click.echo(f"    error: {run['error']}")
        for failure in run["failures"]:
            click.echo(f"    {failure['path']}: {failure['reason']}")
