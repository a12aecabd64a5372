"""Matchers over the Swedish language data in extractors/lang/sv: what the extractors ask of a word
or a label."""

from __future__ import annotations

import re

from extractors.lang.sv.abbreviations import NON_FINAL_ABBREVIATIONS
from extractors.lang.sv.documents import APPENDIX_HEADS, APPENDIX_LISTS, MEETING_TITLE_WORDS
from extractors.lang.sv.labels import ATTENDEE_LABELS, ITEM_SECTION_LABELS, OTHER_LABELS
from extractors.lang.sv.numbering import (
    ITEM_NUMBER_WORDS,
    NOT_AN_ITEM_AFTER,
    POINT_MARK_CHARS,
    POINT_SEPARATORS,
    POINT_STOP_CHARS,
    SECTION_SIGN_MISREADINGS,
    SECTION_SIGNS,
)
from extractors.lang.sv.organisations import ORGANISATION_ENDINGS, ORGANISATION_HEADS
from extractors.lang.sv.roles import ROLE_ENDINGS, ROLE_WORDS


def _ending(words: tuple[str, ...]) -> re.Pattern[str]:
    """A word that ends in one of ``words`` (longest first, so that "förbundet" wins over "förbund")."""
    return re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")$",
                      re.IGNORECASE)


_ROLE_SUFFIX = _ending(ROLE_ENDINGS)
ORG_WORDS = _ending(ORGANISATION_ENDINGS)


def is_role(text: str) -> bool:
    """A title or role ("ordförande", "verksamhetschef", "projektledare Hela Viia")."""
    words = text.strip().casefold().split()
    if not words:
        return False
    head = words[0].strip(",.")
    return text.strip().casefold() in ROLE_WORDS or head in ROLE_WORDS or bool(_ROLE_SUFFIX.search(head))


def is_organisation(text: str) -> bool:
    """Names an organisation ("Köpings kommun", "Försäkringskassan", "Region Västmanland")."""
    words = [w.strip(",.()") for w in text.split()]
    if not words:
        return False
    if words[0].casefold() in ORGANISATION_HEADS:
        return True
    return any(ORG_WORDS.search(w) for w in words)


def label_key(text: str) -> str:
    """A label as compared: lower case, no trailing colon, single spaces."""
    return " ".join(text.replace("\u00a0", " ").strip().rstrip(":").strip().casefold().split())


def attendee_group(text: str) -> str | None:
    return ATTENDEE_LABELS.get(label_key(text))


def is_front_label(text: str) -> bool:
    key = label_key(text)
    return key in ATTENDEE_LABELS or key in OTHER_LABELS


def is_item_section_label(text: str) -> bool:
    key = label_key(text)
    return key in ITEM_SECTION_LABELS or bool(re.fullmatch(r"[\wåäö-]+s (?:beslut|förslag(?: till beslut)?)", key))


# A table cell that holds only a point's number ("4", "4.", "§ 4"): the first column of minutes
# set in a grid (Punkt | Vad | Ansvar).
ITEM_NUMBER_CELL = re.compile(r"^(?:§\s*)?(\d{1,3})[.):]?$")


def _alternatives(words: tuple[str, ...]) -> str:
    """Words as regex alternatives, longest first."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _char_class(chars: str | tuple[str, ...]) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


# -- numbering (extractors/lang/sv/numbering.py) ------------------------------------------

SECTION_SIGN = _char_class(SECTION_SIGNS)
POINT_SEPARATOR = _char_class(POINT_SEPARATORS)
POINT_MARK_CHAR = _char_class(POINT_MARK_CHARS)
POINT_STOP_CHAR = _char_class(POINT_STOP_CHARS)
# "Punkt 3", "p. 3", "Paragraf 12" at the start of a line.
ITEM_NUMBER_WORD = re.compile(rf"^(?:{_alternatives(ITEM_NUMBER_WORDS)})\.?\s*(?=\d)", re.IGNORECASE)
# A sign OCR made of "§": "$ 4", "&4.", "S 12"; a digit ("8 9.") only with a space after it.
_LETTER_MISREADINGS = tuple(s for s in SECTION_SIGN_MISREADINGS if not s.isdigit())
_DIGIT_MISREADINGS = tuple(s for s in SECTION_SIGN_MISREADINGS if s.isdigit())
SECTION_SIGN_MISREAD = (rf"(?:{_char_class(_LETTER_MISREADINGS)}\s*" +
                        (rf"|{_char_class(_DIGIT_MISREADINGS)}\s+)" if _DIGIT_MISREADINGS else ")"))
_NOT_AN_ITEM_AFTER = re.compile(rf"^(?:{_alternatives(NOT_AN_ITEM_AFTER)})(?![\wåäö])", re.IGNORECASE)


def is_reference_or_sum(rest: str) -> bool:
    """The words after a number make it a reference or an amount ("kap. 3 §", "000 kr"), not an item."""
    return bool(_NOT_AN_ITEM_AFTER.match(rest.strip()))


# -- the document's parts (extractors/lang/sv/documents.py) -------------------------------

# An appendix heading may carry its section's letter or number before it ("A Appendix A - Stadgar").
_APPENDIX_HEAD = re.compile(rf"^(?:[a-z0-9]{{1,2}}\.?\s+)?(?:{_alternatives(APPENDIX_HEADS)})\b", re.IGNORECASE)
_MEETING_TITLE_WORD = re.compile(rf"(?:{_alternatives(MEETING_TITLE_WORDS)})\w{{0,4}}\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


def is_appendix_list(text: str) -> bool:
    """A heading that lists appendices ("Bilagor", "Bilaga:"): it ends nothing."""
    return label_key(text) in APPENDIX_LISTS


def is_appendix_head(text: str) -> bool:
    """The heading of an appendix bound into the minutes: "Bilaga 1", "Bilaga A - Stadgar",
    "Tjänsteskrivelse" (not a list of appendices, not a sentence that cites one)."""
    key = label_key(text)
    return bool(_APPENDIX_HEAD.match(key)) and not is_appendix_list(text) and len(key.split()) <= 8 \
        and not key.endswith(".")


def names_the_meeting(text: str) -> bool:
    """A document title that names the meeting and its year ("Konstituerande styrelsemöte för år
    2018", "Protokoll årsmöte 2024"), as against an item's heading ("Årsmötesprotokollet")."""
    return bool(_MEETING_TITLE_WORD.search(text) and _YEAR.search(text))


# -- sentences (extractors/lang/sv/abbreviations.py) ---------------------------------------

_NON_FINAL = re.compile(rf"(?:^|[\s(])(?:{_alternatives(NON_FINAL_ABBREVIATIONS)})\.$", re.IGNORECASE)


def ends_in_abbreviation(text: str) -> bool:
    """The text ends in an abbreviation whose full stop ends no sentence ("... kl.", "t.ex.")."""
    return bool(_NON_FINAL.search(text.rstrip()))
