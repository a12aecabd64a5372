"""A scheduled flow run ends when the `protokoll schedule` that started it is gone.

Prefect's runner starts each flow run as a child process and gives it no parent-death signal;
a scheduler that is SIGKILLed (a supervisor's last resort, the OOM killer) would leave its run
going on with no API to report to. The scheduler names itself in SCHEDULER_PID; a run started by
it watches that its parent is still that process, and stops itself when it is not.
"""

from __future__ import annotations

import os
import signal
import threading
import time

SCHEDULER_PID = "PROTOKOLL_SCHEDULER_PID"
CHECK_SECONDS = 0.5
GRACE_SECONDS = 10.0  # for the flow to end on SIGTERM before the process simply exits


def name_this_process_as_scheduler() -> None:
    os.environ[SCHEDULER_PID] = str(os.getpid())


def watch_the_scheduler() -> None:
    """In a flow run: when this process was started by a scheduler, end it once the scheduler is gone."""
    scheduler = os.environ.get(SCHEDULER_PID)
    if not scheduler or not scheduler.isdigit() or int(scheduler) == os.getpid():
        return
    if os.getppid() != int(scheduler):  # a process further down, or one not started by it
        return
    threading.Thread(target=_watch, args=(int(scheduler),), name="protokoll-lifeline", daemon=True).start()


def _watch(scheduler: int) -> None:
    while os.getppid() == scheduler:
        time.sleep(CHECK_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)  # Prefect's engine ends the run on SIGTERM
    time.sleep(GRACE_SECONDS)
    os._exit(1)
