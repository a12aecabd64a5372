"""Every entry of extractors/lang/sv/numerals.py: a sum of money written in words."""

import pytest

from extractors.amounts import amounts_in
from extractors.lang.sv import numerals
from extractors.vocabulary import number_from_words


def values(text: str) -> list[int]:
    return [m.value_sek for m in amounts_in(text)]


@pytest.mark.parametrize(("word", "value"), list(numerals.UNITS.items()))
def test_each_unit_word_is_a_number(word: str, value: int) -> None:
    assert values(f"Styrelsen beviljar {word} kronor.") == [value]


@pytest.mark.parametrize(("word", "value"), list(numerals.TENS.items()))
def test_each_ten_word_is_a_number_alone_and_in_a_compound(word: str, value: int) -> None:
    assert values(f"Styrelsen beviljar {word} kronor.") == [value]
    assert values(f"Styrelsen beviljar {word}tre miljoner kronor.") == [(value + 3) * 1_000_000]


@pytest.mark.parametrize(("word", "value"), list(numerals.MULTIPLIERS.items()))
def test_each_multiplier_multiplies_what_comes_before(word: str, value: int) -> None:
    assert values(f"Styrelsen beviljar två{word} kronor.") == [2 * value]
    assert values(f"Styrelsen beviljar fem {word} kronor.") == [5 * value]


def test_a_bare_multiplier_is_no_number() -> None:
    """ "några tusen kronor", "ett par tusen kronor": no sum is stated."""
    assert values("Det kostar några tusen kronor.") == []
    assert values("Det kostar ett par tusen kronor.") == []


@pytest.mark.parametrize(("word", "value"), list(numerals.FRACTIONS.items()))
def test_each_fraction_scales_a_million(word: str, value: float) -> None:
    article = "en " if word == "halv" else ""
    assert values(f"Anslaget är {article}{word} miljon kronor.") == [int(value * 1_000_000)]


def test_words_that_make_no_number() -> None:
    assert number_from_words("femfem") is None
    assert number_from_words("tjugotrettio") is None
    assert number_from_words("tvåhundratjugofemtusen") == 225_000
