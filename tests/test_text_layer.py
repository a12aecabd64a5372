"""Which PDF pages go to OCR: only those whose text layer is missing or truly garbled. Born-digital
pages of every kind (a table of contents with leader dots, a table of figures, negative amounts, a
form, a short page, English) stay text; a layer of bad OCR, or one whose letters are substituted
(a font whose character map lies), is caught."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.readers import UnreadableDocument, read_layout
from extractors.readers.ocr import ocr_unavailable
from extractors.readers.quality import GARBLED, SUBSTITUTED, page_ocr_reason, read_page
from pipeline.extract import extract_file
from tests.conftest import make_lines
from tests.makefiles import text_pdf

needs_tesseract = pytest.mark.skipif(ocr_unavailable() is not None, reason=f"no OCR here: {ocr_unavailable()}")

ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"


def shifted(char: str) -> str:
    """Each letter one further in the alphabet ("Protokoll" -> "Qspuplpmm")."""
    lower = char.lower()
    if lower not in ALPHABET:
        return char
    letter = ALPHABET[(ALPHABET.index(lower) + 1) % len(ALPHABET)]
    return letter.upper() if char.isupper() else letter


def substitution(seed: int) -> Callable[[str], str]:
    """Every letter swapped for another, the same one throughout."""
    others = list(ALPHABET)
    random.Random(seed).shuffle(others)
    table = dict(zip(ALPHABET, others, strict=True))

    def swap(char: str) -> str:
        letter = table.get(char.lower(), char)
        return letter.upper() if char.isupper() else letter

    return swap


def glyph_number(char: str) -> str:
    """What a subset font whose character map gives glyph numbers puts in the layer: each ASCII
    letter 29 codes lower ("Protokoll" -> "3URWRNROO"), å, ä, ö as signs."""
    if char.isascii() and char.isalpha():
        return chr(ord(char) - 29)
    return {"å": "¦", "ä": "§", "ö": "¸", "Å": "‰", "Ä": "Š", "Ö": "‹"}.get(char, char)


def garbled(text: str, say: Callable[[str], str]) -> str:
    return "".join(map(say, text))


MINUTES = """Protokoll fört vid styrelsemöte i Bostadsrättsföreningen Lärkträdet
Tid: tisdagen den 4 mars 2025 kl. 18.30
Plats: föreningslokalen, Lärkvägen 12
§ 1 Mötets öppnande
Ordföranden hälsade de närvarande välkomna och förklarade mötet öppnat.
§ 2 Val av justerare
Till att jämte ordföranden justera protokollet valdes Kerstin Åberg.
§ 3 Ekonomisk rapport
Kassören redogjorde för föreningens ekonomi, som är god. Styrelsen lade rapporten till handlingarna.
§ 4 Fasadrenovering
Styrelsen beslutade att begära in tre offerter på renovering av fasaden mot gården.
§ 5 Nästa möte
Nästa styrelsemöte hålls den 8 april i föreningslokalen."""

TABLE_OF_CONTENTS = """INNEHÅLL
1. Inledning.........................................................3
2. Uppdrag och organisation..................................4
2.1. Styrelsen.....................................................4
2.2. Kansliet........................................................5
3. Vision, mål och strategier..................................6
3.1. Vision............................................................6
3.2. Mål.................................................................7
4. Verksamhet 2025 . . . . . . . . . . . . . . . . . . . . . . . . . . 8
4.1. Insatser för unga vuxna . . . . . . . . . . . . . . . . . 9
5. Budget och flerårsplan ……………………… 12
Bilagor____________________________________14"""

FIGURES = """Resultaträkning\tBudget 2025\tUtfall 2024\tAvvikelse
Medlemsavgifter\t1 250 000\t1 198 500\t51 500
Bidrag\t3 400 000\t3 412 250\t-12 250
Personalkostnader\t-2 860 000\t-2 911 300\t51 300
Lokalkostnader\t-412 000\t-398 750\t-13 250
Övriga kostnader\t-1 016 000\t-1 102 880\t86 880
Summa\t362 000\t197 820\t164 180
Andel\t12,5 %\t6,8 %\t5,7 %
Tkr\t2025\t2024\t+/-
Q1\t-120\t(85)\t−35
Q2\t240\t310\t−70
Q3\t-60\t(12)\t−48
Q4\t302\t-15\t317"""

NEGATIVE_AMOUNTS = """Avräkning mot medlemmarna 2024
Lägenhet 1101\t-1 250 kr
Lägenhet 1102\t−3 400,00 kr
Lägenhet 1103\t(2 100)
Lägenhet 1104\t-450:-
Lägenhet 1105\t–12 000 kr
Lägenhet 1106\t-7 800 kr
Lägenhet 1201\t-310 kr
Lägenhet 1202\t+1 500 kr
Lägenhet 1203\t-2 275,50 kr
Lägenhet 1204\t−980 kr
Lägenhet 1205\t-60 kr
Lägenhet 1206\t-1 100 kr
Summa att återbetala\t-31 425,50 kr"""

FORM = """Fullmakt för ombud vid föreningsstämma
Medlemmens namn: ____________________________
Lägenhetsnummer: __________  Telefon: ______________
Ombudets namn: ______________________________
Ombudet får rösta i följande frågor:
[X] Fastställande av resultat- och balansräkning
[ ] Ansvarsfrihet för styrelsen
[X] Val av styrelse och revisorer
[ ] Motioner
Ort och datum: ...........................................
Underskrift: ...........................................
Namnförtydligande: ...........................................
Fullmakten gäller högst ett år från utfärdandet."""

ENGLISH = """Minutes of the annual general meeting of the Nordic Users Association
1. Opening of the meeting
The chair opened the meeting and welcomed all members present.
2. Election of a secretary and two people to check the minutes
Jane Smith was elected secretary. Tom Berg and Ann Lee were elected to check the minutes.
3. Annual report
The board presented the annual report for 2024, which was approved by the meeting.
4. Budget
The meeting decided to adopt the budget and to keep the membership fee unchanged."""

# A layer as a poor OCR leaves it: words broken by misread letters, strokes read as lone letters.
BAD_OCR = r"""Protokcll f'ört vicl st1rclscnrötc i I3r{ Lärktr:ädct
I I
Ticl: tisclagcn clcn 4 nrars 2O25 kl l8.3O
I l'lats: fcirenirrgslokalcn. I-ärkr'ägen l2
$ I Mötcts örrpnandc
Orclftirandcn hälsaclc clc när\,arandc r'älkonrna och fi;rklaraclc mijtct öpl)nat.
I
l $2 \'al ar. .iustcrarc
Till att jämtc ordfiiranclcn .iustcra protokollct r,alcles Kcrstin Ål)crg.
t: 3 Ekononrisk ra1)port
Kassörcn reclo-{iorclc fiir fciren ingcns ekonorni. sorn iir gocl.
I
l"ll l"
Styrclscn laclc rappoltcn till hancllingarna."""


@pytest.mark.parametrize("text", [MINUTES, TABLE_OF_CONTENTS, FIGURES, NEGATIVE_AMOUNTS, FORM, ENGLISH],
                         ids=["minutes", "contents", "figures", "negative", "form", "english"])
def test_a_born_digital_page_of_any_kind_is_trusted(text: str) -> None:
    assert page_ocr_reason(make_lines(text), None) is None


def test_a_layer_of_bad_ocr_is_garbled() -> None:
    assert page_ocr_reason(make_lines(BAD_OCR), None) == GARBLED


@pytest.mark.parametrize("say", [shifted, substitution(7), substitution(2025)], ids=["shifted", "swap7", "swap2025"])
@pytest.mark.parametrize("text", [MINUTES, TABLE_OF_CONTENTS, FORM], ids=["minutes", "contents", "form"])
def test_words_of_substituted_letters_are_caught_however_word_like(text: str, say: Callable[[str], str]) -> None:
    lines = make_lines(garbled(text, say))
    assert read_page(lines).word_share >= 0.9  # shaped like words: only the letters give it away
    assert page_ocr_reason(lines, None) == SUBSTITUTED


@pytest.mark.parametrize("text", [MINUTES, ENGLISH, FORM], ids=["minutes", "english", "form"])
def test_a_layer_of_glyph_numbers_is_caught(text: str) -> None:
    """Capitals and signs in place of letters: words in capitals are judged by their letters too."""
    assert page_ocr_reason(make_lines(garbled(text, glyph_number)), None) in (GARBLED, SUBSTITUTED)


def test_glyphs_the_layer_could_not_map_are_garbage_but_a_symbol_fonts_boxes_are_not() -> None:
    unmapped = "\n".join(" ".join("\x03\x11\x07" * (k % 3 + 1) for k in range(6)) for _ in range(8))
    assert page_ocr_reason(make_lines(unmapped), None) == GARBLED
    replaced = MINUTES.replace("ö", "\ufffd").replace("ä", "\ufffd").replace("å", "\ufffd")
    assert page_ocr_reason(make_lines(replaced), None) == GARBLED
    # Word's check boxes in Wingdings are private-use characters: no evidence either way.
    boxes = FORM.replace("[X]", "\uf0fe").replace("[ ]", "\uf06f")
    assert page_ocr_reason(make_lines(boxes), None) is None


def test_a_layer_that_lost_letters_throughout_is_garbled_though_most_words_read() -> None:
    """pdfminer writes "(cid:N)" for a glyph its font does not map: inside words every "ö" or "å"
    of a font is lost. Alone, as a symbol font's bullet, it loses nothing."""
    lost = MINUTES.replace("ä", "(cid:228)")
    assert read_page(make_lines(lost)).trust >= 0.76  # most words still read
    assert page_ocr_reason(make_lines(lost), None) == GARBLED
    bullets = "\n".join(f"(cid:127) {line}" for line in MINUTES.splitlines())
    assert page_ocr_reason(make_lines(bullets), None) is None


def test_a_short_page_is_judged_with_its_document() -> None:
    short = make_lines("Bilaga 3\nSida 4 av 4")
    assert page_ocr_reason(short, None) is None
    assert page_ocr_reason(short, GARBLED) == GARBLED
    assert page_ocr_reason([], None) == "no text layer"


# --- Born-digital PDFs drawn here, read as the pipeline reads them ----------------------------------


def drawn_pdf(path: Path, pages: list[str], font: str = "Helvetica", size: float = 10) -> Path:
    """Each text a page, its tab-separated cells at fixed columns, as a word processor sets them."""
    canvas = Canvas(str(path), pagesize=A4)
    for text in pages:
        canvas.setFont(font, size)
        for k, line in enumerate(text.splitlines()):
            for column, cell in enumerate(line.split("\t")):
                x = 60 + 170 * column if column else 60
                if column:  # figures are set flush right, as in a spreadsheet
                    canvas.drawRightString(x + 120, 780 - 16 * k, cell)
                else:
                    canvas.drawString(x, 780 - 16 * k, cell)
        canvas.showPage()
    canvas.save()
    return path


def contents_with_spaced_leaders(path: Path) -> Path:
    """A table of contents whose leader dots are drawn apart from the heading and its page number."""
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(60, 780, "Innehållsförteckning")
    canvas.setFont("Helvetica", 11)
    entries = [("1", "Sammanfattning", 2), ("2", "Bakgrund", 3), ("2.1", "Uppdraget", 3), ("2.2", "Metod", 4),
               ("3", "Resultat", 5), ("3.1", "Medlemsenkäten", 6), ("3.2", "Ekonomin", 8), ("4", "Förslag", 10),
               ("5", "Fortsatt arbete", 11), ("6", "Bilagor", 12)]
    for k, (number, title, page) in enumerate(entries):
        y = 740 - 20 * k
        canvas.drawString(60, y, f"{number} {title}")
        dots_from = 70 + canvas.stringWidth(f"{number} {title}", "Helvetica", 11)
        canvas.drawString(dots_from, y, " ." * int((500 - dots_from) / canvas.stringWidth(" .", "Helvetica", 11)))
        canvas.drawRightString(530, y, str(page))
    canvas.showPage()
    canvas.save()
    return path


@pytest.mark.parametrize("pages", [[TABLE_OF_CONTENTS, MINUTES], [FIGURES], [NEGATIVE_AMOUNTS], [FORM],
                                   [MINUTES, "Bilaga 1\nSida 2 av 2"], [ENGLISH]],
                         ids=["contents", "figures", "negative", "form", "short", "english"])
def test_born_digital_pages_are_read_as_text(pages: list[str], tmp_path: Path) -> None:
    layout = read_layout(drawn_pdf(tmp_path / "page.pdf", pages))
    assert layout.provenance is not None and not layout.provenance.ocr
    assert [p.source for p in layout.provenance.pages] == ["text"] * len(pages)


def test_contents_with_leaders_drawn_apart_are_read_as_text(tmp_path: Path) -> None:
    layout = read_layout(contents_with_spaced_leaders(tmp_path / "innehall.pdf"))
    assert layout.provenance is not None and [p.source for p in layout.provenance.pages] == ["text"]
    assert any(line.text.startswith("3.1 Medlemsenkäten") for line in layout.lines)


def test_a_layer_with_substituted_letters_needs_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROTOKOLL_OCR", "off")
    path = tmp_path / "lying.pdf"
    path.write_bytes(text_pdf([MINUTES.splitlines()], layer_says=shifted))
    with pytest.raises(UnreadableDocument, match=r"letters are substituted; needs OCR"):
        read_layout(path)


def test_a_page_with_substituted_letters_is_skipped_among_good_ones_without_ocr(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROTOKOLL_OCR", "off")
    lying, good = tmp_path / "lying.pdf", tmp_path / "good.pdf"
    lying.write_bytes(text_pdf([MINUTES.splitlines()], layer_says=substitution(11)))
    good.write_bytes(text_pdf([ENGLISH.splitlines(), FORM.splitlines()]))
    import pypdfium2 as pdfium

    joined = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(str(good)), pdfium.PdfDocument(str(lying))]
    try:
        joined.import_pages(sources[0], [0])
        joined.import_pages(sources[1], [0])
        joined.import_pages(sources[0], [1])
        joined.save(str(tmp_path / "joined.pdf"))
    finally:
        for document in (joined, *sources):
            document.close()
    layout = read_layout(tmp_path / "joined.pdf")
    assert layout.provenance is not None
    assert [(p.page, p.source) for p in layout.provenance.pages] == [(1, "text"), (2, "skipped"), (3, "text")]
    assert layout.provenance.pages[1].note == f"{SUBSTITUTED}; needs OCR"


@needs_tesseract
def test_a_layer_with_substituted_letters_is_read_by_ocr(tmp_path: Path) -> None:
    path = tmp_path / "lying.pdf"
    path.write_bytes(text_pdf([MINUTES.splitlines()], layer_says=substitution(3)))
    record = extract_file(path)
    assert record.provenance is not None and [p.source for p in record.provenance.pages] == ["ocr"]
    assert record.provenance.pages[0].note == SUBSTITUTED
    assert [(i.number, i.title) for i in record.items] == [
        (1, "Mötets öppnande"), (2, "Val av justerare"), (3, "Ekonomisk rapport"), (4, "Fasadrenovering"),
        (5, "Nästa möte")]


def test_a_blank_page_is_not_sent_to_ocr(tmp_path: Path) -> None:
    """A page with nothing on it (no text, image or drawing) has no text layer to miss: OCR would
    read nothing there."""
    path = tmp_path / "blank.pdf"
    canvas = Canvas(str(path), pagesize=A4)
    for k, line in enumerate(MINUTES.splitlines()):
        canvas.drawString(60, 780 - 16 * k, line)
    canvas.showPage()
    canvas.showPage()  # left blank
    canvas.drawString(60, 780, "Bilaga 1")
    canvas.rect(60, 400, 300, 200)  # a drawing: something OCR may read
    canvas.showPage()
    canvas.rect(60, 400, 300, 200)
    canvas.showPage()
    canvas.save()
    layout = read_layout(path)
    assert layout.provenance is not None
    sources = [(p.page, p.source, p.note) for p in layout.provenance.pages]
    assert sources[:3] == [(1, "text", None), (2, "text", "blank page"), (3, "text", None)]
    assert sources[3][1] != "text"  # a drawing only: OCR reads it, or it is skipped without OCR
