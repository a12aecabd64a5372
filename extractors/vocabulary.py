"""Matchers over the Swedish language data in extractors/lang/sv: what the extractors ask of a word
or a label."""

from __future__ import annotations

import re

from extractors.lang.sv.labels import ATTENDEE_LABELS, ITEM_SECTION_LABELS, OTHER_LABELS
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
