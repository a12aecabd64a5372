"""extractors/lang/sv/letters.py: the letter pairs Swedish text is made of, the letters that are words."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest
from wordfreq import top_n_list, word_frequency

from extractors.lang.sv.letters import COMMON_LETTER_PAIRS, PAIR_SHARE_FLOOR, SINGLE_LETTER_WORDS, SOURCE_WORDS
from extractors.readers.quality import page_ocr_reason, read_page
from extractors.vocabulary import common_letter_pairs, is_single_letter_word
from tests.conftest import make_lines


def test_the_common_pairs_are_those_of_the_word_list_they_are_said_to_come_from() -> None:
    pairs: Counter[str] = Counter()
    for word in top_n_list("sv", SOURCE_WORDS):
        if word.isalpha():
            frequency = word_frequency(word, "sv")
            for first, second in itertools.pairwise(word.casefold()):
                pairs[first + second] += frequency
    total = sum(pairs.values())
    derived = [pair for pair, weight in pairs.most_common() if weight / total >= PAIR_SHARE_FLOOR]
    assert len(set(COMMON_LETTER_PAIRS)) == len(COMMON_LETTER_PAIRS)
    assert set(COMMON_LETTER_PAIRS) == set(derived)


@pytest.mark.parametrize("pair", COMMON_LETTER_PAIRS)
def test_every_common_pair_counts_in_a_word_that_holds_it(pair: str) -> None:
    assert common_letter_pairs([pair, pair.upper(), pair.capitalize()]) == (3, 3)


def test_pairs_outside_the_list_and_across_signs_do_not_count() -> None:
    assert common_letter_pairs(["qx", "zq"]) == (0, 2)
    assert common_letter_pairs(["a-b", "1a", "x"]) == (0, 0)  # no pair of two letters
    # "Protokoll fört vid styrelsemöte i Brf Lärkan", each letter shifted by one
    common, pairs = common_letter_pairs(["Qspuplpmm", "gasu", "wje", "tuzsfmtfnauf", "j", "Csg", "Möslbo"])
    assert common < 0.6 * pairs
    assert common_letter_pairs(["Protokoll", "fört", "vid", "årsmötet"]) == (20, 20)


@pytest.mark.parametrize("letter", SINGLE_LETTER_WORDS)
def test_a_letter_that_is_a_word_reads_as_one_wherever_it_stands(letter: str) -> None:
    assert is_single_letter_word(letter) and is_single_letter_word(letter.upper())
    line = f"Mötet hölls {letter} Lund och {letter} Malmö"
    assert read_page(make_lines(line)).word_share == 1.0


def test_other_lone_letters_are_noise_unless_their_neighbours_make_them_words() -> None:
    assert not is_single_letter_word("l")
    noise = "l\nI\nt I l\nr"  # strokes and specks read as letters, alone or in a row
    assert read_page(make_lines(noise)).words == 0
    marks = "a) Erik M lämnade rummet\nb) Mötet varade 2 h\nI övrigt (S) och (M) samt A. Berg"
    assert read_page(make_lines(marks)).word_share == 1.0


def test_swedish_text_of_every_letter_that_is_a_word_is_trusted() -> None:
    text = "\n".join(f"Styrelsen sammanträdde {w} föreningens lokal och beslutade {w} enlighet med förslaget."
                     for w in (*SINGLE_LETTER_WORDS, "i", "i"))
    assert page_ocr_reason(make_lines(text * 2), None) is None
