"""`protokoll ingest`, `protokoll schedule`, `protokoll runs`: batch ingestion from the command line.

`ingest` runs the Prefect flow (flows/ingest.py) once, in Prefect's ephemeral mode unless
PREFECT_API_URL names a server; `schedule` serves it as a scheduled deployment, against a
Prefect server it starts itself (the ephemeral one runs no scheduler) unless PREFECT_API_URL is
set; `runs` lists past runs from the store. Prefect is imported only inside the commands, after
its settings (flows/environment.py) are in place.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import signal
import sys
from pathlib import Path
from typing import Any

import click

from pipeline.ingest import FileOutcome, list_runs
from pipeline.store import default_db, open_store
from pipeline.store_cli import DB_HELP, QUARANTINE_HELP, fail, limit_options, one_line_errors, run_errors

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
    Exit 0 when the run completed, quarantined files or not; 1 when it could not."""
    if not inbox.is_dir():
        fail(f"{inbox}: no such folder", status=1)
    parameters = flow_parameters(inbox, db, quarantine_dir, workers, time_base, time_per_page, memory_mb,
                                 retry_quarantined)
    open_store(parameters["db"]).close()  # an unreachable store is one line before Prefect starts
    from flows.environment import prefect_defaults
    prefect_defaults()
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows import ingest as ingest_flow

    flow = ingest_flow.ingest
    if workers:
        flow = flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=2 * workers))
    progress = Progress()
    ingest_flow.listeners.append(progress)
    try:
        report = flow(**parameters)
    except ingest_flow.IngestFailed as exc:
        fail(str(exc), status=1)
    finally:
        ingest_flow.listeners.remove(progress)
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
    from flows.environment import prefect_defaults
    prefect_defaults(logging_level="INFO")  # a service: its log says when runs start and end
    # SIGTERM ends the command as Ctrl-C does, so that the server it started is stopped with it.
    signal.signal(signal.SIGTERM, _sigterm_as_ctrl_c)
    if os.environ.get("PREFECT_API_URL"):
        try:
            _serve(name, cron, interval, parameters)
        finally:
            _end_flow_runs()
        return
    from flows.server import local_prefect_server
    home = Path(os.environ["PREFECT_HOME"]).expanduser() / "server"
    click.echo(f"protokoll: starting a local Prefect server (data in {home})", err=True)
    with local_prefect_server(home) as api:
        os.environ["PREFECT_API_URL"] = api
        try:
            _serve(name, cron, interval, parameters)
        finally:
            _end_flow_runs()  # before the server goes: a run without its API would wait for it forever


def _serve(name: str, cron: str | None, interval: float | None, parameters: dict[str, Any]) -> None:
    # Prefect reads its settings when imported: only now, with PREFECT_API_URL set.
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.deployments.runner import EntrypointType
    from prefect.runner import Runner

    from flows.ingest import ingest as ingest_flow
    click.echo(f"protokoll: serving '{name}' ({'cron ' + cron if cron else f'every {interval:g} s'}) over "
               f"{parameters['inbox']}; stop with Ctrl-C", err=True)
    # Prefect 3.8's own SIGTERM handler, installed when serving starts, calls the runner's async
    # stop() without awaiting it and exits from inside the event loop (a traceback, runs left
    # running); Ctrl-C's path is clean, so SIGTERM takes it.
    Runner.handle_sigterm = _sigterm_as_ctrl_c  # type: ignore[assignment,method-assign]
    # A run still going when the next is due makes the next one pointless: it is cancelled.
    one_at_a_time = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)
    with contextlib.suppress(KeyboardInterrupt, SystemExit):  # Ctrl-C or SIGTERM: the normal way to stop
        ingest_flow.serve(name=name, cron=cron, interval=interval, parameters=parameters, global_limit=one_at_a_time,
                          entrypoint_type=EntrypointType.MODULE_PATH, print_starting_message=False)


def _end_flow_runs(grace: float = 10.0) -> None:
    """The runner starts each flow run as a child process of this one: end those still running."""
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(grace)
        if child.is_alive():
            child.kill()
            child.join(5)


def _sigterm_as_ctrl_c(*_args: object) -> None:
    os.kill(os.getpid(), signal.SIGINT)


# -- runs -------------------------------------------------------------------------------------

@click.command(short_help="Past ingest and load runs, with the files they quarantined.")
@click.option("--db", help=DB_HELP)
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@one_line_errors
def runs(db: str | None, limit: int, fmt: str) -> None:
    """The latest runs, newest first: when, what, their counts and every file they quarantined, with the reason."""
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
