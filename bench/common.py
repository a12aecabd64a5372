"""What every bench shares: the machine it ran on, the sample PDFs, and where results go."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def machine() -> dict[str, object]:
    """Cores, CPU model, memory and load: what a figure needs beside it to be read."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_gb = None
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": COMMIT,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


COMMIT = _commit()  # when the bench starts: the code it measures, whatever is committed while it runs


def sample_pdfs() -> list[Path]:
    """The rendered sample PDFs, in a fixed order."""
    return sorted((ROOT / "samples").glob("*.pdf"))


def pin_to_one_core() -> int | None:
    """Run this process (and its children) on one core, so 'per core' means one core; the core, if pinned."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    core = max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return core


def write_results(name: str, results: dict[str, object]) -> Path:
    """``bench/results/NAME.json``: the latest run, with the machine it ran on."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **results}, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"results written to {path.relative_to(ROOT)}", file=sys.stderr)
    return path
