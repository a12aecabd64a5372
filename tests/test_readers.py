"""Readers: PDF and DOCX into one Layout."""

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_BREAK

from extractors.readers import UnreadableDocument, read_layout
from extractors.readers.pdf import repair_ligatures
from tests.conftest import CORPUS, SAMPLES, make_line


def test_pdf_columns_stay_apart() -> None:
    layout = read_layout(SAMPLES / "001_702812d2f0149fea__tryck.pdf")
    row = next(ln for ln in layout.lines if "Maria Kesselring" in ln.text)
    assert [s.text for s in row.segments] == ["Maria Kesselring", "Västerås Stad"]
    assert layout.pages == 18 and {ln.page for ln in layout.lines} == set(range(1, 19))


def test_pdf_fonts_give_bold_and_size() -> None:
    layout = read_layout(SAMPLES / "001_702812d2f0149fea__kommun.pdf")
    beslut = [ln for ln in layout.lines if ln.text == "Beslut"]
    assert beslut and all(ln.bold for ln in beslut)
    assert all(ln.size for ln in layout.lines)


def test_pdf_ruled_tables_are_found() -> None:
    layout = read_layout(SAMPLES / "003_a3048755c5bf4d8a__kommun.pdf")
    budget = next(t for t in layout.tables if any(r[0] == "Medel från huvudmännen" for r in t.rows if r))
    assert budget.rows[0][1:] == ["Budget 2024", "Budget 2025", "Plan 2026", "Plan 2027"]


def test_docx_styles_tables_headers_and_page_breaks() -> None:
    layout = read_layout(SAMPLES / "001_702812d2f0149fea__kommun.docx")
    assert layout.flow == "paragraphs"
    assert any("Sida" in h for h in layout.header_lines)
    assert any("Utdragsbestyrkande" in f for f in layout.footer_lines)
    headings = [ln for ln in layout.lines if ln.heading_level == 1]
    assert headings and headings[0].text.startswith("SFV §")
    assert layout.pages >= 15
    decision = next(ln for ln in layout.lines if ln.text.startswith("• Att bevilja 50 000 kr"))
    assert decision.page > 10 and decision.list_marker == "•"


def test_docx_numbering_and_explicit_breaks(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Mötets öppnande", style="List Number")
    document.add_paragraph("Val av justerare", style="List Number")
    document.add_paragraph("Punkt").add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Efter brytningen")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Beslutande"
    table.rows[0].cells[1].text = "Anna Ek\nPer Holm"
    path = tmp_path / "m.docx"
    document.save(str(path))
    layout = read_layout(path)
    texts = [(ln.page, ln.text) for ln in layout.lines]
    assert texts[0][1].endswith("Mötets öppnande") and texts[0][1].startswith(("1", "•"))
    assert (2, "Efter brytningen") in texts
    assert (2, "Beslutande\tAnna Ek") in texts and (2, "Per Holm") in texts


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"hello", "unsupported"), (b"%PDF-1.4 broken", "not a readable PDF")],
)
def test_bad_files_say_why(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / ("x.pdf" if content.startswith(b"%PDF") else "x.txt")
    path.write_bytes(content)
    with pytest.raises(UnreadableDocument) as error:
        read_layout(path)
    assert reason in error.value.reason


def test_scan_without_text_layer_needs_ocr_when_ocr_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROTOKOLL_OCR", "off")
    with pytest.raises(UnreadableDocument, match=r"no text layer \(needs OCR\)"):
        read_layout(CORPUS / "tgdk_2020-09-23-konstituerande.pdf")


def test_garbage_ocr_layer_is_not_trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROTOKOLL_OCR", "off")
    with pytest.raises(UnreadableDocument, match="garbled OCR"):
        read_layout(CORPUS / "stenaldern_2015-01-15-styrelse.pdf")
    poor = read_layout(CORPUS / "asketorp-vag_2021-08-15-arsstamma.pdf")  # a poor but readable OCR
    assert poor.lines and poor.provenance is not None
    assert [p.source for p in poor.provenance.pages] == ["text", "text"]


def test_broken_ligatures_are_repaired_where_a_word_list_makes_it_certain() -> None:
    broken = [make_line("EOersom det är viktigt aU vi tar Qd"), make_line("TväUstugorna städas")]
    assert [line.text for line in repair_ligatures(broken)] == [
        "Eftersom det är viktigt att vi tar tid", "Tvättstugorna städas"]
    ordinary = [make_line("Appen finns för iOS och LiU"), make_line("Styrelsen tackar för informaQon")]
    assert [line.text for line in repair_ligatures(ordinary)] == [
        "Appen finns för iOS och LiU", "Styrelsen tackar för information"]
