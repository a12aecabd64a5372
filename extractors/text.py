"""Small text helpers shared by the extractors: normalising, Swedish dates and times,
and the shapes of names."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
    "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

ISO_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?!\d)")
DMY_DATE = re.compile(r"(?<![\d-])(?P<d>[0-3]?\d)[-./](?P<m>[01]?\d)[-./](?P<y>(?:19|20)\d{2})(?!\d)")
WORD_DATE = re.compile(
    rf"(?<!\w)(?P<d>[0-3]?\d)(?:e|:e)?\s+(?P<m>{_MONTH_NAMES})\.?\s+(?P<y>(?:19|20)\d{{2}})(?!\d)",
    re.IGNORECASE,
)
DAY_MONTH = re.compile(rf"(?<!\w)(?P<d>[0-3]?\d)(?:e|:e)?\s+(?P<m>{_MONTH_NAMES})\b", re.IGNORECASE)
COMPACT_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")

TIME_RANGE = re.compile(
    r"(?:\bkl(?:ockan)?\.?\s*)?(?P<a>(?:[01]?\d|2[0-3])[.:][0-5]\d)"
    r"(?:\s*(?:[-–—]|till)\s*(?:kl\.?\s*)?(?P<b>(?:[01]?\d|2[0-3])[.:][0-5]\d))?",
    re.IGNORECASE,
)

DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " ", "\u202f": " "})


def clean(text: str) -> str:
    """NFC, one space between words, typographic dashes and spaces made plain."""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    return " ".join(text.split())


def fold(text: str) -> str:
    """A comparison key: case-folded, dashes plain, whitespace single, edges stripped."""
    return re.sub(r"\s+", " ", clean(text).translate(DASHES).casefold()).strip(" .,;:")


def person_key(name: str) -> str:
    """One key for the spelling variants of a person's name ("Britt-Mari" / "Britt Mari")."""
    return re.sub(r"[\s\-‐‑]+", "", fold(name))


def find_dates(text: str) -> list[tuple[int, date]]:
    """Every date written in the text, as (position, date), in order of position."""
    found: list[tuple[int, date]] = []
    for pattern in (ISO_DATE, WORD_DATE, DMY_DATE, COMPACT_DATE):
        for match in pattern.finditer(text):
            if any(start <= match.start() < start + 10 for start, _ in found):
                continue
            parsed = _to_date(match)
            if parsed:
                found.append((match.start(), parsed))
    return sorted(found, key=lambda pair: pair[0])


def _to_date(match: re.Match[str]) -> date | None:
    month = match.group("m")
    month_number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."), 0)
    try:
        return date(int(match.group("y")), month_number, int(match.group("d")))
    except ValueError:
        return None


def find_time(text: str) -> tuple[str, int, int] | None:
    """A meeting time ("13.00-17.00", "09.00") in the text, with its span; dates are skipped."""
    for match in TIME_RANGE.finditer(text):
        before = text[max(0, match.start() - 1):match.start()]
        if before.isdigit() or before in "-/":
            continue
        start, end = match.group("a"), match.group("b")
        value = f"{start}-{end}" if end else start
        return value, match.start(), match.end()
    return None


NAME_WORD = (
    r"(?:[A-ZÅÄÖÉÜØÆ][a-zåäöéèüøæáíóúñ'’]+(?:-[A-ZÅÄÖÉÜØÆa-zåäö][a-zåäöéèüøæ]+)?"
    r"|[A-ZÅÄÖ][a-zåäö]*[A-ZÅÄÖ][a-zåäö]+)"  # "IngMarie"
)
PARTICLE = r"(?:von|van|af|de|der|da|di|la|le|el|bin)"
PERSON_NAME = re.compile(
    rf"{NAME_WORD}(?:\s+(?:{PARTICLE}\s+)?{NAME_WORD}){{1,3}}"
)


NAME_LIST = re.compile(rf"{PERSON_NAME.pattern}(?:\s*(?:,|och|samt|&)\s*{PERSON_NAME.pattern})*")


def is_name_list(text: str) -> bool:
    """Only people's names: "Fredrik Håård", "Tome Cvitan och Jyrki Pulliainen."."""
    return bool(NAME_LIST.fullmatch(clean(text).rstrip(".")))


def looks_like_person(text: str) -> bool:
    """Two to four capitalised name words and nothing else ("Anna Ek", "Britt-Mari Enholm Gahnström")."""
    text = clean(text)
    return bool(PERSON_NAME.fullmatch(text))
