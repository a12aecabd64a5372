"""An overall progress bar for a batch of files on a terminal: files and pages done, time left.

The bar is one line on stderr, drawn only when stderr is a terminal; a line the command prints
meanwhile (a file's outcome, a quarantined file's reason) goes above it and the bar is drawn
again under it. Without a terminal nothing is drawn: the command's own lines and its summary
are the whole output, as a log or a script wants them.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import click

BAR_WIDTH = 24
CLEAR_LINE = "\r\033[K"
MIN_SECONDS_FOR_ETA = 1.0  # a time left guessed from less than this is noise


def duration(seconds: float) -> str:
    """0:07, 12:05, 1:02:05."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class BatchProgress:
    """Files and pages of a batch as they are done, with the time left from the pages' rate."""

    def __init__(self, files: Sequence[Path], count_pages: Callable[[Path], int], label: str = "load",
                 stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty()
        self.label = label
        self.clock = clock
        self.files_total = len(files)
        # Page counts are read from the page tree only (pipeline/extract/page_count.py): cheap,
        # and worth it only when there is a bar to show them on.
        self.pages = {path: count_pages(path) for path in files} if self.shown else {}
        self.pages_total = sum(self.pages.values())
        self.files_done = 0
        self.pages_done = 0
        self.started = clock()
        self.current = ""
        self._draw()

    def advance(self, path: Path) -> None:
        """One more file done (loaded, skipped or quarantined: its pages are behind us either way)."""
        self.files_done += 1
        self.pages_done += self.pages.get(path, 0)
        self.current = path.name
        self._draw()

    def echo(self, message: str, err: bool = False) -> None:
        """A line above the bar."""
        self._clear()
        click.echo(message, err=err)
        self._draw()

    def close(self) -> None:
        self._clear()
        self.shown = False

    def line(self) -> str:
        """The bar as text: `load [#######.....]  7/15 files  54/120 pages  0:12 left  name.pdf`."""
        share = self.pages_done / self.pages_total if self.pages_total else (
            self.files_done / self.files_total if self.files_total else 1.0)
        share = min(1.0, share)
        filled = round(share * BAR_WIDTH)
        parts = [f"{self.label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}]",
                 f"{self.files_done}/{self.files_total} files",
                 f"{min(self.pages_done, self.pages_total)}/{self.pages_total} pages"]
        elapsed = self.clock() - self.started
        if 0 < share < 1 and elapsed >= MIN_SECONDS_FOR_ETA:
            parts.append(f"{duration(elapsed * (1 - share) / share)} left")
        elif share >= 1:
            parts.append(f"done in {duration(elapsed)}")
        if self.current:
            parts.append(self.current)
        return "  ".join(parts)

    def _draw(self) -> None:
        if not self.shown:
            return
        width = shutil.get_terminal_size((100, 24)).columns - 1
        self.stream.write(CLEAR_LINE + self.line()[:width])
        self.stream.flush()

    def _clear(self) -> None:
        if self.shown:
            self.stream.write(CLEAR_LINE)
            self.stream.flush()
