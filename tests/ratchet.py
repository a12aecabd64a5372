"""The extraction ratchet: a floor per gold set and field, kept in tests/score_floors.json.

``tests/test_gold.py`` scores every set with ../shared/eval/score.py and fails when a figure is
below its floor (a regression) or more than ``SLACK`` above it (a gain nobody locked in).
Raise the floors after a gain with

    .venv/bin/python -m tests.ratchet            # measure every set, raise floors, never lower

Floors are never lowered by this module; a set whose documents are not beside the repository
is left as it is.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
FLOORS = Path(__file__).resolve().parent / "score_floors.json"
SLACK = 0.005  # a figure this far above its floor must be locked in with `python -m tests.ratchet`


@dataclass(frozen=True)
class GoldSet:
    name: str
    gold: Path
    docs: Path


GOLD_SETS = (
    GoldSet("samples", SHARED / "gold", ROOT / "samples"),
    GoldSet("gold-real", SHARED / "gold-real", SHARED / "corpus" / "real"),
    GoldSet("corpus", ROOT / "corpus" / "gold", ROOT / "corpus" / "files"),
    GoldSet("corpus-shared", ROOT / "corpus" / "gold-shared", SHARED / "corpus" / "real"),
)

FIGURE = re.compile(r"^(\w+)\s+(?:P [\d.]+\s+R [\d.]+\s+F1|accuracy)\s+([\d.]+)", re.MULTILINE)


def available(gold_set: GoldSet) -> bool:
    return SCORER.exists() and gold_set.gold.is_dir() and gold_set.docs.is_dir()


def documents_of(gold_set: GoldSet) -> list[Path]:
    stems = [g.stem for g in gold_set.gold.glob("*.json")]
    return sorted(p for p in gold_set.docs.iterdir()
                  if p.suffix.lower() in (".pdf", ".docx") and any(p.name.startswith(s) for s in stems))


def predict(documents: list[Path], into: Path) -> None:
    """Each document's record as `protokoll extract --format json` prints it, written once, in one
    process (the scorer then reads them back instead of starting Python per file)."""
    from pipeline.cli import record_json
    from pipeline.extract import extract_file

    for path in documents:
        (into / f"{path.name}.json").write_text(record_json(extract_file(path)), encoding="utf-8")


def measure(gold_set: GoldSet) -> tuple[dict[str, float], str]:
    """The set's figures (every field's F1 or accuracy, and `score`) and the scorer's output."""
    with tempfile.TemporaryDirectory(prefix="protokoll-score-") as tmp:
        predict(documents_of(gold_set), Path(tmp))
        cat = f"{sys.executable} -c \"import sys, pathlib; " \
              f"sys.stdout.write(pathlib.Path(sys.argv[1], pathlib.Path(sys.argv[2]).name + '.json').read_text())\""
        result = subprocess.run(
            [sys.executable, str(SCORER), "--gold", str(gold_set.gold), "--docs", str(gold_set.docs),
             "--cmd", f"{cat} {tmp} {{file}}"],
            capture_output=True, text=True, timeout=900, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"score.py failed on {gold_set.name}: {result.stderr}")
    figures = {m.group(1): float(m.group(2)) for m in FIGURE.finditer(result.stdout)}
    figures["score"] = float(result.stdout.strip().splitlines()[-1].split()[-1])
    if "failed documents: 0" not in result.stdout:
        figures["score"] = -1.0  # a document the extractor failed on is a regression whatever the mean
    return figures, result.stdout


def read_floors() -> dict[str, dict[str, float]]:
    return json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}


def raised(floors: dict[str, float], figures: dict[str, float]) -> dict[str, float]:
    """The floors after a measurement: each the higher of the two, none lowered, none dropped."""
    out = dict(floors)
    for name, value in figures.items():
        out[name] = round(max(value, floors.get(name, 0.0)), 3)
    return dict(sorted(out.items()))


def main() -> None:
    floors = read_floors()
    for gold_set in GOLD_SETS:
        if not available(gold_set):
            print(f"{gold_set.name}: not beside the repository, floors kept")
            continue
        figures, output = measure(gold_set)
        print(f"== {gold_set.name}\n{output}")
        new = raised(floors.get(gold_set.name, {}), figures)
        for name, value in new.items():
            old = floors.get(gold_set.name, {}).get(name)
            if old != value:
                print(f"  {name}: {old} -> {value}")
        floors[gold_set.name] = new
    FLOORS.write_text(json.dumps(floors, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
