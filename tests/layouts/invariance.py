"""Layout invariance: every document of ../shared/gold-real and every seed, rendered in each template
of tests/layouts/render.py, extracted and scored against its gold with ../shared/eval/score.py.

    .venv/bin/python -m tests.layouts.invariance [FOLDER]     # prints the per-template table

The test (tests/test_layout_invariance.py) asserts that every rendering scores within TOLERANCE of
the best rendering of the same document.
"""

from __future__ import annotations

import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests.layouts.render import LAYOUTS, render
from tests.layouts.scoring import field_scores, scorer
from tests.layouts.source import Content, seed_documents, source_documents

TOLERANCE = 0.02
WORKERS = 2  # the machine has two cores


@dataclass(frozen=True)
class Rendering:
    stem: str
    layout: str
    figures: dict[str, float]  # score.py's figures for the document: field F1s, meta, score
    prediction: dict

    @property
    def score(self) -> float:
        return self.figures["score"]


def documents() -> list[Content]:
    return seed_documents() + source_documents()


def _render_and_extract(job: tuple[Content, str, Path]) -> Rendering:
    from pipeline.extract import extract_file

    content, layout, folder = job
    path = render(content, layout, folder)
    prediction = extract_file(path).model_dump(mode="json")
    return Rendering(content.stem, layout, field_scores(content.gold, prediction), prediction)


def measure(folder: Path, workers: int = WORKERS) -> tuple[list[Content], list[Rendering]]:
    contents = documents()
    jobs = [(content, layout, folder) for content in contents for layout in LAYOUTS]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return contents, list(pool.map(_render_and_extract, jobs))


def shortfalls(results: list[Rendering], tolerance: float = TOLERANCE) -> list[str]:
    """Every rendering that scores more than ``tolerance`` below the best of its document, with
    the fields it loses against that best rendering."""
    out = []
    for stem in dict.fromkeys(r.stem for r in results):
        mine = [r for r in results if r.stem == stem]
        best = max(mine, key=lambda r: r.score)
        for r in mine:
            if r.score < best.score - tolerance:
                lost = ", ".join(f"{f} {r.figures.get(f, 0):.2f} < {v:.2f}" for f, v in best.figures.items()
                                 if f != "score" and r.figures.get(f, 0) < v - 1e-9)
                out.append(f"{stem} {r.layout}: {r.score:.3f} against {best.layout} {best.score:.3f} ({lost})")
    return out


def table(contents: list[Content], results: list[Rendering]) -> str:
    """The score of every document in every template, then each template's figures over all
    documents as score.py sums a set."""
    layouts = list(LAYOUTS)
    by = {(r.stem, r.layout): r for r in results}
    lines = [f"{'document':<52}" + "".join(f"{name:>13}" for name in layouts) + f"{'spread':>9}"]
    for content in contents:
        scores = [by[(content.stem, layout)].score for layout in layouts]
        lines.append(f"{content.stem:<52}" + "".join(f"{s:>13.3f}" for s in scores)
                     + f"{max(scores) - min(scores):>9.3f}")
    fields = [*scorer().FIELDS_F1, "meta"]
    lines += ["", f"{'per template, all documents':<30}" + "".join(f"{f:>14}" for f in [*fields, "score"])]
    for layout in layouts:
        figures = _summed(contents, [by[(c.stem, layout)] for c in contents])
        lines.append(f"{layout:<30}" + "".join(f"{figures[f]:>14.3f}" if f in figures else f"{'-':>14}"
                                               for f in [*fields, "score"]))
    return "\n".join(lines)


def _summed(contents: list[Content], renderings: list[Rendering]) -> dict[str, float]:
    import json

    score = scorer()
    tallies = score.new_tallies()
    for content, rendering in zip(contents, renderings, strict=True):
        score.score_doc(json.loads(content.gold.read_text(encoding="utf-8")), rendering.prediction, tallies)
    figures = {f: tallies[f].f1()[2] for f in score.FIELDS_F1 if tallies[f].tp + tallies[f].fp + tallies[f].fn}
    figures["meta"] = tallies["meta"].value()
    figures["score"] = sum(figures.values()) / len(figures)
    return figures


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="layouts-"))
    folder.mkdir(parents=True, exist_ok=True)
    contents, results = measure(folder)
    print(table(contents, results))
    print("\nmore than", TOLERANCE, "below the best rendering of the document:")
    print("\n".join(shortfalls(results)) or "none")
    print(f"\nrenderings in {folder}")


if __name__ == "__main__":
    main()
