"""extractors/lang/sv/organisations.py: organisation words and organisation-number labels."""

from __future__ import annotations

import pytest

from extractors.lang.sv.organisations import (
    GENERIC_ORGANISATION_WORDS,
    ORGANISATION_ENDINGS,
    ORGANISATION_HEADS,
    ORGANISATION_NUMBER_LABELS,
)
from extractors.vocabulary import is_organisation, named_by_its_number


@pytest.mark.parametrize("label", ORGANISATION_NUMBER_LABELS)
def test_the_name_before_an_organisation_number(label: str) -> None:
    assert named_by_its_number(f"Tennisklubben Lobben {label} 802000-1111") == "Tennisklubben Lobben"
    assert named_by_its_number(f"Tennisklubben Lobben, {label}: 8020001111") == "Tennisklubben Lobben"
    assert named_by_its_number(f"Tennisklubben Lobben {label}") is None  # no number, no name


@pytest.mark.parametrize("ending", ORGANISATION_ENDINGS)
def test_an_organisation_ending(ending: str) -> None:
    assert is_organisation(f"Norra {ending.capitalize()}")


@pytest.mark.parametrize("head", ORGANISATION_HEADS)
def test_an_organisation_head(head: str) -> None:
    assert is_organisation(f"{head.capitalize()} Norrbotten")


@pytest.mark.parametrize("word", GENERIC_ORGANISATION_WORDS)
def test_a_generic_word_on_its_own_line_closes_the_name_above(word: str) -> None:
    from extractors.meta import organisation

    assert organisation(["Nordanstigs", word, "Protokoll"], [], "") == f"Nordanstigs {word}"


@pytest.mark.parametrize("head", ORGANISATION_HEADS)
def test_a_head_on_its_own_line_opens_the_name_below(head: str) -> None:
    from extractors.meta import organisation

    assert organisation([head.capitalize(), "Norra Dal"], [], "") == f"{head.capitalize()} Norra Dal"
