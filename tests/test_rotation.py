"""Turned text on PDF pages: a landscape page's content is read in its own frame, a stamp up the
margin is furniture."""

from pathlib import Path

import pdfplumber
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from extractors.readers import read_layout
from extractors.readers.pdf import without_margin_stamps
from pipeline.extract import extract_file

STAMP = "Signerat elektroniskt · Verifikat 7Q2C-19PX · Sida 1/1"
BODY = ["§ 1 Mötets öppnande", "Ordföranden öppnade mötet.", "§ 2 Val av justerare",
        "Till justerare valdes Anna Ek.", "§ 3 Avslutning", "Mötet avslutades."]


def minutes_with_turned_text(path: Path, x: float, y: float) -> None:
    canvas = Canvas(str(path), pagesize=A4)
    for k, text in enumerate(BODY):
        canvas.drawString(90, 760 - 18 * k, text)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.rotate(90)
    canvas.setFont("Helvetica", 7)
    canvas.drawString(0, 0, STAMP)
    canvas.restoreState()
    canvas.showPage()
    canvas.save()


def test_a_stamp_up_the_margin_is_left_out_of_the_lines(tmp_path: Path) -> None:
    path = tmp_path / "stamped.pdf"
    minutes_with_turned_text(path, 40, 600)  # left of the text, across the lines of the body
    layout = read_layout(path)
    assert [line.text for line in layout.lines] == BODY
    assert [item.number for item in extract_file(path).items] == [1, 2, 3]


def test_turned_text_among_the_lines_is_no_stamp(tmp_path: Path) -> None:
    """Turned text within the width of the text (a turned column header) is content: only turned
    text left or right of all the upright text is taken for a stamp."""
    inside, margin = tmp_path / "inside.pdf", tmp_path / "margin.pdf"
    minutes_with_turned_text(inside, 150, 400)
    minutes_with_turned_text(margin, 40, 600)
    for path, kept in ((inside, True), (margin, False)):
        with pdfplumber.open(path) as pdf:
            words = pdf.pages[0].extract_words(x_tolerance=1.5)
        turned = " ".join(w["text"] for w in words if not w["upright"])
        assert sorted(turned.replace(" ", "")) == sorted(STAMP.replace(" ", ""))  # read in any order
        left = " ".join(w["text"] for w in without_margin_stamps(words) if not w["upright"])
        assert (left == turned) is kept
