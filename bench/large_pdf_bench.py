"""A bound volume of minutes: extract a PDF of N pages joined from the samples' pages, in a
fresh process, and report time, pages a second and peak memory against one sample.

    .venv/bin/python bench/large_pdf_bench.py --pages 2000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.makefiles import joined_pdf  # noqa: E402

MEASURE = """
import resource, sys, time
from pathlib import Path
from pipeline.extract import extract_file
started = time.perf_counter()
record = extract_file(Path(sys.argv[1]))
print(record.pages, len(record.items), round(time.perf_counter() - started, 1),
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def measure(path: Path) -> tuple[int, int, float, int]:
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, cwd=ROOT,
                          check=True, env={"PROTOKOLL_OCR": "off", "PATH": "/usr/bin:/bin"})
    pages, items, seconds, peak = done.stdout.split()
    return int(pages), int(items), float(seconds), int(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    samples = sorted((ROOT / "samples").glob("*.pdf"))
    with tempfile.TemporaryDirectory() as folder:
        bound = joined_pdf(samples, args.pages, Path(folder) / "bound.pdf")
        one = measure(samples[0])
        many = measure(bound)
    print(f"one sample: {one[0]} pages, {one[2]} s, peak {one[3]} MB")
    print(f"bound volume: {many[0]} pages, {many[1]} items, {many[2]} s ({many[0] / many[2]:.1f} pages/s), "
          f"peak {many[3]} MB = {many[3] / one[3]:.2f}x one sample")


if __name__ == "__main__":
    main()
