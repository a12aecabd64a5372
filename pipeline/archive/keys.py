"""What the archive derives from one record, without the store: a meeting's session (time or
number), whether a file is an utdrag, a diarienummer as a comparable key, the references an
item's text makes to another body's §, and the address-safe words of a meeting's id.

Pure functions of the record's fields: the record carries no meeting number, no utdrag flag and
no normalised diarienummer, so the archive derives them here (general shapes of writing, no
organisation or file named).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from extractors.lang.sv.bodies import BODY_ABBREVIATIONS, BODY_NOUNS
from extractors.text import TIME_RANGE, find_dates, fold
from pipeline.archive.lang import DNR_LABELS, EXTRACT_WORDS, MEETING_NUMBER_WORDS
from schemas.record import Document

# -- sessions: two meetings of one body on one day ----------------------------------------------

MEETING_NUMBER = re.compile(rf"\b(?:{'|'.join(map(re.escape, MEETING_NUMBER_WORDS))})\.?\s*(\d{{1,3}})\b",
                            re.IGNORECASE)


def session_of(record: Document) -> str | None:
    """What tells this meeting from another of its body on the same day: its start time
    ("13.00-17.00" -> "13.00"), else its number as the title gives it ("möte 2", "nr 11")."""
    if record.time:
        found = TIME_RANGE.search(record.time)
        if found:
            hours, minutes = re.split(r"[.:]", found.group("a"))
            return f"{int(hours):02d}.{minutes}"
    number = MEETING_NUMBER.search(record.title or "")
    return f"nr {int(number.group(1))}" if number else None


MAX_EXTRACT_ITEMS = 2


def is_extract(record: Document) -> bool:
    """An utdrag: a file that says it is an extract of the minutes, or a protokoll that has the
    shape of one: one or two §§ and nothing of the meeting around them (no attendees, chair,
    secretary or justerare). The record has no utdrag flag of its own."""
    words = fold(" ".join(filter(None, (record.title, record.kind))))
    if any(word in words for word in EXTRACT_WORDS):
        return True
    numbered = [item for item in record.items if item.number is not None]
    return (record.kind == "protokoll" and 0 < len(numbered) <= MAX_EXTRACT_ITEMS and not record.attendees
            and not (record.chair or record.secretary or record.adjusters))


# -- diarienummer ---------------------------------------------------------------------------------

DNR_LABEL = re.compile(rf"^(?:{'|'.join(map(re.escape, DNR_LABELS))})\.?\s*:?\s*", re.IGNORECASE)
# A series (letters) before or after a year and a number: "KS 2024/123", "KS2024-123",
# "2026.272 KS", "KU/2007.9", "26/0001-1" (the part after the number names a document of the case).
DNR_SHAPE = re.compile(
    r"^(?:(?P<pre>[^\W\d_]{1,10})\s*[/:.-]?\s*)?(?P<year>\d{4}|\d{2})\s*[/.:-]\s*(?P<number>\d{1,7})"
    r"(?:\s*[/.:-]\s*\d{1,4})?(?:\s+(?P<post>[^\W\d_]{1,10}))?$")


@dataclass(frozen=True, order=True)
class Dnr:
    """A diarienummer as a key: series (None when not written), year, number."""

    year: int
    number: int
    series: str | None = None

    @property
    def key(self) -> str:
        """The case's address: "KS-2024-123", or "2024-123" without a series."""
        return "-".join(str(p) for p in (self.series, self.year, self.number) if p is not None)

    def __str__(self) -> str:
        return f"{self.series + ' ' if self.series else ''}{self.year}/{self.number}"

    def matches(self, other: Dnr) -> bool:
        """The same year and number, and the same series where both write one."""
        return (self.year, self.number) == (other.year, other.number) and (
            self.series is None or other.series is None or self.series == other.series)


