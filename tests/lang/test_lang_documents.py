"""extractors/lang/sv/documents.py: a document's own title, the headings of bound-in appendices."""

from __future__ import annotations

import pytest

from extractors.lang.sv.documents import (
    APPENDIX_HEADS,
    APPENDIX_LISTS,
    MEETING_TITLE_WORDS,
    RECORD_QUALIFIERS,
    RECORD_WORDS,
)
from extractors.vocabulary import body_of_title_word, is_appendix_head, is_appendix_list, names_the_meeting


@pytest.mark.parametrize("word", MEETING_TITLE_WORDS)
def test_a_title_naming_the_meeting_and_its_year_is_the_documents_own(word: str) -> None:
    assert names_the_meeting(f"Föreningens {word} 2024")
    assert not names_the_meeting(f"Föreningens {word}")  # without a year it may be an item's heading


@pytest.mark.parametrize("word", APPENDIX_HEADS)
def test_an_appendix_heading_opens_an_appendix(word: str) -> None:
    assert is_appendix_head(f"{word.capitalize()} 2")
    assert is_appendix_head(f"B {word.capitalize()} 2 - Stadgar")
    assert not is_appendix_head(f"{word.capitalize()} 2 bifogas protokollet.")  # a sentence citing one
    assert not is_appendix_head(f"Se {word} 4")  # a reference without a full stop, alone on its line
    assert not is_appendix_head(f"Enl. {word} 4")


@pytest.mark.parametrize("word", APPENDIX_LISTS)
def test_a_heading_listing_appendices_opens_none(word: str) -> None:
    assert is_appendix_list(f"{word.capitalize()}:")
    assert not is_appendix_head(word.capitalize())


@pytest.mark.parametrize("word", RECORD_WORDS)
def test_a_record_word_alone_or_closing_a_compound(word: str) -> None:
    from extractors.vocabulary import is_record_word

    assert is_record_word(word.capitalize()) and is_record_word(f"Årsmötes{word}")
    assert body_of_title_word(f"Årsmötes{word}") == "Årsmötet"


@pytest.mark.parametrize("word", RECORD_QUALIFIERS)
def test_a_record_qualifier_names_no_organisation(word: str) -> None:
    from extractors.meta import organisation

    assert organisation([f"{word.capitalize()} protokoll"], [f"{word.capitalize()} protokoll"], "") is None
