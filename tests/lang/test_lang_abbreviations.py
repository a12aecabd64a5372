"""extractors/lang/sv/abbreviations.py: abbreviations whose full stop ends no sentence."""

from __future__ import annotations

import pytest

from extractors.items import find_item_starts
from extractors.lang.sv.abbreviations import NON_FINAL_ABBREVIATIONS
from extractors.vocabulary import ends_in_abbreviation
from tests.conftest import make_lines


@pytest.mark.parametrize("abbreviation", NON_FINAL_ABBREVIATIONS)
def test_an_abbreviation_does_not_end_an_items_first_sentence(abbreviation: str) -> None:
    assert ends_in_abbreviation(f"Mötet {abbreviation}.")
    lines = make_lines(f"§ 4 Val av kassör {abbreviation}. Lena Ek valdes.\n§ 5 Budget\nText.")
    assert find_item_starts(lines, "protokoll")[0].title == f"Val av kassör {abbreviation}. Lena Ek valdes"


def test_a_full_stop_after_a_word_ends_the_first_sentence() -> None:
    assert not ends_in_abbreviation("Val av kassör.")
    lines = make_lines("§ 4 Val av kassör. Lena Ek valdes.\n§ 5 Budget\nText.")
    assert find_item_starts(lines, "protokoll")[0].title == "Val av kassör"
