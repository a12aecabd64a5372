"""Page furniture: running headers and footers out, their text kept for metadata."""

from pathlib import Path

import pytest

from extractors.cleanup import furniture_key, remove_furniture
from extractors.readers.pdf import read_pdf, without_margin_stamps
from extractors.record import build_record
from schemas.layout import Layout
from tests.conftest import make_line
from tests.makefiles import text_pdf


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


def test_a_running_header_that_names_the_page_goes_though_it_carries_the_paragraph_sign() -> None:
    lines = []
    for page in (1, 2, 3):
        lines += [
            make_line(f"Sammanträdesprotokoll\tKS § {10 + page}\tSida {page} (3)", page=page, top=10),
            make_line(f"§ {10 + page} Ärende nummer {page}", page=page, top=60),
            make_line(f"Kommunstyrelsen beslutar att godkänna ärende {page}.", page=page, top=80),
            make_line(f"Text som bara står på sidan {page}.", page=page, top=500),
        ]
    kept = [ln.text for ln in remove_furniture(Layout(source="x.pdf", pages=3, lines=lines)).lines]
    assert [t for t in kept if "§" in t] == ["§ 11 Ärende nummer 1", "§ 12 Ärende nummer 2", "§ 13 Ärende nummer 3"]


def test_page_numbers_compare_equal() -> None:
    assert furniture_key("Sammanträdesprotokoll\tSida 3(18)") == furniture_key("Sammanträdesprotokoll\tSida 4 (18)")
    assert furniture_key("Sida 3 av 15") == ""


def test_a_year_at_the_top_of_a_page_is_content() -> None:
    lines = [make_line("Text som slutar i", page=1, top=700), make_line("2024.", page=2, top=10)]
    assert [ln.text for ln in remove_furniture(Layout(source="x.pdf", pages=2, lines=lines)).lines] == [
        "Text som slutar i", "2024."]


def test_a_number_alone_mid_page_is_content_unless_it_is_the_pages_own_number() -> None:
    words = {1: ("Budget", "Revision", "Val", "Avgifter"), 2: ("Stadgar", "Motioner", "Fiber", "Vägen")}
    lines = []
    for page in (1, 2):
        lines += [make_line(f"{word} behandlades på sidan {page}.", page=page, top=100 + 20 * k)
                  for k, word in enumerate(words[page])]
        lines += [make_line(str(40 + page), page=page, top=300), make_line(f"Text om punkt {40 + page}.", page=page,
                                                                           top=320),
                  make_line(str(page), page=page, top=400), make_line(f"Mer text, sida {page}.", page=page, top=420),
                  *(make_line(f"Rad {k} av sidan {page}.", page=page, top=500 + 40 * k) for k in range(8))]
    kept = [ln.text for ln in remove_furniture(Layout(source="x.pdf", pages=2, lines=lines)).lines]
    assert [t for t in kept if t.isdigit()] == ["41", "42"]


# Minutes whose lines run the length of the page, past a signing service's stamp up its margin.
MINUTES = ["Protokoll styrelsemöte", *(line for n in range(1, 9) for line in (
    f"{n}. Punkt {n} på dagordningen", f"Styrelsen behandlade punkt {n} och lade den till handlingarna.")),
    "Vid protokollet", "Anna Ek"]


@pytest.mark.parametrize("upright", [False, True], ids=["turned", "letter-under-letter"])
def test_a_stamp_up_the_margin_is_no_part_of_the_lines(tmp_path: Path, upright: bool) -> None:
    pdf = tmp_path / "signerat.pdf"
    pdf.write_bytes(text_pdf([MINUTES], margin_stamp="Signerat digitalt av Anna Ek med BankID",
                             stamp_upright=upright))
    layout = read_pdf(pdf)
    assert [ln.text for ln in layout.lines] == MINUTES
    assert [i.number for i in build_record(layout, "0" * 64).items] == list(range(1, 9))


def test_a_column_of_one_mark_beside_names_is_no_stamp() -> None:
    words = [{"text": "X", "x0": 40.0, "x1": 46.0, "top": 100.0 + 14 * k, "bottom": 109.0 + 14 * k, "upright": True}
             for k in range(6)]
    words += [{"text": name, "x0": 60.0, "x1": 120.0, "top": 100.0 + 14 * k, "bottom": 109.0 + 14 * k,
               "upright": True} for k, name in enumerate(["Anna", "Per", "Eva", "Lisa", "Karl", "Olle"])]
    assert without_margin_stamps(words) == words


def test_a_turned_column_heading_inside_a_table_stays() -> None:
    words = [{"text": "Budget", "x0": 200.0, "x1": 209.0, "top": 100.0, "bottom": 140.0, "upright": False},
             {"text": "Nämnd", "x0": 60.0, "x1": 100.0, "top": 150.0, "bottom": 160.0, "upright": True},
             {"text": "1 234", "x0": 200.0, "x1": 230.0, "top": 150.0, "bottom": 160.0, "upright": True}]
    assert without_margin_stamps(words) == words
