"""The pieces under search that need no index: index terms, query parsing, snippets and
abbreviations, on Swedish text from the samples."""

from __future__ import annotations

import pytest

from pipeline.search.analysis import TermMatcher, highlight, index_text, stem, terms_of
from pipeline.search.query import Phrase, Word, lemma_keys, parse_query
from pipeline.store.abbreviations import defined_abbreviations

DECISION = ("Att bevilja 50 000 kr för metodutveckling Supported employment via utökad tjänstgöring för "
            "arbetsförmedlaren i Samordningsteam Hallstahammar under perioden augusti-december 2024.")


def test_index_terms_are_snowball_stems_one_per_word() -> None:
    assert index_text("Beviljades SAMORDNINGSTEAMERNA") == "bevilj samordningsteam"
    assert terms_of("Britt-Mari ﬁnansiering 2019/22") == ["britt", "mari", "finansiering", "2019", "22"]
    assert stem("bevilja") == stem("beviljades") == stem("beviljas")


@pytest.mark.parametrize(("one", "other"), [("insats", "insatser"), ("koordinator", "koordinatorer"),
                                            ("förbund", "förbundet"), ("projekt", "projektet")])
def test_singular_and_plural_share_a_lemma_key(one: str, other: str) -> None:
    assert lemma_keys(one) & lemma_keys(other)
    assert stem(one) in lemma_keys(other) or stem(other) in lemma_keys(one)


def test_query_syntax() -> None:
    parsed = parse_query('bevilja "Samordningsteam Hallstahammar" RMGT OR MGT -avslag likvid* IT-stöd')
    atoms = [(c.options, c.negated) for c in parsed.clauses]
    assert atoms == [
        ([Word("bevilja")], False),
        ([Phrase(("samordningsteam", "hallstahammar"))], False),
        ([Word("rmgt"), Word("mgt")], False),
        ([Word("avslag")], True),
        ([Word("likvid", prefix=True)], False),
        ([Phrase(("it", "stöd"))], False),
    ]


@pytest.mark.parametrize("text", ['"open quote', "NEAR(a b", "a AND b", "(a OR b", "a) (b", "title:a", "a^2 *"])
def test_operators_of_other_engines_are_words_or_separators(text: str) -> None:
    words = [o for c in parse_query(text).clauses for o in c.options]
    assert words and all(isinstance(w, Word | Phrase) for w in words)


def test_numbers_and_units_are_read_alike_however_they_are_typed() -> None:
    assert terms_of("20kr") == terms_of("20 kr") == ["20", "kr"]
    assert terms_of("50 000 kr") == terms_of("50000 kr") == ["50000", "kr"]
    assert terms_of("1 500 000 kronor")[0] == "1500000"
    assert terms_of("år 2024 100 deltagare")[:3] == ["år", "2024", "100"]  # four digits are no group of three
    assert [c.options for c in parse_query("20kr 50 000").clauses] == [[Phrase(("20", "kr"))], [Word("50000")]]


def test_snippets_show_the_original_words_marked() -> None:
    matcher = TermMatcher({"bevilj", "samordningsteam", "hallstahamm"})
    assert highlight(DECISION, matcher) == DECISION.replace("bevilja", "«bevilja»").replace(
        "Samordningsteam Hallstahammar", "«Samordningsteam Hallstahammar»")
    short = highlight(DECISION, TermMatcher({"augusti"}), width=6)
    assert short.startswith("… ") and short.endswith(" …") and "«augusti»" in short


def test_abbreviations_the_text_defines() -> None:
    text = ("Ett rådgivande myndighetsgemensamt team (RMGT) finns i Västerås sedan 2023. "
            "Planerar att lämna in en ansökan (Bifogas minnesanteckningarna).")
    assert defined_abbreviations(text) == [("RMGT", "rådgivande myndighetsgemensamt team")]
    assert defined_abbreviations("ett rådgivande myndighetsgemensamt team (MGT) i Västerås") == [
        ("MGT", "myndighetsgemensamt team")]
    assert defined_abbreviations("helt orelaterat (XYZ)") == []
