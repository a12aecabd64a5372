"""The page filters: how a value is shown on every page that shows it."""

from pipeline.web.filters import dnr


def test_a_diarienummer_is_labelled_once_however_it_was_written() -> None:
    assert dnr("KS 2024/123") == "Dnr KS 2024/123"
    assert dnr("Dnr 2024.123") == "Dnr 2024.123"
    assert dnr("DNR: 12/2024") == "DNR: 12/2024"
    assert dnr("Dnrserie 4") == "Dnr Dnrserie 4"  # a word that merely begins so is no label
