"""extractors/lang/sv/places.py: remote meeting places."""

from __future__ import annotations

import pytest

from extractors.lang.sv.places import MEETING_NOUNS, REMOTE_PLACES
from extractors.meta import place_and_time


@pytest.mark.parametrize("place", REMOTE_PLACES)
def test_a_remote_place_before_or_after_the_meeting(place: str) -> None:
    assert place_and_time([], [f"{place.capitalize()} möte 2 maj 2023"])[0] == place.capitalize()
    assert place_and_time([], [f"Styrelsemöte via {place} 2 maj 2023"])[0] == place
    assert place_and_time([], [f"Protokoll ({place})"])[0] == place


@pytest.mark.parametrize("noun", MEETING_NOUNS)
def test_every_word_for_the_meeting(noun: str) -> None:
    assert place_and_time([], [f"Digitalt {noun} 2 maj 2023"])[0] == "Digitalt"
    assert place_and_time([], [f"Digital {noun}planering"])[0] is None  # a compound is no meeting
