"""One file's extraction in a child process, under a time limit that grows with its page count
and a memory limit, so that a pathological PDF or a zip bomb ends as a reason, not as a hung or
swapping machine.

Children come from a ``forkserver``: a clean single-threaded process, started once, that has
imported the extractors (and built the spaCy pipeline) before it forks each child. Forking the
caller itself would be unsafe (Prefect runs threads) and spawning would pay the imports for
every file. Each child is the leader of its own process group, so a time-out also ends any
program it started (an OCR engine, say).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import multiprocessing.spawn
import os
import resource
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from schemas.record import Document

DEFAULT_BASE_SECONDS = 30.0
DEFAULT_SECONDS_PER_PAGE = 5.0
DEFAULT_MEMORY_MB = 2048
PRELOAD = ["pipeline.extract.preload"]
CHILD_NAME = "protokoll-extract"
PR_SET_PDEATHSIG = 1
_context: multiprocessing.context.ForkServerContext | None = None


@dataclass(frozen=True)
class Limits:
    """Per-file limits: ``base_seconds + seconds_per_page * pages`` of time, ``memory_mb`` of address space."""

    base_seconds: float = DEFAULT_BASE_SECONDS
    seconds_per_page: float = DEFAULT_SECONDS_PER_PAGE
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def from_env(cls, base_seconds: float | None = None, seconds_per_page: float | None = None,
                 memory_mb: int | None = None) -> Limits:
        """The limits given, else PROTOKOLL_TIME_BASE, PROTOKOLL_TIME_PER_PAGE, PROTOKOLL_MEMORY_MB, else defaults."""
        env = os.environ
        return cls(
            base_seconds if base_seconds is not None else float(env.get("PROTOKOLL_TIME_BASE", DEFAULT_BASE_SECONDS)),
            seconds_per_page if seconds_per_page is not None
            else float(env.get("PROTOKOLL_TIME_PER_PAGE", DEFAULT_SECONDS_PER_PAGE)),
            memory_mb if memory_mb is not None else int(env.get("PROTOKOLL_MEMORY_MB", DEFAULT_MEMORY_MB)),
        )

    def seconds_for(self, pages: int) -> float:
        return self.base_seconds + self.seconds_per_page * max(pages, 1)


@dataclass(frozen=True)
class Extracted:
    """A record, or the reason there is none; ``pages`` as counted before extraction (0 if unknown)."""

    document: Document | None
    reason: str
    pages: int


def extract_isolated(path: Path, limits: Limits) -> Extracted:
    """Extract ``path`` in a child process within ``limits``; never raises for a bad file."""
    context = forkserver()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(str(path), limits.memory_mb, sender),
                            name=f"{CHILD_NAME} {path.name}")
    started = time.monotonic()
    child.start()
    sender.close()  # the child holds the only writer: its death reads as EOF here
    pages = 0
    try:
        if not receiver.poll(limits.base_seconds):
            return Extracted(None, f"took longer than {_seconds(limits.base_seconds)} s to open", 0)
        kind, value = receiver.recv()
        if kind == "pages":
            pages = int(value)
            limit = limits.seconds_for(pages)
            if not receiver.poll(max(0.0, started + limit - time.monotonic())):
                return Extracted(None, f"took longer than {_seconds(limit)} s (limit for {pages} "
                                       f"page{'s' if pages != 1 else ''})", pages)
            kind, value = receiver.recv()
        if kind == "record":
            return Extracted(value, "", pages or value.pages)
        return Extracted(None, str(value), pages)
    except EOFError:  # the child died without a word: killed, or crashed in native code
        child.join(5)
        return Extracted(None, _death_reason(child.exitcode, limits), pages)
    finally:
        _end(child)
        receiver.close()


def forkserver() -> multiprocessing.context.ForkServerContext:
    global _context
    if _context is None:
        _children_skip_main()
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        _context = context  # type: ignore[assignment]
    return _context  # type: ignore[return-value]


def _children_skip_main() -> None:
    """Our children need nothing from the caller's ``__main__``.

    multiprocessing re-imports the parent's main module in every child it starts; under
    ``protokoll`` that is the CLI, under a Prefect worker the whole of ``prefect.engine`` (seconds
    per file). The child's target lives in this module, so the children are told no main module.
    """
    original = multiprocessing.spawn.get_preparation_data
    if getattr(original, "skips_main_for_extraction", False):
        return

    def preparation_data(name: str) -> dict[str, object]:
        data = original(name)
        if name.startswith(CHILD_NAME):
            data.pop("init_main_from_name", None)
            data.pop("init_main_from_path", None)
        return data

    preparation_data.skips_main_for_extraction = True  # type: ignore[attr-defined]
    multiprocessing.spawn.get_preparation_data = preparation_data  # type: ignore[assignment]


def _out_of_memory(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, MemoryError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "MemoryError" in str(exc)


def _die_with_parent() -> None:
    """Linux: end this child when the forkserver ends (it ends with its caller): a killed run or
    a stopped scheduler leaves no extraction behind."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the forkserver ended before the call above took effect
            os._exit(1)


def _seconds(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _death_reason(exitcode: int | None, limits: Limits) -> str:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name
        if -exitcode in (signal.SIGKILL, signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS):
            # with the address space capped, native code that cannot allocate crashes or is killed
            return f"extraction crashed ({name}); it may have needed more than {limits.memory_mb} MB of memory"
        return f"extraction was ended by {name}"
    return f"extraction ended without a result (exit status {exitcode})"


def _end(child: multiprocessing.process.BaseProcess) -> None:
    """Stop the child and whatever it started, and reap it."""
    if child.pid is not None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
    if child.is_alive():  # ended before it made its own group
        child.kill()
    child.join(10)
    child.close()


def _child_main(path: str, memory_mb: int, sender: Connection) -> None:
    os.setpgid(0, 0)
    _die_with_parent()
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    from extractors.readers import UnreadableDocument
    from pipeline.extract import extract_file
    from pipeline.extract.page_count import count_pages

    try:
        sender.send(("pages", count_pages(Path(path))))
        sender.send(("record", extract_file(Path(path))))
    except UnreadableDocument as exc:
        # a reader may wrap the MemoryError that our limit caused in a reason of its own
        sender.send(("reason", f"needed more than {memory_mb} MB of memory" if _out_of_memory(exc) else exc.reason))
    except MemoryError:
        sender.send(("reason", f"needed more than {memory_mb} MB of memory"))
    except Exception as exc:  # an extractor bug is this file's reason, not the batch's end
        sender.send(("reason", f"could not be extracted ({exc.__class__.__name__}: {exc})"))
    finally:
        sender.close()
