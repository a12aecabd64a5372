"""extractors/lang/sv/parties.py: national party abbreviations and the local-party form."""

from __future__ import annotations

import pytest

from extractors.attendees import parse_entry
from extractors.lang.sv.parties import LOCAL_PARTY_MAX_LETTERS, NATIONAL_PARTIES
from extractors.vocabulary import has_party_form, is_national_party


@pytest.mark.parametrize("party", NATIONAL_PARTIES)
def test_a_national_party_in_brackets_is_a_party_in_either_case(party: str) -> None:
    assert is_national_party(party) and is_national_party(party.lower())
    [person] = parse_entry(f"Tilda Rask ({party.lower()})", "beslutande")
    assert (person.name, person.party) == ("Tilda Rask", party)


def test_a_local_party_is_known_by_its_form() -> None:
    assert has_party_form("SPI") and has_party_form("ÖP")
    assert not has_party_form("A" * (LOCAL_PARTY_MAX_LETTERS + 1))
    assert not has_party_form("Digg")  # a name in mixed case is no party's abbreviation
