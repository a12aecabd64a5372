"""Scores of an extraction against its gold, with ../shared/eval/score.py's own functions."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

from tests.layouts.source import SHARED, load_module


def scorer() -> ModuleType:
    return load_module("shared_eval_score", SHARED / "eval" / "score.py")


def field_scores(gold_path: Path, prediction: dict) -> dict[str, float]:
    """The figures score.py prints for one document: F1 of each field it has, meta accuracy, and
    the score (their mean)."""
    score = scorer()
    tallies = score.new_tallies()
    score.score_doc(json.loads(gold_path.read_text(encoding="utf-8")), prediction, tallies)
    figures = {f: tallies[f].f1()[2] for f in score.FIELDS_F1 if tallies[f].tp + tallies[f].fp + tallies[f].fn}
    figures["meta"] = tallies["meta"].value()
    figures["score"] = sum(figures.values()) / len(figures)
    return figures
