"""Pages whose text is printed a quarter turn round: a landscape budget table on a portrait page.

pdfplumber reports such characters as not upright, in the page's own coordinates: words come out
reversed or scattered over many lines. When most of a page's text is turned, the turned characters
are mapped into their own reading frame (left to right, top to bottom) and read as lines of their
own. Turned text in the margin of an upright page (an e-signature stamp) is dropped as furniture
by pdf.without_margin_stamps.
"""

from __future__ import annotations

from typing import Any

from pdfplumber.utils import extract_words

Char = dict[str, Any]

# Share of a page's characters that must be turned for the page to be read in the turned frame.
TURNED_SHARE = 0.5


def turned_chars(page: Any) -> list[Char]:
    """The page's turned characters mapped into their reading frame, or [] when the page reads
    upright."""
    chars = page.chars
    turned = [c for c in chars if not c.get("upright", True) and c.get("text", "").strip()]
    printed = [c for c in chars if c.get("text", "").strip()]
    if not printed or len(turned) <= TURNED_SHARE * len(printed):
        return []
    upward = sum(1 for c in turned if c["matrix"][1] > 0) * 2 >= len(turned)
    return [_into_frame(c, upward, float(page.width), float(page.height)) for c in turned]


def turned_words(page: Any, x_tolerance: float) -> list[Char]:
    """Words of a page's turned text in its reading frame, as ``page.extract_words`` gives them."""
    chars = turned_chars(page)
    if not chars:
        return []
    return extract_words(chars, x_tolerance=x_tolerance, extra_attrs=["fontname", "size"], keep_blank_chars=False)


def is_turned(char: Char) -> bool:
    return not char.get("upright", True)


def _into_frame(char: Char, upward: bool, width: float, height: float) -> Char:
    """Text that runs up the page (turned anticlockwise) reads from the page's bottom edge, its
    lines from left to right; text that runs down reads from the top edge, lines right to left."""
    if upward:
        x0, x1 = height - char["bottom"], height - char["top"]
        top, bottom = char["x0"], char["x1"]
    else:
        x0, x1 = char["top"], char["bottom"]
        top, bottom = width - char["x1"], width - char["x0"]
    # pdfplumber measures a turned character's size across its advance; its height in the frame
    # is the font size.
    return {**char, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "upright": True,
            "width": x1 - x0, "height": bottom - top, "size": round(bottom - top, 1)}
