"""How fast commands answer: `protokoll --help`, `search`, `person` and `export` as whole processes.

    python bench/startup_bench.py [--runs 9] [--baseline REV] [--db STORE]

Each command is started as a new process (``python -m pipeline.cli ...`` from the source tree
measured), ``--runs`` times, and timed from start to exit; its median is given in seconds, as
a ratio to the floor (``python -c pass``, the same interpreter, measured in the same rounds)
and in seconds over that floor, which is what the command's own imports and work cost. The
runs go round-robin (floor, each command, each tree) so that a change in the machine's load
falls on all of them alike.

``--baseline REV`` measures the code at git revision REV too (a temporary worktree, the same
interpreter and store) and gives each command's figures beside it. The store is the samples'
(every PDF and DOCX in samples/ loaded once into a temporary SQLite store and its index)
unless ``--db`` names one; the search, person and export are ones that find something there.
The commands run with their bytecode cached, as an installed package's is (PYTHONDONTWRITEBYTECODE
is unset for them), after one unmeasured round.

Prints a table; writes bench/results/startup.json (``--output`` names another).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import write_results  # noqa: E402

GOALS = {"--help": 0.3, "search": 0.5}  # seconds over the floor (issue 17)
SEARCH_WORDS = "rehabkoordinator"
PERSON = "Shpetim Pirraku"


def commands(db: Path, out: Path) -> dict[str, list[str]]:
    """The commands measured, by name: each finds something in the samples' store."""
    return {
        "--help": ["--help"],
        "search": ["search", SEARCH_WORDS, "--db", str(db)],
        "person": ["person", PERSON, "--db", str(db)],
        "export": ["export", "decisions", "--db", str(db), "-o", str(out)],
    }


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    """Seconds from start to exit of one process; a failing command stops the bench."""
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} (in {cwd}) exited {done.returncode}: {done.stderr.strip()}")
    return seconds


@contextlib.contextmanager
def worktree(rev: str) -> Iterator[Path]:
    """The tree at ``rev`` in a temporary folder, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as folder:
        path = Path(folder) / "tree"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(path), rev], cwd=ROOT, check=True)
        try:
            yield path
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, check=False)


def samples_store(folder: Path, env: dict[str, str]) -> Path:
    """The samples loaded into a new SQLite store (and its index) in ``folder``."""
    db = folder / "samples.db"
    print("loading samples/ into a temporary store ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "pipeline.cli", "load", str(ROOT / "samples"), "--db", str(db)],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return db


def measure(trees: dict[str, Path], db: Path, runs: int, env: dict[str, str], scratch: Path) -> dict[str, object]:
    """Median seconds per tree and command, and of the floor, over ``runs`` round-robin rounds."""
    floor: list[float] = []
    times: dict[str, dict[str, list[float]]] = {name: {} for name in trees}
    for tree_name, tree in trees.items():  # one unmeasured round: files in the page cache, the index built
        for argv in commands(db, scratch / f"{tree_name}.csv").values():
            timed([sys.executable, "-m", "pipeline.cli", *argv], tree, env)
    for _ in range(runs):
        floor.append(timed([sys.executable, "-c", "pass"], ROOT, env))
        for tree_name, tree in trees.items():
            for name, argv in commands(db, scratch / f"{tree_name}.csv").items():
                seconds = timed([sys.executable, "-m", "pipeline.cli", *argv], tree, env)
                times[tree_name].setdefault(name, []).append(seconds)
    floor_median = statistics.median(floor)
    return {
        "floor_seconds": round(floor_median, 4),
        "trees": {tree_name: {name: figures(samples, floor_median) for name, samples in by_command.items()}
                  for tree_name, by_command in times.items()},
    }


def figures(samples: list[float], floor: float) -> dict[str, float]:
    median = statistics.median(samples)
    return {"median_seconds": round(median, 4), "ratio_to_floor": round(median / floor, 1),
            "over_floor_seconds": round(median - floor, 3), "runs": len(samples)}


def print_table(results: dict[str, object]) -> None:
    floor = results["floor_seconds"]
    trees: dict[str, dict[str, dict[str, float]]] = results["trees"]  # type: ignore[assignment]
    print(f"floor (python -c pass): {floor:.3f} s, median of {results['runs']} runs")
    columns = "".join(f"{tree + ' s':>14}{'×floor':>8}{'+s':>8}" for tree in trees)
    print(f"{'command':<10}{columns}{'goal +s':>9}")
    for name in next(iter(trees.values())):
        row = f"{name:<10}"
        for by_command in trees.values():
            f = by_command[name]
            row += f"{f['median_seconds']:>14.3f}{f['ratio_to_floor']:>8.1f}{f['over_floor_seconds']:>8.3f}"
        goal = GOALS.get(name)
        print(row + (f"{'≤ ' + format(goal, '.1f'):>9}" if goal else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each command (median taken)")
    parser.add_argument("--baseline", metavar="REV", help="also measure the code at this git revision")
    parser.add_argument("--db", type=Path, help="a store to query (default: the samples loaded into a new one)")
    parser.add_argument("--output", default="startup", help="results name under bench/results/")
    args = parser.parse_args()
    with contextlib.ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="startup-bench-")))
        env = {**os.environ, "PROTOKOLL_QUARANTINE": str(scratch / "quarantine")}
        env.pop("PROTOKOLL_INDEX", None)  # the index beside the store measured
        # As an installed protokoll runs: its modules' bytecode cached (the unmeasured round writes
        # it), not compiled from source at every start as PYTHONDONTWRITEBYTECODE=1 would have it.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        db = args.db.resolve() if args.db else samples_store(scratch, env)
        trees = {"this": ROOT}
        if args.baseline:
            trees = {"baseline": stack.enter_context(worktree(args.baseline)), "this": ROOT}
        measured = {k: " ".join(v) for k, v in commands(Path("STORE"), Path("OUT.csv")).items()}
        results: dict[str, object] = {"runs": args.runs, "baseline": args.baseline, "goals_over_floor": GOALS,
                                      "commands": measured, **measure(trees, db, args.runs, env, scratch)}
    print_table(results)
    write_results(args.output, results)


if __name__ == "__main__":
    main()
