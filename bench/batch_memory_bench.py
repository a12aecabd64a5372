"""Peak memory of one `protokoll ingest` run against the batch size: it must not grow with the
number of documents (each is extracted in a child process of its own, and only its outcome
comes back).

    .venv/bin/python bench/batch_memory_bench.py [--files 100 1000] [--workers 2] [--docx-only]

Each batch is the samples replicated with bytes of their own (bench/flow_bench.py's inbox),
ingested by the installed command into a fresh SQLite store. Peak memory is the largest
resident set of the run's processes (getrusage of the waited-for children: the command and,
through it, its extraction children). Prints a table; writes bench/results/batch_memory.json.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import write_results  # noqa: E402
from bench.flow_bench import make_inbox  # noqa: E402

PROTOKOLL = Path(sys.executable).parent / "protokoll"


def ingest_once(files: int, workers: int, docx_only: bool) -> dict[str, float]:
    """Ingest a fresh inbox of ``files`` documents in a child process; its time and peak RSS."""
    with tempfile.TemporaryDirectory(prefix="protokoll-batch-") as folder:
        inbox = make_inbox(Path(folder) / "inkorg", files, docx_only=docx_only)
        env = {**os.environ, "PREFECT_HOME": str(Path(folder) / "prefect"), "PROTOKOLL_OCR": "off"}
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        done = subprocess.run([str(PROTOKOLL), "ingest", str(inbox), "--db", str(Path(folder) / "arkiv.db"),
                               "--workers", str(workers)], capture_output=True, text=True, env=env)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"ingest failed: {done.stderr[-500:]}")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        if peak <= before:  # an earlier, larger batch set the high-water mark; say so rather than guess
            print(f"note: the {files}-file run did not exceed an earlier run's peak", file=sys.stderr)
        return {"files": files, "seconds": round(seconds, 1), "files_per_s": round(files / seconds, 2),
                "peak_rss_mb": round(peak / 1024, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--docx-only", action="store_true", help="DOCX samples only (a quicker batch)")
    args = parser.parse_args()
    runs = [ingest_once(n, args.workers, args.docx_only) for n in sorted(args.files)]
    smallest = runs[0]
    print(f"{'files':>6} {'seconds':>8} {'files/s':>8} {'peak RSS':>10} {'vs smallest':>12}")
    for run in runs:
        ratio = run["peak_rss_mb"] / smallest["peak_rss_mb"]
        run["peak_ratio_to_smallest"] = round(ratio, 2)
        print(f"{run['files']:>6} {run['seconds']:>8} {run['files_per_s']:>8} {run['peak_rss_mb']:>8} MB"
              f" {ratio:>11.2f}x")
    write_results("batch_memory", {"workers": args.workers, "docx_only": args.docx_only, "runs": runs})


if __name__ == "__main__":
    main()
