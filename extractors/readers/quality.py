"""How far a text layer can be trusted: the share of its tokens that read as words.

A bad OCR layer ("Stcnäldcrns sa ml?i I lighctslii") scores low: few tokens are words, many
are lone letters. Measured per page, so that one garbled page of a file is OCR'd and the
others are read as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from schemas.layout import Layout, Line

# A token of ordinary text: a word, a number or date, an abbreviation, a sign.
_WORD_TOKEN = re.compile(
    r"^[(\"“”'«]*(?:[A-ZÅÄÖÉa-zåäöéü][a-zåäöéü]+(?:-[A-ZÅÄÖa-zåäö][a-zåäö]+)*|[A-ZÅÄÖ]{2,}|"
    r"\d+(?:[-.,:/]\d+)*%?|[A-ZÅÄÖ]|[a-zåäö]|§+|[-–•])[)\"“”'»]*[.,:;!?)]*$"
)
# Below this share a text layer is garbage. Clean scans and born-digital files score above 0.83.
GARBLED_BELOW = 0.78
# Fewer tokens than this say too little to judge a whole document, or a page, by.
MIN_TOKENS_DOCUMENT = 50
MIN_TOKENS_PAGE = 25


def word_share(tokens: list[str]) -> float:
    """The share of tokens that read as words, less the share of lone letters (0 for no tokens)."""
    if not tokens:
        return 0.0
    words = sum(bool(_WORD_TOKEN.match(t)) for t in tokens) / len(tokens)
    letters = sum(len(t) == 1 and t.isalpha() for t in tokens) / len(tokens)
    return round(words - letters, 3)


def tokens_of(lines: Iterable[Line]) -> list[str]:
    return [t for line in lines for t in line.text.split()]


def is_garbled(layout: Layout) -> bool:
    """The whole text layer is a bad OCR."""
    tokens = tokens_of(layout.lines)
    return len(tokens) >= MIN_TOKENS_DOCUMENT and word_share(tokens) < GARBLED_BELOW


def page_ocr_reason(page_lines: list[Line], document_garbled: bool) -> str | None:
    """Why a page must be read by OCR ("no text layer", "garbled text layer"), or None when its
    text layer is good. A page with few tokens is judged with its document."""
    tokens = tokens_of(page_lines)
    if not tokens:
        return "no text layer"
    if len(tokens) >= MIN_TOKENS_PAGE:
        return "garbled text layer" if word_share(tokens) < GARBLED_BELOW else None
    return "garbled text layer" if document_garbled else None
