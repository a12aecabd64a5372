"""Money amounts: a spaCy pipeline on ``spacy.blank("sv")`` with a component of our own.

The ``money`` component finds amounts written in kronor (kr, kronor, :-, SEK, tkr, kSEK,
mkr, MSEK, miljoner/milj), with space, no-break space, dot or English comma separators,
decimal comma, minus forms ("- 156 tkr", "−") and qualifiers ("ca", "upp till", "exkl moms").
It puts them in ``doc.spans["money"]`` with ``span._.value_sek`` and ``span._.qualifier``.
Percentages, years, dates, paragraph numbers, counts and phone numbers carry no money unit
and are never taken; "5-10 miljoner kronor" gives two amounts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

_NUMBER = (
    r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d{1,2})?"  # 19 038, 50 350,50
    r"|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?"  # 140,000.00 (English)
    r"|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?![\d.])"  # 7.030.000
    r"|\d+(?:[.,]\d+)?"  # 20, 1,7, 114151.21
)
_UNIT = (
    r"miljoner\s+kronor|miljoner\s+kr\b\.?|milj(?:\.|oner)?\s*kr\b\.?|miljarder\s+kronor|"
    r"mdkr|mnkr|mkr|msek|tkr|tsek|ksek|kronor|kr|sek|:-|miljoner|miljarder|milj\.?"
)
MONEY = re.compile(
    rf"(?P<sign>(?:(?<=[\s(:=])|^)[-−](?:\s)?)?(?<![\d.,])(?P<number>{_NUMBER})\s?(?P<unit>{_UNIT})"
    r"(?![\wåäöÅÄÖ])",
    re.IGNORECASE,
)
RANGE_BEFORE = re.compile(rf"(?P<first>{_NUMBER})\s*(?:[-–]|till)\s*$")
FROM_BEFORE = re.compile(r"\bfrån\s+$", re.IGNORECASE)
QUALIFIER_BEFORE = re.compile(
    r"(?P<q>\b(?:ca|cirka|c:a|upp till|högst|maximalt|max|minst|drygt|knappt|omkring|ungefär|runt|"
    r"totalt|sammanlagt|maximal kostnad om|uppskattningsvis))\.?\s*(?:\(\s*)?$",
    re.IGNORECASE,
)
QUALIFIER_AFTER = re.compile(r"^\s*\(?(?P<q>(?:exkl|exklusive|inkl|inklusive)\.?\s*moms)", re.IGNORECASE)
# A bare "milj"/"miljoner" is money only near a word about money.
MONEY_CONTEXT = re.compile(
    r"kr\b|kronor|överskott|underskott|budget|kostnad|medel|anslag|intäkt|pengar|finansier|"
    r"bidrag|resultat|kapital|tilldelning|statlig|miljoner kronor|sek\b",
    re.IGNORECASE,
)

SCALE = {
    "tkr": 1_000, "tsek": 1_000, "ksek": 1_000,
    "mkr": 1_000_000, "mnkr": 1_000_000, "msek": 1_000_000, "miljoner": 1_000_000,
    "milj": 1_000_000, "mdkr": 1_000_000_000, "miljarder": 1_000_000_000,
}

if not Span.has_extension("value_sek"):
    Span.set_extension("value_sek", default=None)
    Span.set_extension("qualifier", default=None)
    Span.set_extension("raw", default=None)


@dataclass(frozen=True)
class MoneyMatch:
    start: int
    end: int
    raw: str
    value_sek: int
    qualifier: str | None


@Language.component("money")
def money_component(doc: Doc) -> Doc:
    spans = []
    for found in find_money(doc.text):
        span = doc.char_span(found.start, found.end, label="MONEY", alignment_mode="expand")
        if span is None:
            continue
        span._.value_sek = found.value_sek
        span._.qualifier = found.qualifier
        span._.raw = found.raw
        spans.append(span)
    doc.spans["money"] = spans
    return doc


@lru_cache(maxsize=1)
def money_pipeline() -> Language:
    """The offline pipeline: a blank Swedish tokenizer and the money component."""
    nlp = spacy.blank("sv")
    # "5-10 miljoner kronor" holds two amounts: the tokenizer must split between the numbers.
    infixes = [*nlp.Defaults.infixes, r"(?<=[0-9])[-–—](?=[0-9])"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("money")
    return nlp


# No amount in a meeting record runs to this many digits (a trillion kronor has 13); past the
# decimal context's precision quantize() raises.
MAX_DIGITS = 15


def amounts_in(text: str) -> list[MoneyMatch]:
    """Run the pipeline over a text and return its money spans as plain values."""
    doc = money_pipeline()(text)
    return [
        MoneyMatch(span.start_char, span.end_char, span._.raw, span._.value_sek, span._.qualifier)
        for span in doc.spans["money"]
    ]


def find_money(text: str) -> list[MoneyMatch]:
    found: list[MoneyMatch] = []
    for match in MONEY.finditer(text):
        unit = _unit_key(match.group("unit"))
        if unit in ("miljoner", "milj", "miljarder") and not _money_nearby(text, match):
            continue
        value = parse_number(match.group("number"), SCALE.get(unit, 1))
        if value is None:
            continue
        negative = bool(match.group("sign"))
        qualifier = _qualifier(text, match.start(), match.end())
        first = _range_start(text, match)
        if first is not None:
            start, first_raw = first
            first_value = parse_number(first_raw, SCALE.get(unit, 1))
            if first_value is not None:
                found.append(MoneyMatch(start, start + len(first_raw), first_raw, first_value, qualifier))
        found.append(MoneyMatch(match.start(), match.end(), clean_raw(match.group(0)),
                                -value if negative else value, qualifier))
    return found


def parse_number(raw: str, scale: int = 1) -> int | None:
    """"19 038" -> 19038, "1,7" with scale 1e6 -> 1700000, "140,000.00" -> 140000."""
    s = re.sub(r"[\s\u00a0\u202f]", "", raw)
    if "," in s and "." in s:
        s = s.replace(",", "") if s.rfind(".") > s.rfind(",") else s.replace(".", "").replace(",", ".")
    elif "," in s:
        whole, _, tail = s.rpartition(",")
        # "140,000" is English grouping in kronor; with millions the comma is a decimal comma.
        s = s.replace(",", "") if len(tail) == 3 and scale == 1 and s.count(",") >= 1 else s.replace(",", ".")
        _ = whole
    elif "." in s:
        groups = s.split(".")
        if len(groups) > 2 or (len(groups[-1]) == 3 and scale == 1):
            s = s.replace(".", "")
    try:
        value = Decimal(s) * scale
    except InvalidOperation:
        return None
    if not value.is_finite() or value.adjusted() >= MAX_DIGITS:  # "inf", "NaN", and no sum of money
        return None
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def clean_raw(raw: str) -> str:
    return " ".join(raw.replace("\u00a0", " ").replace("\u202f", " ").split())


def _unit_key(unit: str) -> str:
    u = unit.casefold().rstrip(".")
    if u.startswith("miljoner") and ("kr" in u):
        return "miljoner"
    if u.startswith("milj") and "kr" in u:
        return "milj" if "miljoner" not in u else "miljoner"
    if u.startswith("miljarder"):
        return "miljarder"
    return u


def _money_nearby(text: str, match: re.Match[str]) -> bool:
    window = text[max(0, match.start() - 80): match.end() + 40]
    return bool(MONEY_CONTEXT.search(window))


def _qualifier(text: str, start: int, end: int) -> str | None:
    before = QUALIFIER_BEFORE.search(text[max(0, start - 30): start])
    after = QUALIFIER_AFTER.match(text[end: end + 30])
    parts = [m.group("q") for m in (before, after) if m]
    return ", ".join(" ".join(p.split()) for p in parts) or None


def _range_start(text: str, match: re.Match[str]) -> tuple[int, str] | None:
    """The first number of "5-10 miljoner kronor" or "från 100 till 125 kr"."""
    head = text[max(0, match.start() - 25): match.start()]
    found = RANGE_BEFORE.search(head)
    if not found:
        return None
    if "till" in found.group(0) and not FROM_BEFORE.search(head[: found.start()]):
        return None
    if MONEY.match(text, match.start() - len(head) + found.start()):
        return None  # the first number has a unit of its own: it is found by itself
    start = match.start() - len(head) + found.start()
    before = text[max(0, start - 1): start]
    if before and (before.isdigit() or before in ".,"):
        return None
    return start, found.group("first")
