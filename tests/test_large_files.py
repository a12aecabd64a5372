"""A long PDF (a bound volume of minutes) is read without memory running away: pages are closed
as they are read, and only the Layout's lines grow with the page count."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SAMPLES
from tests.makefiles import joined_pdf

PAGES = 600
# Pages are closed as read, lines are slotted dataclasses (schemas/layout.py), and the word list
# for broken ligatures is loaded only for a document that shows them: measured 1.28x.
PEAK_RATIO_LIMIT = 1.5
MEASURE = """
import resource, sys
from pathlib import Path
from pipeline.extract import extract_file
record = extract_file(Path(sys.argv[1]))
print(record.pages, len(record.items), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_kb(path: Path) -> tuple[int, int, int]:
    """Pages, items and peak resident memory (KB) of extracting one file in a fresh process."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, cwd=ROOT,
                          timeout=900, env={"PROTOKOLL_OCR": "off", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    pages, items, peak = map(int, done.stdout.split())
    return pages, items, peak


def test_a_600_page_pdf_is_read_with_nearly_flat_memory(tmp_path: Path) -> None:
    samples = sorted(SAMPLES.glob("*.pdf"))
    bound = joined_pdf(samples, PAGES, tmp_path / "inbunden-årgång.pdf")
    one_pages, _, one_peak = peak_kb(samples[0])
    pages, items, peak = peak_kb(bound)
    assert pages == PAGES and one_pages < 20 and items > 100
    assert peak <= PEAK_RATIO_LIMIT * one_peak, f"{peak // 1024} MB for {PAGES} pages, {one_peak // 1024} MB for one"
