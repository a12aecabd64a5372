"""A 2 000-page PDF: time and peak memory to extract it, next to one sample's.

    python bench/large_pdf_bench.py [--pages 2000]

The sample PDFs' pages are joined (pypdfium2) into one PDF of ``--pages`` pages in a temporary
folder; it and the largest sample are each extracted by ``protokoll extract FILE --format json``
in a subprocess of its own, whose wall time and peak resident memory (getrusage of the child)
are reported, with the large file's as a ratio to the sample's. Memory that grows with the page
count would show here: pdfplumber keeps every page it has read unless each is closed.
Prints a table; writes bench/results/large_pdf.json.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import sample_pdfs, write_results  # noqa: E402

PROTOKOLL = Path(sys.executable).parent / "protokoll"


def join_pages(sources: list[Path], pages: int, target: Path) -> int:
    """The sources' pages, in turn and again, into one PDF of ``pages`` pages."""
    joined = pdfium.PdfDocument.new()
    opened = [pdfium.PdfDocument(str(path)) for path in sources]
    while len(joined) < pages:
        for source in opened:
            take = min(len(source), pages - len(joined))
            if take <= 0:
                break
            joined.import_pages(source, list(range(take)))
    joined.save(str(target))
    count = len(joined)
    joined.close()
    for source in opened:
        source.close()
    return count


def extract_in_child(path: Path) -> dict[str, float]:
    """Wall seconds, peak RSS (MB) and output size of ``protokoll extract`` on one file, in a fresh process.

    RUSAGE_CHILDREN's ru_maxrss is the largest of all waited-for children so far, so each
    measurement runs from a fresh grandchild whose own RUSAGE_CHILDREN holds it alone."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the measuring child: runs protokoll, reports its own children's peak
        os.close(reader)
        started = time.perf_counter()
        done = subprocess.run([str(PROTOKOLL), "extract", str(path), "--format", "json"], capture_output=True)
        seconds = time.perf_counter() - started
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        os.write(writer, f"{done.returncode} {seconds} {peak_kb} {len(done.stdout)}".encode())
        os._exit(0)
    os.close(writer)
    with os.fdopen(reader) as pipe:
        code, seconds, peak_kb, size = pipe.read().split()
    os.waitpid(pid, 0)
    if code != "0":
        sys.exit(f"protokoll extract {path} failed (exit status {code})")
    return {"seconds": float(seconds), "peak_rss_mb": int(peak_kb) / 1024, "json_bytes": int(size)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    samples = sample_pdfs()
    if not samples:
        sys.exit("no sample PDFs in samples/")
    sample = max(samples, key=lambda p: (len(pdfium.PdfDocument(str(p))), p.name))
    sample_pages = len(pdfium.PdfDocument(str(sample)))
    with tempfile.TemporaryDirectory(prefix="protokoll-large-") as folder:
        large = Path(folder) / f"joined_{args.pages}.pdf"
        pages = join_pages(samples, args.pages, large)
        print(f"joined {pages} pages ({large.stat().st_size / 1e6:.1f} MB); extracting ...", file=sys.stderr)
        one = extract_in_child(sample)
        big = extract_in_child(large)
    rows = {"sample": {"file": sample.name, "pages": sample_pages, **one},
            "large": {"file": large.name, "pages": pages, **big}}
    for row in rows.values():
        row["pages_per_second"] = row["pages"] / row["seconds"]  # type: ignore[operator]
    ratios = {"seconds": big["seconds"] / one["seconds"], "peak_rss": big["peak_rss_mb"] / one["peak_rss_mb"],
              "pages_per_second": rows["large"]["pages_per_second"] / rows["sample"]["pages_per_second"]}
    print(f"\n{'':<8}{'pages':>7}{'seconds':>10}{'pages/s':>9}{'peak MB':>9}")
    for name, row in rows.items():
        print(f"{name:<8}{row['pages']:>7}{row['seconds']:>10.1f}{row['pages_per_second']:>9.1f}"
              f"{row['peak_rss_mb']:>9.0f}")
    print(f"large vs sample: {ratios['seconds']:.0f}× the time for {pages / sample_pages:.0f}× the pages, "
          f"pages/s {ratios['pages_per_second']:.2f}×, peak memory {ratios['peak_rss']:.2f}×")
    write_results("large_pdf", {"runs": rows, "ratios": ratios})


if __name__ == "__main__":
    main()
