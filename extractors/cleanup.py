"""Layout clean-up: page furniture out, paragraphs in.

Running headers and footers are the lines a page repeats at its top or bottom (compared with
digits normalised, so "Sida 3(18)" and "Sida 4(18)" are one line) and the Swedish furniture
words ("Justerandes signatur", "Utdragsbestyrkande"). They are removed from the content but
kept aside: a running header still names the organisation, the body and the date.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from extractors.text import clean, fold
from schemas.layout import Layout, Line

TOP_ZONE = 6
BOTTOM_ZONE = 4
# How far a printed page number may stand from the file's page number (a cover left unnumbered,
# an utdrag keeping the protokoll's numbers is written "Sida 14", with the word).
PAGE_NUMBER_OFFSET = 2

_PAGE_NUMBER = re.compile(
    r"^(?:sid(?:a|an)?\.?\s*)?\d{1,3}(?:\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3}|/\s*\d{1,3}))?$"
)
_PAGE_REFERENCE = re.compile(r"\bsid(?:a|an)\b|\b\d{1,3}\s*\(\s*\d{1,3}\s*\)\s*$|\b\d{1,3}\s+av\s+\d{1,3}\s*$")
_FURNITURE_WORDS = re.compile(
    r"^(?:justerandes?\s*(?:signatur|sign\.?|signaturer)?|justerare\s*sign\.?|utdragsbestyrkande|"
    r"ordförandes\s*sign\.?|sekreterarens?\s*sign\.?|sign\.?|sida|sidan|"
    r"doc(?:ument)?\s*id:?\s*[0-9a-f-]{8,}|-+|_+|\.+|\|+)$"
)


@dataclass
class Cleaned:
    """Content lines in reading order, and the furniture text removed from them."""

    lines: list[Line]
    furniture: list[str] = field(default_factory=list)


def remove_furniture(layout: Layout) -> Cleaned:
    pages: dict[int, list[Line]] = defaultdict(list)
    for line in layout.lines:
        pages[line.page].append(line)
    repeated = _repeated_keys(pages)
    height = max((line.bottom for line in layout.lines), default=0.0)
    keep: list[Line] = []
    furniture: list[str] = list(layout.header_lines)
    for number in sorted(pages):
        page_lines = pages[number]
        drop = _furniture_indexes(page_lines, repeated, height)
        for i, line in enumerate(page_lines):
            if i in drop:
                if line.text not in furniture:
                    furniture.append(line.text)
            elif not _is_furniture_text(line, page=number):
                keep.append(line)
    furniture.extend(t for t in layout.footer_lines if t not in furniture)
    return Cleaned(lines=keep, furniture=furniture)


def furniture_key(text: str) -> str:
    """Page numbers out, digits to '#': what stays the same from page to page."""
    parts = []
    for part in text.split("\t"):
        folded = fold(part)
        if _PAGE_NUMBER.match(folded):
            continue
        folded = re.sub(r"\s*\b(?:sida|sidan)\b\s*\d+(?:\s*(?:\(\s*\d+\s*\)|av\s+\d+))?", "", folded)
        folded = re.sub(r"\s*\d+\s*\(\s*\d+\s*\)$", "", folded)
        parts.append(re.sub(r"\d", "#", folded))
    return "\t".join(p for p in parts if p)


def _repeated_keys(pages: dict[int, list[Line]]) -> set[tuple[str, int]]:
    if len(pages) < 2:
        return set()
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for number, page_lines in pages.items():
        zone = page_lines[:TOP_ZONE] + page_lines[-BOTTOM_ZONE:]
        for line in zone:
            key = furniture_key(line.text)
            if key:
                seen[(key, _position(line))].add(number)
    needed = max(2, math.ceil(0.5 * len(pages)))
    return {key for key, where in seen.items() if len(where) >= needed}


def _position(line: Line) -> int:
    """Where on the page a line sits: running headers and footers keep their place, while
    content that happens to repeat ("Godkänna informationen.") moves with the text."""
    return round(line.top / 6)


def _furniture_indexes(page_lines: list[Line], repeated: set[tuple[str, int]], height: float) -> set[int]:
    """The run of furniture lines from the top of a page and the run from its bottom; a
    repeated line counts only in the page's top or bottom quarter."""
    drop: set[int] = set()
    top_run = range(min(TOP_ZONE, len(page_lines)))
    bottom_run = range(len(page_lines) - 1, max(-1, len(page_lines) - 1 - BOTTOM_ZONE), -1)
    for order, in_margin in ((top_run, lambda ln: ln.bottom <= 0.25 * height),
                             (bottom_run, lambda ln: ln.top >= 0.75 * height)):
        for i in order:
            line = page_lines[i]
            if _is_furniture_text(line) or (in_margin(line) and _is_furniture_line(line, repeated)):
                drop.add(i)
            else:
                break
    return drop


def _is_furniture_line(line: Line, repeated: set[tuple[str, int]]) -> bool:
    if _is_furniture_text(line):
        return True
    key = furniture_key(line.text)
    if not key:  # nothing but a page number
        return True
    # A § heading that happens to open many pages is content, however often it repeats; a header
    # that also names the page ("Protokoll  17 §  09.05.2023  Sida 2") is the case system's running
    # header, which prints the § the page belongs to.
    if "§" in line.text and not _names_the_page(line.text):
        return False
    return (key, _position(line)) in repeated


def _names_the_page(text: str) -> bool:
    """A page reference in a line: "Sida", "Sida 3 (18)", "3 av 18"."""
    return bool(_PAGE_REFERENCE.search(fold(text)))


def is_furniture_phrase(text: str) -> bool:
    """Furniture words or a page number, in any one text."""
    folded = fold(text)
    return bool(_FURNITURE_WORDS.match(folded) or _PAGE_NUMBER.match(folded))


def _is_furniture_text(line: Line, page: int | None = None) -> bool:
    """A line of nothing but furniture words and page numbers. Given the page a line stands on
    away from the page's edges, a bare number counts as its page number only when it is about
    that page's number: a point's mark alone on its line ("10", or "101" as OCR reads "10/") or
    a figure set apart is content."""
    parts = [fold(s.text) for s in line.segments if clean(s.text)]
    if not parts:
        return True
    if page is not None and any(p.isdigit() and abs(int(p) - page) > PAGE_NUMBER_OFFSET for p in parts):
        return False
    return all(_FURNITURE_WORDS.match(p) or _PAGE_NUMBER.match(p) for p in parts) and not all(
        p.isdigit() and len(p) > 4 for p in parts
    )
