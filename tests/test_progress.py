"""The batch progress bar (pipeline/cli/progress.py): what it shows, and that it draws on a terminal only."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.cli.progress import BatchProgress, duration


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_time_left_follows_the_pages_not_the_files() -> None:
    files = [Path("kort.pdf"), Path("lång.pdf")]
    pages = {files[0]: 2, files[1]: 6}
    clock = Clock()
    progress = BatchProgress(files, pages.__getitem__, stream=Terminal(), clock=clock)
    assert progress.line() == "load [" + "." * 24 + "]  0/2 files  0/8 pages"
    clock.now += 10  # two pages of eight in ten seconds: thirty seconds for the other six
    progress.advance(files[0])
    assert progress.line() == "load [" + "#" * 6 + "." * 18 + "]  1/2 files  2/8 pages  0:30 left  kort.pdf"
    clock.now += 50
    progress.advance(files[1])
    assert progress.line().endswith("2/2 files  8/8 pages  done in 1:00  lång.pdf")


def test_lines_go_above_the_bar_and_nothing_is_drawn_without_a_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    files = [Path("a.docx")]
    terminal = Terminal()
    progress = BatchProgress(files, lambda _: 3, stream=terminal)
    progress.echo("loaded    a.docx")
    progress.close()
    assert capsys.readouterr().out == "loaded    a.docx\n"
    assert terminal.getvalue().startswith("\r\x1b[Kload [") and terminal.getvalue().endswith("\r\x1b[K")
    piped = io.StringIO()
    counted: list[Path] = []
    quiet = BatchProgress(files, lambda p: counted.append(p) or 1, stream=piped)
    quiet.advance(files[0])
    quiet.close()
    assert piped.getvalue() == "" and counted == []  # no bar, and no page counting for it


def test_durations_read_as_clock_times() -> None:
    assert [duration(s) for s in (0, 7.4, 725, 3725)] == ["0:00", "0:07", "12:05", "1:02:05"]
