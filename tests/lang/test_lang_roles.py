"""extractors/lang/sv/roles.py: role words, and the words of elections for a term."""

from __future__ import annotations

import pytest

from extractors.lang.sv.roles import MEETING_OFFICER_WORDS, ROLE_ENDINGS, ROLE_WORDS, TERM_OF_OFFICE_WORDS
from extractors.vocabulary import elects_for_a_term, is_role


@pytest.mark.parametrize("word", ROLE_WORDS)
def test_a_role_word(word: str) -> None:
    assert is_role(word)


@pytest.mark.parametrize("ending", ROLE_ENDINGS)
def test_a_role_ending_makes_a_title(ending: str) -> None:
    assert is_role(f"miljö{ending}")


@pytest.mark.parametrize("word", TERM_OF_OFFICE_WORDS)
def test_an_election_for_a_term_is_the_organisations(word: str) -> None:
    assert elects_for_a_term(f"Val av ordförande {word}")


@pytest.mark.parametrize("word", MEETING_OFFICER_WORDS)
def test_an_election_naming_the_meeting_is_the_meetings(word: str) -> None:
    assert not elects_for_a_term(f"Val av ordförande för {word} och styrelsen")
