"""extractors/paragraphs.py: wrapped lines joined into paragraphs, by the text's own spacing."""

from __future__ import annotations

from extractors.paragraphs import line_gap, to_paragraphs
from schemas.layout import Line
from tests.conftest import make_line

LINE_SPACING = 3.0  # between two lines of one paragraph
SPACE_AFTER = 9.0  # between paragraphs, as Word's default style sets them apart


def _set(paragraphs: list[list[str]]) -> list[Line]:
    """Lines of 11 pt at the given spacing: each inner list one paragraph, wrapped as given."""
    lines, top = [], 100.0
    for paragraph in paragraphs:
        for text in paragraph:
            lines.append(make_line(text, top=top))
            top += 11.0 + LINE_SPACING
        top += SPACE_AFTER - LINE_SPACING
    return lines


WRAPPED = ["Föreningen har under våren haft en rad öppna kvällar i lokalen på Storgatan och",
           "fortsätter med dem under hösten."]
LEAD = "Styrelsen utser följande ledamöter till arbetsgruppen för lokalfrågor under året:"


def test_a_text_of_one_line_paragraphs_set_apart_measures_its_line_spacing_on_wrapped_lines() -> None:
    lines = _set([WRAPPED] * 5 + [["Mötet öppnas."], ["Kassören redogör."], ["Inga frågor."]] * 4)
    assert line_gap(lines) == LINE_SPACING


def test_a_full_width_lead_ending_in_a_colon_stays_apart_from_the_list_below_it() -> None:
    lines = _set([WRAPPED] * 5 + [[LEAD], ["Sammankallande"], ["Anna Berg"], ["Per Lind"], ["Kim Ek"]]
                 + [["Mötet öppnas."], ["Kassören redogör."], ["Inga frågor."]] * 3)
    texts = [p.text for p in to_paragraphs(lines, "lines")]
    assert LEAD in texts and "Sammankallande" in texts
    assert " ".join(WRAPPED) in texts  # must not break: the lines of one wrapped paragraph


def test_a_few_wrapped_lines_are_enough_even_when_one_paragraph_ends_at_the_margin() -> None:
    # Minutes of short one-line points: three lines fill the width, one of them the last line of
    # its paragraph; the spacing of the other two is the text's line spacing.
    full_stop = "Kassören redogör för årets bokslut som visar ett överskott på drygt tolvtusen."
    lines = _set([WRAPPED, WRAPPED, [full_stop], ["Bokslutet godkänns."], ["Mötet öppnas."], ["Inga frågor."],
                  ["Nästa möte i maj."]])
    assert line_gap(lines) == LINE_SPACING
    texts = [p.text for p in to_paragraphs(lines, "lines")]
    assert full_stop in texts and "Bokslutet godkänns." in texts
