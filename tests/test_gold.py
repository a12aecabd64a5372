"""The extraction ratchet (tests/ratchet.py): every gold set scored as ../shared/eval/score.py
scores it, each figure held at its floor in tests/score_floors.json."""

from __future__ import annotations

import pytest

from tests.ratchet import GOLD_SETS, SLACK, GoldSet, available, measure, raised, read_floors


@pytest.mark.parametrize("gold_set", GOLD_SETS, ids=[s.name for s in GOLD_SETS])
def test_gold_scores_hold_their_floors(gold_set: GoldSet) -> None:
    floors = read_floors().get(gold_set.name)
    if not available(gold_set):
        pytest.skip(f"{gold_set.gold} or {gold_set.docs} is not beside the repository")
    assert floors, f"no floors for {gold_set.name}: run `python -m tests.ratchet`"
    figures, output = measure(gold_set)
    assert figures["score"] >= 0, f"a document failed:\n{output}"
    below = {name: (figures.get(name), floor) for name, floor in floors.items()
             if figures.get(name, -1.0) < floor - 1e-9}
    assert not below, f"below the floor (measured, floor): {below}\n{output}"
    above = {name: (value, floors.get(name)) for name, value in figures.items()
             if value > floors.get(name, 0.0) + SLACK}
    assert not above, f"risen past the floor, lock it in with `python -m tests.ratchet`: {above}\n{output}"


def test_floors_are_raised_never_lowered() -> None:
    assert raised({"score": 0.8, "items": 0.9}, {"score": 0.85, "items": 0.7}) == {"items": 0.9, "score": 0.85}
    assert raised({"meta": 0.5}, {}) == {"meta": 0.5}
