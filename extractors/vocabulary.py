"""Matchers over the Swedish language data in extractors/lang/sv: what the extractors ask of a word
or a label."""

from __future__ import annotations

import re
from decimal import Decimal

from extractors.lang.sv import money, numerals
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


# --- Money (extractors/lang/sv/money.py, numerals.py) ---------------------------------------------


def alternation(phrases: tuple[str, ...] | list[str]) -> str:
    """A regular expression source matching any of ``phrases`` (longest first, so that "mkr" is not
    read as "kr"); the spaces inside a phrase match any run of white space."""
    escaped = (r"\s+".join(re.escape(word) for word in phrase.split()) or re.escape(phrase)
               for phrase in sorted(set(phrases), key=len, reverse=True))
    return "(?:" + "|".join(escaped) + ")"


def _words_key(text: str) -> str:
    return " ".join(text.casefold().rstrip(".").split())


CURRENCY_UNIT = alternation(tuple(money.CURRENCY_UNITS))
SUBUNIT_WORD = alternation(tuple(u for u, scale in money.CURRENCY_UNITS.items() if scale < 1))
SCALE_WORD = alternation(tuple(money.SCALE_WORDS)) + r"\.?"
CURRENCY_BEFORE = alternation(money.CURRENCY_BEFORE)
LIST_JOINER = alternation(money.LIST_JOINERS)
RANGE_JOINER = alternation(money.RANGE_JOINERS)
WORD_AFTER_LISTED_AMOUNT = alternation(money.WORDS_AFTER_LISTED_AMOUNT)
RANGE_OPENER = alternation(money.RANGE_OPENERS)
NOT_MONEY_BEFORE = alternation(money.NOT_MONEY_BEFORE)
QUALIFIER_BEFORE = alternation(money.QUALIFIERS_BEFORE)
QUALIFIER_AFTER = alternation(money.QUALIFIERS_AFTER)
_NUMERAL_PARTS = {**numerals.UNITS, **numerals.TENS, **numerals.MULTIPLIERS}
# One number word, a compound of numeral parts ("tjugofem", "tvåhundra"); several may follow each
# other ("två hundra", "en halv").
NUMBER_WORD = alternation(tuple(_NUMERAL_PARTS)) + "+"
NUMBER_WORDS = (rf"(?:{NUMBER_WORD}|{alternation(tuple(numerals.FRACTIONS))})"
                rf"(?:[ -](?:{NUMBER_WORD}|{alternation(tuple(numerals.FRACTIONS))}))*")
_NUMERAL_PART = re.compile(alternation(tuple(_NUMERAL_PARTS)), re.IGNORECASE)
MONEY_WORD = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(w) for w in money.MONEY_WORDS if len(w) <= 3), key=len, reverse=True))
    + r")\b|" + alternation(tuple(w for w in money.MONEY_WORDS if len(w) > 3)), re.IGNORECASE)
NOT_MONEY_HEADER = re.compile(
    "|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in money.NOT_MONEY_HEADER_WORDS), re.IGNORECASE)
SUM_HEADER = re.compile(r"\b" + alternation(money.SUM_HEADER_WORDS) + r"\b", re.IGNORECASE)
_TABLE_UNIT = re.compile(rf"(?<![\wåäö]){alternation(tuple(money.TABLE_UNITS))}(?![\wåäö])", re.IGNORECASE)


def unit_scale(unit: str) -> Decimal:
    """What one of a written unit is in kronor: "tkr" -> 1000, "miljoner kronor" -> 1 000 000."""
    key = _words_key(unit)
    if key in money.CURRENCY_UNITS:
        return Decimal(str(money.CURRENCY_UNITS[key]))
    head, _, rest = key.partition(" ")
    if head.rstrip(".") in money.SCALE_WORDS:
        return money.SCALE_WORDS[head.rstrip(".")] * (unit_scale(rest) if rest else Decimal(1))
    return Decimal(1)


def scale_word_value(word: str) -> int:
    return money.SCALE_WORDS.get(_words_key(word), 1)


def is_bare_scale(word: str) -> bool:
    """A scale word that is money by itself near talk of money ("1,7 milj")."""
    return _words_key(word) in money.BARE_SCALE_WORDS


def number_from_words(text: str) -> Decimal | None:
    """ "fem" -> 5, "tjugofem" -> 25, "två hundra" -> 200, "en halv" -> 0.5; None when the words do
    not make a number ("femfem") or start with a bare multiplier ("tusen", as in "några tusen")."""
    words = text.casefold().replace("-", " ").split()
    if len(words) == 2 and words[1] in numerals.FRACTIONS and words[0] in ("en", "ett"):
        return Decimal(str(numerals.FRACTIONS[words[1]]))
    if len(words) == 1 and words[0] in numerals.FRACTIONS:
        return Decimal(str(numerals.FRACTIONS[words[0]]))
    parts: list[str] = []
    for word in words:
        found = _NUMERAL_PART.findall(word)
        if "".join(found) != word:
            return None
        parts.extend(found)
    return _compose(parts)


def _compose(parts: list[str]) -> Decimal | None:
    if not parts or parts[0] in numerals.MULTIPLIERS:
        return None
    total, current, last = 0, 0, ""
    for part in parts:
        value = _NUMERAL_PARTS[part]
        if part in numerals.MULTIPLIERS:
            if value == 1_000:
                total += (current or 1) * value
                current = 0
            else:
                current = (current or 1) * value
        elif last in numerals.UNITS or (last in numerals.TENS and part in numerals.TENS):
            return None  # "femfem", "tjugotrettio": no number
        else:
            current += value
        last = part
    return Decimal(total + current)


def table_unit(text: str) -> int | None:
    """The unit a caption, header or sentence states for a table ("Belopp i tkr" -> 1000)."""
    found = _TABLE_UNIT.search(text)
    return money.TABLE_UNITS[_words_key(found.group(0))] if found else None


def talks_money(text: str) -> bool:
    """The text names money: a currency or a word of budgets and accounts."""
    return bool(MONEY_WORD.search(text))


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