def parse_dnr(text: str | None) -> Dnr | None:
    """A diarienummer however it is written ("KS 2024/123", "KS2024-123", "Dnr 2024.123",
    "2026.272 KS", "KS-2024-123" as an address gives it), or None when it has no year and number."""
    if not text:
        return None
    cleaned = DNR_LABEL.sub("", unicodedata.normalize("NFKC", text).strip())
    match = DNR_SHAPE.match(cleaned)
    if not match or (match.group("pre") and match.group("post")):
        return None
    series = (match.group("pre") or match.group("post") or "").upper() or None
    return Dnr(full_year(match.group("year")), int(match.group("number")), series)


def full_year(text: str) -> int:
    """A two-digit year as the century it most likely means (archives hold no future)."""
    if len(text) == 4:
        return int(text)
    year = int(text)
    return 2000 + year if year <= date.today().year % 100 + 1 else 1900 + year


# -- references between bodies ---------------------------------------------------------------------

PARAGRAPH = re.compile(r"§\s?(\d{1,4})(?!\s*[,.]?\d)")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
REFERENCE_WINDOW = 80  # characters before a § where the body it belongs to is named
AFTER_WINDOW = 12  # "§ 84 KSAU": an abbreviation right after the number


@dataclass(frozen=True)
class Reference:
    """An item's text citing another body's §: "Kommunstyrelsens förslag § 45"."""

    body_key: str  # the body as the store folds it: "kommunstyrelsen"
    paragraph: int
    day: date | None
    raw: str


def body_named(word: str) -> str | None:
    """The body a word names, folded in its definite form: "Kommunstyrelsens" -> "kommunstyrelsen",
    "KSAU" -> "kommunstyrelsens arbetsutskott"; None for other words and bare nouns ("nämnden")."""
    folded = fold(word)
    if folded in BODY_ABBREVIATIONS:
        return fold(BODY_ABBREVIATIONS[folded])
    for noun, definite in BODY_NOUNS.items():
        for ending, form in ((definite + "s", definite), (definite, definite), (noun + "s", definite),
                             (noun, definite)):
            if folded.endswith(ending) and len(folded) > len(ending):
                return folded[: len(folded) - len(ending)] + form
    return None


def references_in(text: str) -> list[Reference]:
    """Every § of another body an item's text cites, with the date when written beside it."""
    found: list[Reference] = []
    for match in PARAGRAPH.finditer(text):
        before = text[max(0, match.start() - REFERENCE_WINDOW):match.start()]
        after = text[match.end():match.end() + AFTER_WINDOW]
        abbreviation = _abbreviation_after(after)
        body = body_named(abbreviation) if abbreviation else _last_body(before)
        if body is None:
            continue
        dates = find_dates(before[-40:] + " " + after)
        day = dates[-1][1] if dates else None
        start = max(0, match.start() - REFERENCE_WINDOW)
        raw = " ".join(text[start:match.end()].split()[-8:])
        found.append(Reference(body, int(match.group(1)), day, raw))
    return found


def _last_body(text: str) -> str | None:
    # Only the clause the § stands in: a full stop ends the reach of a body named before it.
    clause = re.split(r"[.;:](?:\s|$)", text)[-1]
    words = WORD.findall(clause)
    for position in range(len(words) - 1, -1, -1):
        body = body_named(words[position])
        if body is None:
            continue
        owner = words[position - 1] if position else ""
        if owner.endswith("s") and body_named(owner):  # "kommunstyrelsens arbetsutskott": a body of a body
            return f"{fold(owner)} {fold(words[position])}"
        return body
    return None


def _abbreviation_after(text: str) -> str | None:
    """The abbreviation written right after a § ("§ 84 KSAU"), which then names its body alone."""
    words = WORD.findall(text)
    return words[0] if words and len(words[0]) > 1 and words[0].isupper() and text.lstrip()[:1].isalpha() else None


# -- meeting ids ------------------------------------------------------------------------------------

def slug(text: str | None) -> str:
    """Words for an address: ASCII letters and digits joined by '-' ("Västra Mälardalen" -> "vastra-malardalen")."""
    plain = unicodedata.normalize("NFKD", fold(text or "")).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain))
