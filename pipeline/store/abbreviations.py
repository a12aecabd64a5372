"""Abbreviations a text defines, "Rådgivande myndighetsgemensamt team (RMGT)", found by the
Schwartz–Hearst rule: the abbreviation's letters, read right to left, must appear in order in
the words before the parenthesis, its first letter at the start of a word.

The store keeps what every document defines, so that a search for "RMGT" also finds a
document that only writes the long form, whichever document defined it.
"""

from __future__ import annotations

import re

ABBREVIATION_IN_PARENS = re.compile(r"\(\s*([A-ZÅÄÖ][A-ZÅÄÖa-zåäö0-9]{1,9})\s*\)")
WORD_BEFORE = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)*")


def defined_abbreviations(text: str) -> list[tuple[str, str]]:
    """Every (abbreviation, long form) the text defines as "long form (ABBR)"."""
    found: list[tuple[str, str]] = []
    for match in ABBREVIATION_IN_PARENS.finditer(text):
        short = match.group(1)
        if sum(c.isupper() for c in short) < 2:
            continue  # "(Bifogas)" is a remark, not an abbreviation
        before = WORD_BEFORE.findall(text[max(0, match.start() - 200):match.start()])
        window = before[-min(len(short) + 5, 2 * len(short)):]
        long_form = _long_form(short, " ".join(window))
        if long_form and len(long_form) > len(short) + 2:
            found.append((short, long_form))
    return found


def _long_form(short: str, candidate: str) -> str | None:
    """The shortest tail of ``candidate`` whose letters spell ``short`` (Schwartz & Hearst 2003)."""
    letters = [c.lower() for c in short if c.isalnum()]
    s_index, l_index = len(letters) - 1, len(candidate) - 1
    while s_index >= 0:
        wanted = letters[s_index]
        while l_index >= 0 and (
            candidate[l_index].lower() != wanted
            or (s_index == 0 and l_index > 0 and candidate[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    return candidate[l_index + 1:].strip() or None
