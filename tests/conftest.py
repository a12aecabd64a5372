"""Shared fixtures: the rendered samples, the real corpus beside the repository, and a way
to build layout lines from plain Swedish text for the unit tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors.paragraphs import Paragraph, to_paragraphs
from pipeline.store.pg_server import PostgresUnavailable, ThrowawayPostgres
from schemas.layout import Line, Segment

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "real"


def make_line(text: str, page: int = 1, bold: bool = False, top: float | None = None,
              x0: float = 50.0, size: float = 11.0, **kwargs: object) -> Line:
    """A line as a reader would give it; tabs in the text separate column segments."""
    segments = []
    x = x0
    for part in text.split("\t"):
        segments.append(Segment(text=part, x0=x, x1=x + 6 * len(part), bold=bold, size=size))
        x += 6 * len(part) + 40
    return Line(segments=segments, page=page, top=top or 0.0, bottom=(top or 0.0) + size, **kwargs)


def make_lines(text: str, page: int = 1) -> list[Line]:
    """One line per non-empty line of text; a line in **stars** is bold."""
    lines = []
    for n, raw in enumerate(t.strip() for t in text.strip().splitlines() if t.strip()):
        bold = raw.startswith("**") and raw.endswith("**")
        lines.append(make_line(raw.strip("*"), page=page, bold=bold, top=20.0 * n))
    return lines


def paragraphs(text: str) -> list[Paragraph]:
    """Each line of text a paragraph, as a DOCX gives them."""
    return to_paragraphs(make_lines(text), "paragraphs")


@pytest.fixture(scope="session")
def sample_files() -> list[Path]:
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".pdf", ".docx"))
    assert len(files) >= 15, "samples/ must hold the rendered seeds"
    return files


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[ThrowawayPostgres]:
    """A PostgreSQL server on a loopback port for this test session; a missing server fails the
    tests that need it (it is not skipped)."""
    try:
        server = ThrowawayPostgres()
        server.start()
    except PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL store tests need a server: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()
