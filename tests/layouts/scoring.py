"""Scores of an extraction against its gold, with ../shared/eval/score.py's own functions."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from tests.layouts.source import SHARED


def scorer() -> ModuleType:
    name = "shared_eval_score"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SHARED / "eval" / "score.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


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
