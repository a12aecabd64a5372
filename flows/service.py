"""The ingest flow run once or served on a schedule: the Prefect side of `protokoll ingest` and
`protokoll schedule` (pipeline/cli/ingest.py parses the options and prints; Prefect lives here).

Prefect reads its settings when it is imported, so every Prefect import happens inside these
functions, after flows/environment.py has put protokoll's defaults in place.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flows.environment import prefect_defaults

Echo = Callable[[str], None]


def run_once(parameters: dict[str, Any], workers: int | None, listener: Callable[[str, Any], None]) -> dict[str, Any]:
    """One run of the ingest flow (Prefect's ephemeral mode unless PREFECT_API_URL names a server);
    its report. `listener` hears ("start", files) and ("file", FileOutcome) as the run goes.
    Raises flows.ingest.IngestFailed when the run cannot complete."""
    prefect_defaults()
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
    """Serve the ingest flow as a scheduled deployment until Ctrl-C or SIGTERM. Without
    PREFECT_API_URL a local Prefect server is started for it (the ephemeral one runs no
    scheduler) and stopped on the way out."""
    prefect_defaults(logging_level="INFO")  # a service: its log says when runs start and end
    # SIGTERM ends the command as Ctrl-C does, so that the server it started is stopped with it.
    signal.signal(signal.SIGTERM, _sigterm_as_ctrl_c)
    if os.environ.get("PREFECT_API_URL"):
        try:
            _serve(name, cron, interval, parameters, echo)
        finally:
            _end_flow_runs()
        return
    from flows.server import local_prefect_server
    home = Path(os.environ["PREFECT_HOME"]).expanduser() / "server"
    echo(f"protokoll: starting a local Prefect server (data in {home})")
    with local_prefect_server(home) as api:
        os.environ["PREFECT_API_URL"] = api
        try:
            _serve(name, cron, interval, parameters, echo)
        finally:
            _end_flow_runs()  # before the server goes: a run without its API would wait for it forever


def _serve(name: str, cron: str | None, interval: float | None, parameters: dict[str, Any], echo: Echo) -> None:
    # Prefect reads its settings when imported: only now, with PREFECT_API_URL set.
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
    from prefect.deployments.runner import EntrypointType
    from prefect.runner import Runner

    from flows.ingest import ingest as ingest_flow
    echo(f"protokoll: serving '{name}' ({'cron ' + cron if cron else f'every {interval:g} s'}) over "
         f"{parameters['inbox']}; stop with Ctrl-C")
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
