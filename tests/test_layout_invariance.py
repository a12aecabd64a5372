"""The same content gives the same record whatever the template: every gold-real document and every
seed, rendered in four templates (tests/layouts/render.py), scores within 0.02 of its best
rendering."""

from pathlib import Path

from tests.layouts.invariance import TOLERANCE, measure, shortfalls, table


def test_every_rendering_scores_within_tolerance_of_the_best_rendering_of_its_document(tmp_path: Path) -> None:
    contents, results = measure(tmp_path)
    assert len(results) == 4 * len(contents) and len(contents) >= 18
    print("\n" + table(contents, results))
    failing = shortfalls(results, TOLERANCE)
    assert not failing, "layout changes the record:\n" + "\n".join(failing)
