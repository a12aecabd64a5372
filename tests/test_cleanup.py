"""Page furniture: running headers and footers out, their text kept for metadata."""

from extractors.cleanup import furniture_key, remove_furniture
from schemas.layout import Layout
from tests.conftest import make_line


def test_repeated_headers_and_furniture_words_are_removed() -> None:
    lines = []
    for page in (1, 2, 3):
        lines += [
            make_line(f"HÖGSBY KOMMUN\tPROTOKOLL\t{page} ({3})", page=page, top=10),
            make_line("Kommunstyrelsen", page=page, top=25),
            make_line(f"KS § {page}", page=page, top=60),
            make_line("Godkännande av dagordning", page=page, top=80),
            make_line("Justerandes sign\tUtdragsbestyrkande", page=page, top=800),
        ]
    cleaned = remove_furniture(Layout(source="x.pdf", pages=3, lines=lines))
    assert [ln.text for ln in cleaned.lines] == [
        "KS § 1", "Godkännande av dagordning", "KS § 2", "Godkännande av dagordning",
        "KS § 3", "Godkännande av dagordning"]
    assert "Kommunstyrelsen" in cleaned.furniture


def test_page_numbers_compare_equal() -> None:
    assert furniture_key("Sammanträdesprotokoll\tSida 3(18)") == furniture_key("Sammanträdesprotokoll\tSida 4 (18)")
    assert furniture_key("Sida 3 av 15") == ""


def test_a_year_at_the_top_of_a_page_is_content() -> None:
    lines = [make_line("Text som slutar i", page=1, top=700), make_line("2024.", page=2, top=10)]
    assert [ln.text for ln in remove_furniture(Layout(source="x.pdf", pages=2, lines=lines)).lines] == [
        "Text som slutar i", "2024."]
