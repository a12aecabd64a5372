"""extractors/lang/sv/numbering.py: every sign, word and mark that numbers an item, each in use."""

from __future__ import annotations

import pytest

from extractors.items import find_item_starts, mark_readings
from extractors.lang.sv.numbering import (
    ITEM_NUMBER_WORDS,
    NOT_AN_ITEM_AFTER,
    POINT_MARK_CHARS,
    POINT_SEPARATORS,
    POINT_STOP_CHARS,
    SECTION_SIGN_MISREADINGS,
    SECTION_SIGNS,
)
from extractors.vocabulary import is_reference_or_sum
from tests.conftest import make_lines


def numbers(text: str) -> list[int | None]:
    return [s.number for s in find_item_starts(make_lines(text), "protokoll")]


@pytest.mark.parametrize("sign", SECTION_SIGNS)
def test_a_paragraph_sign_numbers_items(sign: str) -> None:
    assert numbers(f"{sign} 7 Val av justerare\nText.\n{sign} 8 Budget\nText.") == [7, 8]


@pytest.mark.parametrize("word", ITEM_NUMBER_WORDS)
def test_a_numbering_word_numbers_items(word: str) -> None:
    written = word.capitalize() + ("." if len(word) == 1 else "")
    assert numbers(f"{written} 3 Val av justerare\nText.\n{written} 4 Budget\nText.") == [3, 4]


@pytest.mark.parametrize("sign", SECTION_SIGN_MISREADINGS)
def test_a_misread_paragraph_sign_counts_between_clean_ones(sign: str) -> None:
    text = f"§ 11 Val av justerare\nText.\n{sign} 12. Val av sekreterare\nText.\n§ 13 Budget\nText."
    assert numbers(text) == [11, 12, 13]


@pytest.mark.parametrize("sign", SECTION_SIGN_MISREADINGS)
def test_a_misread_paragraph_sign_that_the_sequence_does_not_confirm_is_no_item(sign: str) -> None:
    text = f"§ 11 Val av justerare\nText.\n{sign} 40 Personer deltog i mötet\n§ 12 Budget\nText."
    assert numbers(text) == [11, 12]


@pytest.mark.parametrize("char", POINT_MARK_CHARS)
def test_each_mark_character_makes_a_point_mark(char: str) -> None:
    assert mark_readings(f"1{char}") is not None


@pytest.mark.parametrize("char", POINT_STOP_CHARS)
def test_each_stop_character_ends_a_point_number(char: str) -> None:
    # Digits alone on a line are no mark (a page number); a "1" is a stop after a mark character.
    mark = f"t7{char}" if char.isdigit() else f"7{char}"
    assert 7 in (mark_readings(mark) or [])


@pytest.mark.parametrize("separator", POINT_SEPARATORS)
def test_each_separator_follows_a_point_number(separator: str) -> None:
    text = f"5. Ekonomi\nText.\n6{separator} Underhåll\nText.\n7. Övrigt\nText."
    assert numbers(text) == [5, 6, 7]


@pytest.mark.parametrize("word", NOT_AN_ITEM_AFTER)
def test_a_reference_or_a_sum_after_a_number_is_no_item(word: str) -> None:
    assert is_reference_or_sum(f"{word.capitalize()} 3 i lagen")
    text = f"§ 7 Val av justerare\nText.\n8 {word.capitalize()} 2 gäller.\n§ 9 Budget\nText."
    assert numbers(text) == [7, 9]
