"""Throughput of the ingest flow: files/s and pages/s with 1 and 2 extraction processes, and
Prefect's own overhead per file (the flow against the same functions called without Prefect).

The inbox is the samples replicated (default 60 files) with unique bytes each (a comment after
a PDF's %%EOF, an archive comment in a DOCX), so that none is skipped as already stored. Every
measurement loads into a fresh SQLite store; the extraction forkserver and Prefect's temporary
server are started before the clock runs.

    .venv/bin/python bench/flow_bench.py [--files 60] [--workers 1 2]

Prints a table; writes bench/results/flow_bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="protokoll-bench-prefect-"))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from pipeline.extract.isolated import Limits, extract_isolated  # noqa: E402
from pipeline.ingest import conclude_run, discover, ingest_file, start_run  # noqa: E402
from pipeline.store import open_store  # noqa: E402

SAMPLES = ROOT / "samples"
RESULTS = ROOT / "bench" / "results"


def make_inbox(folder: Path, files: int, docx_only: bool = False) -> Path:
    """``files`` copies of the samples, each with bytes of its own."""
    kinds = (".docx",) if docx_only else (".pdf", ".docx")
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in kinds)
    folder.mkdir(parents=True)
    for number in range(files):
        source = samples[number % len(samples)]
        target = folder / f"{number:04d}_{source.name}"
        shutil.copy(source, target)
        if source.suffix == ".pdf":
            with target.open("ab") as handle:
                handle.write(f"\n%protokoll-bench {number}\n".encode())
        else:
            with zipfile.ZipFile(target, "a") as archive:
                archive.comment = f"protokoll-bench {number}".encode()
    return folder


def plain(inbox: Path, db: str, workers: int) -> dict[str, float]:
    """The flow's work without Prefect: the same functions on a pool of ``workers`` threads."""
    started = time.perf_counter()
    quarantine = Path(db).parent / "quarantine"
    with open_store(db) as store:
        run_id = start_run(store, "bench", [inbox])
        discovery = discover([inbox])

    def one(path: Path) -> object:
        with open_store(db) as own:
            return ingest_file(own, path, run_id, Limits(), quarantine, workers=workers)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(one, discovery.files))
    with open_store(db) as store:
        report = conclude_run(store, run_id, outcomes, discovery, time.perf_counter() - started)
    return {"seconds": time.perf_counter() - started, "new": report.new, "pages": report.pages,
            "failed": report.failed}


def with_prefect(inbox: Path, db: str, workers: int) -> dict[str, float]:
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows.ingest import ingest

    flow = ingest.with_options(task_runner=ThreadPoolTaskRunner(max_workers=2 * workers))
    started = time.perf_counter()
    report = flow(inbox=str(inbox), db=db, quarantine=str(Path(db).parent / "quarantine"), workers=workers)
    return {"seconds": time.perf_counter() - started, "new": report["new"], "pages": report["pages"],
            "failed": report["failed"]}


def task_overhead(files: int, workers: int) -> float:
    """Prefect's cost per file alone: a flow submitting one task per file, with the ingest task's
    options, whose body does nothing; milliseconds per task."""
    from prefect import flow, task
    from prefect.cache_policies import NO_CACHE
    from prefect.futures import as_completed
    from prefect.task_runners import ThreadPoolTaskRunner

    from flows.ingest import store_failed

    @task(name="noop-file", retries=2, retry_delay_seconds=[2, 10], retry_condition_fn=store_failed,
          cache_policy=NO_CACHE, task_run_name="noop {path}")
    def noop(path: str) -> str:
        return path

    @flow(name="noop-ingest", task_runner=ThreadPoolTaskRunner(max_workers=2 * workers))
    def submit_all(count: int) -> int:
        return len([f.result() for f in as_completed([noop.submit(str(n)) for n in range(count)])])

    submit_all(2)  # the flow's first run registers it
    started = time.perf_counter()
    submit_all(files)
    return 1000 * (time.perf_counter() - started) / files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    from prefect import flow
    from prefect.testing.utilities import prefect_test_harness

    work = Path(tempfile.mkdtemp(prefix="protokoll-flow-bench-"))
    try:
        inbox = make_inbox(work / "inbox", args.files)
        extract_isolated(SAMPLES / "000_0723f1c5f5b75f48__kommun.docx", Limits())  # start the forkserver
        rows = []
        with prefect_test_harness(server_startup_timeout=120):
            flow(lambda: None, name="warm-up")()  # Prefect's server and client up before the clock
            for workers in args.workers:
                for mode, run in (("plain", plain), ("prefect", with_prefect)):
                    db = str(work / f"{mode}-{workers}" / "store.db")
                    Path(db).parent.mkdir()
                    result = run(inbox, db, workers)
                    assert result["new"] == args.files and not result["failed"], result
                    rows.append({"mode": mode, "workers": workers, "files": args.files, **result,
                                 "files_per_s": args.files / result["seconds"],
                                 "pages_per_s": result["pages"] / result["seconds"]})
            noop_ms = {workers: task_overhead(args.files, workers) for workers in args.workers}
        for workers in args.workers:
            by_mode = {r["mode"]: r for r in rows if r["workers"] == workers}
            by_mode["prefect"]["difference_ms_per_file"] = 1000 * (
                by_mode["prefect"]["seconds"] - by_mode["plain"]["seconds"]) / args.files
            by_mode["prefect"]["noop_task_ms_per_file"] = noop_ms[workers]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{'mode':<8} {'workers':>7} {'files':>5} {'pages':>5} {'seconds':>8} {'files/s':>8} {'pages/s':>8} "
          f"{'vs plain ms/file':>16} {'no-op task ms/file':>18}")
    for r in rows:
        difference = f"{r['difference_ms_per_file']:.0f}" if "difference_ms_per_file" in r else ""
        noop = f"{r['noop_task_ms_per_file']:.0f}" if "noop_task_ms_per_file" in r else ""
        print(f"{r['mode']:<8} {r['workers']:>7} {r['files']:>5} {r['pages']:>5} {r['seconds']:>8.1f} "
              f"{r['files_per_s']:>8.2f} {r['pages_per_s']:>8.1f} {difference:>16} {noop:>18}")
    print(f"load average at the end: {' '.join(f'{v:.1f}' for v in os.getloadavg())} on {os.cpu_count()} cores")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "flow_bench.json").write_text(json.dumps({
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "load_average_at_end": os.getloadavg(), "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
