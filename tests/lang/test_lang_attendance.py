"""extractors/lang/sv/attendance.py: checkbox marks, presence notes and list marks."""

from __future__ import annotations

import pytest

from extractors.attendees import parse_entry
from extractors.lang.sv.attendance import (
    ABSENT_CELLS,
    LIST_MARKS,
    PRESENCE_NOTES,
    PRESENT_CELLS,
    TICKED_BOXES,
    UNTICKED_BOXES,
)
from extractors.vocabulary import BOX, attendance_cell, is_presence_note, without_list_mark


@pytest.mark.parametrize("mark", TICKED_BOXES)
def test_a_ticked_box(mark: str) -> None:
    found = BOX.search(f"{mark} Holm Ida")
    assert found is not None and found.group("ticked")


@pytest.mark.parametrize("mark", UNTICKED_BOXES)
def test_an_unticked_box(mark: str) -> None:
    found = BOX.search(f"{mark} Holm Ida")
    assert found is not None and found.group("unticked")


@pytest.mark.parametrize("note", PRESENCE_NOTES)
def test_a_note_on_coming_or_going_is_a_presence(note: str) -> None:
    assert is_presence_note(f"{note} § 4")
    [person] = parse_entry(f"Rut Alm ({note} § 4)", "närvarande")
    assert person.present_for == f"{note} § 4" and person.role is None


@pytest.mark.parametrize("mark", LIST_MARKS)
def test_a_list_mark_is_no_part_of_the_name(mark: str) -> None:
    assert without_list_mark(f"{mark} Rut Alm") == "Rut Alm"
    assert without_list_mark("Olle Ek") == "Olle Ek"


@pytest.mark.parametrize("cell", PRESENT_CELLS)
def test_a_cell_that_says_the_person_came(cell: str) -> None:
    assert attendance_cell(cell.upper()) is True


@pytest.mark.parametrize("cell", ABSENT_CELLS)
def test_a_cell_that_says_the_person_did_not(cell: str) -> None:
    assert attendance_cell(cell) is False
    assert attendance_cell("") is False and attendance_cell("§ 4") is None
