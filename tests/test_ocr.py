"""OCR of scanned pages: real scans from the corpus give records; a partial scan is read page by
page (text layer where there is one, OCR where not); without Tesseract those pages are skipped
and listed."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.readers import UnreadableDocument, read_layout
from extractors.readers.ocr import lines_from_tsv, ocr_unavailable
from pipeline.extract import extract_file
from tests.conftest import CORPUS
from tests.makefiles import text_pdf

SCAN = CORPUS / "tgdk_2020-09-23-konstituerande.pdf"  # one page, image only
MINUTES = ["Kommunstyrelsen", "Protokoll 2024-05-27", "§ 1 Val av justerare",
           "Kommunstyrelsen beslutar att utse Anna Ek att justera protokollet."]

needs_tesseract = pytest.mark.skipif(ocr_unavailable() is not None, reason=f"no OCR here: {ocr_unavailable()}")
needs_corpus = pytest.mark.skipif(not SCAN.exists(), reason="../shared/corpus/real is not beside the repository")

TSV_HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"


def tsv_word(block: int, line: int, word: int, left: int, top: int, text: str, conf: float = 95.0,
             width: int = 150, height: int = 40) -> str:
    return f"5\t1\t{block}\t1\t{line}\t{word}\t{left}\t{top}\t{width}\t{height}\t{conf}\t{text}\n"


def test_tesseract_words_become_lines_with_column_segments() -> None:
    tsv = (TSV_HEADER
           + tsv_word(1, 1, 1, 300, 400, "Ordförande:") + tsv_word(2, 1, 1, 1200, 404, "Anna")
           + tsv_word(2, 1, 2, 1370, 404, "Ek")
           + tsv_word(3, 1, 1, 300, 470, "4.", height=41) + tsv_word(3, 1, 2, 400, 470, "Val", height=41)
           + tsv_word(3, 1, 3, 570, 484, "av", height=27) + tsv_word(3, 1, 4, 680, 470, "justerare", height=53)
           + tsv_word(4, 1, 1, 300, 600, "Nihewm", conf=15) + tsv_word(4, 1, 2, 500, 600, "Pryte", conf=20))
    lines, confidence = lines_from_tsv(tsv, page=3)
    assert [[s.text for s in ln.segments] for ln in lines] == [["Ordförande:", "Anna Ek"], ["4. Val av justerare"]]
    assert all(ln.page == 3 for ln in lines)
    assert lines[0].x0 == pytest.approx(300 * 72 / 300) and lines[0].top < lines[1].top
    # A 14-point line: "Val" reaches cap height, "av" only the x-height, "justerare" below the line.
    assert lines[1].size == pytest.approx(14, abs=0.5)
    assert confidence == pytest.approx(95.0)  # the signature scrawl is not counted


def test_ocr_line_sizes_come_from_the_letters_not_the_tallest_box() -> None:
    # One 11-point body font (46 px an em at 300 dpi) and one 15-point heading font (62 px):
    # a body line of tall letters must not come out as large as a heading of short ones.
    body_tall = tsv_word(1, 1, 1, 300, 400, "Hjälp", height=42) + tsv_word(1, 1, 2, 500, 400, "gjordes", height=42)
    body_short = tsv_word(2, 1, 1, 300, 500, "Anna", height=32) + tsv_word(2, 1, 2, 500, 508, "var", height=22)
    heading = tsv_word(3, 1, 1, 300, 600, "Val", height=43) + tsv_word(3, 1, 2, 420, 614, "av", height=29) \
        + tsv_word(3, 1, 3, 520, 600, "kassör", height=43)
    lines, _ = lines_from_tsv(TSV_HEADER + body_tall + body_short + heading, page=1)
    sizes = [ln.size or 0 for ln in lines]
    assert abs(sizes[0] - sizes[1]) <= 0.5 and sizes[0] == pytest.approx(11, abs=0.6)
    assert sizes[2] == pytest.approx(15, abs=0.6) and sizes[2] > sizes[0] + 2


@needs_corpus
def test_scan_without_text_needs_ocr_when_ocr_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROTOKOLL_OCR", "off")
    with pytest.raises(UnreadableDocument, match=r"^no text layer \(needs OCR\)$"):
        extract_file(SCAN)


@needs_corpus
@needs_tesseract
def test_a_scanned_protocol_gives_items_and_decisions_by_ocr() -> None:
    record = extract_file(SCAN)
    assert record.provenance is not None and record.provenance.ocr
    (page,) = record.provenance.pages
    assert (page.page, page.source, page.note) == (1, "ocr", "no text layer")
    assert page.confidence is not None and page.confidence > 80 and record.provenance.ocr_seconds > 0
    assert [i.number for i in record.items] == [1, 2, 3, 4, 5]
    assert any(d.kind == "decision" for i in record.items for d in i.decisions)
    assert str(record.meeting_date) == "2020-09-23"


@pytest.fixture
def partial_scan(tmp_path: Path) -> Path:
    """Two typed pages with a scanned page between them."""
    typed = tmp_path / "typed.pdf"
    typed.write_bytes(text_pdf([MINUTES, ["§ 2 Nästa sammanträde", "Styrelsen beslutar att nästa möte hålls i maj."]]))
    return _interleave(typed, SCAN, tmp_path / "delvis-skannad.pdf")


def _interleave(typed: Path, scan: Path, target: Path) -> Path:
    import pypdfium2 as pdfium

    out, first, second = pdfium.PdfDocument.new(), pdfium.PdfDocument(str(typed)), pdfium.PdfDocument(str(scan))
    try:
        out.import_pages(first, [0])
        out.import_pages(second, [0])
        out.import_pages(first, [1])
        out.save(str(target))
    finally:
        for document in (out, first, second):
            document.close()
    return target


@needs_corpus
def test_partial_scan_without_ocr_skips_and_lists_the_scanned_page(partial_scan: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROTOKOLL_OCR", "off")
    layout = read_layout(partial_scan)
    assert layout.provenance is not None and not layout.provenance.ocr
    assert [(p.page, p.source) for p in layout.provenance.pages] == [(1, "text"), (2, "skipped"), (3, "text")]
    assert layout.provenance.pages[1].note == "no text layer; needs OCR"
    assert "pages 2 skipped" in layout.provenance.warnings[0] and "needs OCR" in layout.provenance.warnings[0]
    assert {ln.page for ln in layout.lines} == {1, 3}


@needs_corpus
@needs_tesseract
def test_partial_scan_reads_text_pages_as_text_and_the_scan_by_ocr(partial_scan: Path) -> None:
    record = extract_file(partial_scan)
    assert record.provenance is not None and record.provenance.ocr
    assert [(p.page, p.source) for p in record.provenance.pages] == [(1, "text"), (2, "ocr"), (3, "text")]
    titles = [i.title for i in record.items]
    assert titles[0] == "Val av justerare" and "Nästa sammanträde" in titles
    first = record.items[0]
    assert (first.page_start, first.page_end) == (1, 2) and "Fredrik Berzins förklarade mötet öppnat" in first.text


def _scanned(lines: list[str], target: Path, turn: int = 0) -> Path:
    """A scan of a typed page: the page as an image only (no text layer), turned ``turn``
    degrees counter-clockwise as a page fed sideways into a scanner, with no /Rotate to undo it."""
    import pypdfium2 as pdfium

    typed = pdfium.PdfDocument(text_pdf([lines]))
    try:
        page = typed[0].render(scale=200 / 72, grayscale=True).to_pil()
    finally:
        typed.close()
    page.rotate(turn, expand=True).save(target, "PDF", resolution=200)
    return target


@needs_tesseract
def test_bold_headings_of_body_size_on_a_scan_are_the_items(tmp_path: Path) -> None:
    notes = ["Anteckningar från arbetsgruppen för kulturhuset", "Närvarande: Anna Ek, Per Holm och Eva Lund", "",
             "**Lokalfrågan**", "Gruppen gick igenom de tre förslagen till lokal och jämförde hyrorna.", "",
             "**Ekonomin inför hösten**", "Kassören redovisade läget, som är gott, och svarade på frågor.", "",
             "**Nästa möte**", "Gruppen träffas nästa gång den tolfte maj i biblioteket."]
    record = extract_file(_scanned(notes, tmp_path / "anteckningar.pdf"))
    assert [i.title for i in record.items] == ["Lokalfrågan", "Ekonomin inför hösten", "Nästa möte"]


@needs_tesseract
def test_a_page_scanned_on_its_side_is_turned_upright_before_it_is_read(tmp_path: Path) -> None:
    minutes = ["Protokoll fört vid styrelsemöte i Föreningen Norrbacka", "Datum: 2024-03-12",
               "§ 1 Mötets öppnande", "Ordföranden hälsade alla välkomna och öppnade mötet.",
               "§ 2 Val av justerare", "Till justerare valdes Karin Lind.",
               "§ 3 Budget för 2024", "Styrelsen beslutade att fastställa budgeten.",
               "§ 4 Mötets avslutande", "Ordföranden avslutade mötet."]
    record = extract_file(_scanned(minutes, tmp_path / "liggande.pdf", turn=90))
    assert [(i.number, i.title) for i in record.items] == [
        (1, "Mötets öppnande"), (2, "Val av justerare"), (3, "Budget för 2024"), (4, "Mötets avslutande")]
