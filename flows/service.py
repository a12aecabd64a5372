"""The ingest flow run once or served on a schedule: the Prefect side of `protokoll ingest` and
`protokoll schedule` (pipeline/cli/ingest.py parses the options and prints; Prefect lives here).

Prefect reads its settings when it is imported, so every Prefect import happens inside these
functions, after flows/environment.py has put protokoll's defaults in place.

Stopping: SIGTERM (a supervisor, `kill`) and SIGINT (Ctrl-C) both end a command the way Ctrl-C
does, whatever the parent left ignored: a process started from a script with `&` or under nohup
inherits SIGINT ignored, and Python then never turns it into KeyboardInterrupt by itself. Once a
stop has begun, further signals are ignored so that the cleanup (flow runs ended, the server
stopped) is not cut short.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from flows.environment import prefect_defaults
from flows.errors import Stopped
from flows.lifeline import name_this_process_as_scheduler

Echo = Callable[[str], None]
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
# How often the runner asks the server for due runs, at most and at least: a fraction of the
# interval, so that a run starts close to its time (a 5 s interval polled every 10 s, Prefect's
# default, ran every 10 s), without polling a nightly cron every half second.
LONGEST_POLL = 10.0
SHORTEST_POLL = 0.5
POLLS_PER_INTERVAL = 20


# Prefect's runner logs a due run the server refused as an "Aborted submission"; with one run at a
# time that is a run skipped because the one before it still runs (or two runs came due while the
# runner started): said plainly, once.
SKIPPED_RUN = "Skipped flow run %s: the run before it is still going (one run at a time)"


def run_once(parameters: dict[str, Any], workers: int | None, listener: Callable[[str, Any], None]) -> dict[str, Any]:
    """One run of the ingest flow; its report. `listener` hears ("start", files) and ("file",
    FileOutcome) as the run goes. The server: PREFECT_API_URL, else the one `protokoll schedule`
    runs (flows/server.py), else Prefect's ephemeral one, started for this run alone.
    Raises flows.errors.IngestFailed when the run cannot complete, Stopped on SIGTERM or SIGINT."""
    prefect_defaults()
    if not os.environ.get("PREFECT_API_URL"):
        from flows.server import running_server
        api = running_server(_schedule_server_home())
        if api:
            os.environ["PREFECT_API_URL"] = api
    with stop_signals():
        try:
            return _run_flow(parameters, workers, listener)
        except KeyboardInterrupt:
            raise Stopped("stopped before the run completed; the next run loads what is missing") from None


def _run_flow(parameters: dict[str, Any], workers: int | None, listener: Callable[[str, Any], None]) -> dict[str, Any]:
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows import ingest as ingest_flow

    flow = ingest_flow.ingest
    if workers:
        flow = flow.with_options(task_runner=ThreadPoolTaskRunner(max_workers=2 * workers))
    ingest_flow.listeners.append(listener)
    try:
        return flow(**parameters)
    finally:
        ingest_flow.listeners.remove(listener)


def serve_on_schedule(name: str, cron: str | None, interval: float | None, parameters: dict[str, Any],
                      echo: Echo) -> None:
    """Serve the ingest flow as a scheduled deployment until SIGTERM or SIGINT (Ctrl-C), then end
    the flow runs still going and return. Without PREFECT_API_URL a local Prefect server is started
    for it (the ephemeral one runs no scheduler) and stopped on the way out."""
    prefect_defaults(logging_level="INFO")  # a service: its log says when runs start and end
    name_this_process_as_scheduler()  # its flow runs end should it be killed (flows/lifeline.py)
    with stop_signals(), contextlib.suppress(KeyboardInterrupt):  # a stop before serving began
        if os.environ.get("PREFECT_API_URL"):
            _serve_then_end_runs(name, cron, interval, parameters, echo)
        else:
            _serve_with_local_server(name, cron, interval, parameters, echo)
    echo("protokoll: stopped")


def _serve_with_local_server(name: str, cron: str | None, interval: float | None, parameters: dict[str, Any],
                             echo: Echo) -> None:
    from flows.server import local_prefect_server
    home = _schedule_server_home()
    echo(f"protokoll: starting a local Prefect server (data in {home})")
    with local_prefect_server(home) as api:
        os.environ["PREFECT_API_URL"] = api
        _serve_then_end_runs(name, cron, interval, parameters, echo)


def _schedule_server_home() -> Path:
    return Path(os.environ["PREFECT_HOME"]).expanduser() / "server"


def _serve_then_end_runs(name: str, cron: str | None, interval: float | None, parameters: dict[str, Any],
                         echo: Echo) -> None:
    try:
        with contextlib.suppress(KeyboardInterrupt):
            _serve(name, cron, interval, parameters, echo)
    finally:
        _ignore_stop_signals()
        _end_flow_runs()  # before the server goes: a run without its API would wait for it forever


def _serve(name: str, cron: str | None, interval: float | None, parameters: dict[str, Any], echo: Echo) -> None:
    # Prefect reads its settings when imported: only now, with PREFECT_API_URL set.
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.deployments.runner import EntrypointType
    from prefect.runner import Runner

    from flows.ingest import ingest as ingest_flow

    class StoppableRunner(Runner):
        # Prefect's own SIGTERM handler (installed by start()) calls the runner's async stop()
        # without awaiting it and exits from inside the event loop: a traceback, runs left
        # running. Ctrl-C's path is clean, so SIGTERM takes it.
        def handle_sigterm(self, *_args: Any, **_kwargs: Any) -> None:
            _stop_as_ctrl_c()

    poll = _poll_seconds(interval)
    # prefetch 0: a run is taken when it is due, not up to 10 s early (Prefect's default), when
    # the run before it may still hold the one slot below and the server would cancel it.
    runner = StoppableRunner(name=name, query_seconds=poll, prefetch_seconds=0, pause_on_shutdown=True)
    # A run still going when the next is due makes the next one pointless: it is cancelled.
    one_at_a_time = ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)
    runner.add_flow(ingest_flow, name=name, cron=cron, interval=interval, parameters=parameters,
                    concurrency_limit=one_at_a_time, entrypoint_type=EntrypointType.MODULE_PATH)
    logging.getLogger("prefect.runner.state_proposer").addFilter(_say_skipped_runs_plainly)
    echo(f"protokoll: serving '{name}' ({'cron ' + cron if cron else f'every {interval:g} s'}) over "
         f"{parameters['inbox']}; stop with Ctrl-C or SIGTERM")
    asyncio.run(runner.start())


def _poll_seconds(interval: float | None) -> float:
    period = interval if interval else 60.0  # cron: at most once a minute
    return max(SHORTEST_POLL, min(LONGEST_POLL, period / POLLS_PER_INTERVAL))


def _say_skipped_runs_plainly(record: logging.LogRecord) -> bool:
    refused = isinstance(record.msg, str) and record.msg.startswith("Aborted submission")
    if refused and isinstance(record.args, tuple) and "CANCELLED" in map(str, record.args):
        record.msg, record.args = SKIPPED_RUN, record.args[:1]
    return True


def _end_flow_runs(grace: float = 8.0) -> None:
    """The runner starts each flow run as a child process of this one: end those still running."""
    children = multiprocessing.active_children()
    for child in children:
        child.terminate()
    for child in children:
        child.join(grace)
        if child.is_alive():
            child.kill()
            child.join(5)


@contextlib.contextmanager
def stop_signals() -> Iterator[None]:
    """SIGINT and SIGTERM raise KeyboardInterrupt in the main thread while the context lasts, even
    when the parent started this process with SIGINT ignored; the handlers before are restored."""
    before = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    # default_int_handler, not a handler of ours: asyncio.run() then puts its own in place for the
    # loop's time, which cancels the main task (a clean stop) instead of raising mid-callback.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _stop_as_ctrl_c)
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


def _stop_as_ctrl_c(*_args: object) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one stop is enough
    signal.raise_signal(signal.SIGINT)


def _ignore_stop_signals() -> None:
    for sig in STOP_SIGNALS:
        signal.signal(sig, signal.SIG_IGN)
