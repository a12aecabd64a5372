"""Extraction throughput on one core: the whole pipeline next to pdfplumber's text and pdftotext.

    python bench/extract_bench.py [--pages 500] [--profile]

The sample PDFs (samples/*.pdf) are processed again and again until at least ``--pages`` pages
have gone through, in one process pinned to one core. Each round times the same file three
ways, one right after the other, so the ratios hold even on a busy machine:

  extract_text  pdfplumber.open, page.extract_text() and page.close() per page: the floor,
                since the pipeline reads every page through pdfplumber too
  pdftotext     poppler's pdftotext in a subprocess: a C reference
  pipeline      pipeline.extract.extract_file: hash, read, clean, segment, fields, record

The one-time start (imports, the spaCy pipeline, the first file) is measured apart and left
out of the per-page figures. ``--profile`` prints where the pipeline spends its time.
The pipeline sends a page to OCR only when its text layer is missing or garbled: the pages it
sent (and the seconds Tesseract took) are counted and listed, with whether Tesseract is
installed, since without it no page is OCR'd and the ratio says nothing of that decision.
Prints a table; writes bench/results/extract.json.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import pstats
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import pin_to_one_core, sample_pdfs, write_results  # noqa: E402

CEILING = 1.2  # the pipeline may cost at most this many times extract_text per page (issue 17)


def plumber_text(path: Path) -> int:
    """Every page's extract_text(), as cheaply as pdfplumber allows; the characters read."""
    import pdfplumber

    chars = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars += len(page.extract_text() or "")
            page.close()
    return chars


def pdftotext(path: Path) -> int:
    done = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    return len(done.stdout)


def page_count(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def start_up(first: Path) -> tuple[float, float]:
    """Seconds to import the pipeline, and to extract the first file (spaCy's pipeline is built then)."""
    started = time.perf_counter()
    from pipeline.extract import extract_file

    imported = time.perf_counter() - started
    return imported, timed(lambda: extract_file(first))


class Pipeline:
    """extract_file, counting the pages it sent to OCR and the seconds OCR took."""

    def __init__(self) -> None:
        self.ocr_pages: dict[str, int] = {}  # "file p. N" -> times sent
        self.ocr_seconds = 0.0

    def __call__(self, path: Path) -> object:
        from pipeline.extract import extract_file

        record = extract_file(path)
        provenance = record.provenance
        if provenance is not None:
            for page in provenance.pages:
                if page.source == "ocr":
                    key = f"{path.name} p. {page.page} ({page.note})"
                    self.ocr_pages[key] = self.ocr_pages.get(key, 0) + 1
            self.ocr_seconds += provenance.ocr_seconds or 0.0
        return record


def run(files: list[Path], target_pages: int, profile: cProfile.Profile | None) -> dict[str, object]:
    from extractors.readers.ocr import ocr_unavailable

    pages = {path: page_count(path) for path in files}
    pipeline = Pipeline()
    methods: dict[str, Callable[[Path], object]] = {"extract_text": plumber_text, "pipeline": pipeline}
    if shutil.which("pdftotext"):
        methods["pdftotext"] = pdftotext
    seconds = dict.fromkeys(methods, 0.0)
    per_file: dict[str, dict[str, float]] = {path.name: dict.fromkeys(methods, 0.0) for path in files}
    done_pages = rounds = 0
    for path in itertools.cycle(files):
        if done_pages >= target_pages:
            break
        # Rotate the order, so no method always runs on a warm cache after another.
        order = list(methods)[rounds % len(methods):] + list(methods)[:rounds % len(methods)]
        for name in order:
            if name == "pipeline" and profile is not None:
                profile.enable()
            spent = timed(lambda name=name, path=path: methods[name](path))
            seconds[name] += spent
            per_file[path.name][name] += spent
            if name == "pipeline" and profile is not None:
                profile.disable()
        done_pages += pages[path]
        rounds += 1
    per_page = {name: s / done_pages * 1000 for name, s in seconds.items()}
    file_ratios = {name: spent["pipeline"] / spent["extract_text"] for name, spent in per_file.items()
                   if spent["extract_text"]}
    return {"pipeline_vs_extract_text_per_file": file_ratios,
            "ocr": {"unavailable": ocr_unavailable(), "pages_sent": sum(pipeline.ocr_pages.values()),
                    "seconds": round(pipeline.ocr_seconds, 2), "pages": pipeline.ocr_pages},
            "pages": done_pages, "files": rounds, "seconds": seconds, "ms_per_page": per_page,
            "pages_per_second": {name: done_pages / s for name, s in seconds.items()},
            "ratio_to_extract_text": {name: ms / per_page["extract_text"] for name, ms in per_page.items()}}


def print_table(result: dict[str, object], imported: float, first: float) -> None:
    per_page: dict[str, float] = result["ms_per_page"]  # type: ignore[assignment]
    rate: dict[str, float] = result["pages_per_second"]  # type: ignore[assignment]
    ratio: dict[str, float] = result["ratio_to_extract_text"]  # type: ignore[assignment]
    print(f"\n{result['pages']} pages ({result['files']} files) on one core")
    print(f"{'method':<14}{'ms/page':>10}{'pages/s':>10}{'vs extract_text':>17}")
    for name in ("pipeline", "extract_text", "pdftotext"):
        if name in per_page:
            print(f"{name:<14}{per_page[name]:>10.1f}{rate[name]:>10.1f}{ratio[name]:>16.2f}×")
    files: dict[str, float] = result["pipeline_vs_extract_text_per_file"]  # type: ignore[assignment]
    print("pipeline/extract_text per file: " + ", ".join(f"{n} {r:.2f}×" for n, r in sorted(files.items())))
    if "pdftotext" in per_page:
        print(f"pipeline vs pdftotext: {per_page['pipeline'] / per_page['pdftotext']:.1f}×")
    ocr: dict[str, object] = result["ocr"]  # type: ignore[assignment]
    if ocr["unavailable"]:
        print(f"OCR: none possible here ({ocr['unavailable']}), so this ratio says nothing of OCR")
    else:
        print(f"pages sent to OCR: {ocr['pages_sent']} of {result['pages']} ({ocr['seconds']:.1f} s in OCR)"
              + "".join(f"\n  {page} × {times}" for page, times in ocr["pages"].items()))  # type: ignore[union-attr]
    print(f"one-time start: import {imported:.2f} s, first file (spaCy pipeline built) {first:.2f} s")
    verdict = "within" if ratio["pipeline"] <= CEILING else "OVER"
    print(f"pipeline/extract_text {ratio['pipeline']:.2f}× — {verdict} the {CEILING}× ceiling")


def print_profile(profile: cProfile.Profile, lines: int = 30) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(lines)
    stats.sort_stats("cumulative").print_stats(lines)
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500, help="pages to process at least")
    parser.add_argument("--profile", action="store_true", help="print the pipeline's profile (slows it down)")
    args = parser.parse_args()
    files = sample_pdfs()
    if not files:
        sys.exit("no sample PDFs in samples/")
    core = pin_to_one_core()
    print(f"pinned to core {core}" if core is not None else "not pinned (no sched_setaffinity)", file=sys.stderr)
    imported, first = start_up(files[0])
    profile = cProfile.Profile() if args.profile else None
    result = run(files, args.pages, profile)
    print_table(result, imported, first)
    if profile is not None:
        print_profile(profile)
    else:  # a profiled run's figures are not the pipeline's
        write_results("extract", {**result, "start_up": {"import_seconds": imported, "first_file_seconds": first},
                                  "ceiling": CEILING})


if __name__ == "__main__":
    main()
