"""extractors/lang/sv/labels.py: attendee labels, the links that narrow them to a body, and the
header cells of attendee tables."""

from __future__ import annotations

import pytest

from extractors.lang.sv.labels import (
    ATTENDEE_COLUMNS,
    ATTENDEE_LABELS,
    LABEL_BODY_LINKS,
    OTHER_LABELS,
    SIGNATORY_LABELS,
)
from extractors.vocabulary import attendee_column, attendee_group, is_front_label


@pytest.mark.parametrize(("label", "group"), ATTENDEE_LABELS.items())
def test_an_attendee_label_gives_its_group(label: str, group: str) -> None:
    assert attendee_group(f"{label.capitalize()}:") == group
    assert attendee_group(f"{label} styrelsen") == group  # narrowed to a body
    assert is_front_label(label)


@pytest.mark.parametrize("link", LABEL_BODY_LINKS)
def test_a_label_narrowed_to_a_body_keeps_its_group(link: str) -> None:
    assert attendee_group(f"Närvarande {link} arbetsgruppen") == "närvarande"
    assert attendee_group(f"Närvarande {link} Skatteverket") is None  # an organisation is no body


@pytest.mark.parametrize("label", OTHER_LABELS)
def test_other_labels_end_a_list_and_give_no_group(label: str) -> None:
    assert is_front_label(label) and attendee_group(label) is None


@pytest.mark.parametrize(("header", "field"), ATTENDEE_COLUMNS.items())
def test_an_attendee_table_header_names_its_field(header: str, field: str) -> None:
    assert attendee_column(f"{header.capitalize()}") == field


@pytest.mark.parametrize(("role", "label"), [(r, lab) for r, labels in SIGNATORY_LABELS.items() for lab in labels])
def test_a_signatory_label_names_its_role(role: str, label: str) -> None:
    from extractors.meta import signatories
    from tests.conftest import make_lines

    assert signatories(make_lines(f"{label.capitalize()}\nAgda Nyström"))[role] == ["Agda Nyström"]
    assert signatories(make_lines(f"{label.capitalize()}: Agda Nyström"))[role] == ["Agda Nyström"]
