"""Money amounts: a spaCy pipeline on ``spacy.blank("sv")`` with a component of our own.

The ``money`` component finds amounts written in kronor and puts them in ``doc.spans["money"]``
with ``span._.value_sek`` and ``span._.qualifier``. The words it knows (currencies, scale words,
number words, qualifiers, joiners) are data in extractors/lang/sv/money.py and numerals.py.
Forms read:

- a number and its unit: "19 038 tkr", "50 350,50 kr", "12.500 kr", "45 210kr", "500:-", "3 MSEK",
  with a sign ("- 156 tkr", "−2 500 kr", "+ 1 234kr") and a scale word ("2,5 miljoner kronor");
- the currency before the number: "kr 15 000", "SEK 2,5 miljoner";
- a number in words, alone or with its digits in brackets: "fem miljoner kronor",
  "fem (5) miljoner kronor", "tio miljoner (10.000.000) kronor": one amount each;
- several numbers under one unit: "12 400 och 9 800 kr", "5-10 miljoner kronor", "från 100 till
  125 kr", "kr 250 resp 500": an amount each;
- qualifiers before ("ca", "upp till") and after ("exkl moms") the amount.

A number without a unit is never money (years, dates, paragraph and chapter numbers, counts,
hours, phone and organisation numbers); a bare "miljoner" is money only near a word about money.
An amount restated in brackets right after itself ("fem miljoner kronor (5 000 000 kr)") is one.
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

from extractors.vocabulary import (
    CURRENCY_BEFORE,
    CURRENCY_UNIT,
    LIST_JOINER,
    NOT_MONEY_BEFORE,
    NUMBER_WORDS,
    QUALIFIER_AFTER,
    QUALIFIER_BEFORE,
    RANGE_JOINER,
    RANGE_OPENER,
    SCALE_WORD,
    SUBUNIT_WORD,
    WORD_AFTER_LISTED_AMOUNT,
    is_bare_scale,
    number_from_words,
    scale_word_value,
    talks_money,
    unit_scale,
)

_SPACE = r"[ \u00a0\u202f]"
NUMBER = (
    rf"\d{{1,3}}(?:{_SPACE}\d{{3}})+(?:,\d{{1,2}})?(?!,\d)"  # 19 038, 50 350,50
    r"|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?(?![\d,])"  # 140,000.00 (English)
    r"|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?(?![\d.])"  # 7.030.000, 12.500
    r"|\d+(?:[.,]\d+)?"  # 20, 1,7, 114151.21
)
_WORD_END = r"(?![\wåäöÅÄÖ])"
# The number, in digits or words, with its digits or words restated in brackets, an optional
# scale word (itself optionally followed by the whole sum in brackets), and the currency.
MONEY = re.compile(
    rf"(?P<sign>(?:(?<=[\s(:=])|^)[-−+]{_SPACE}?)?(?<![\d.,\wåäöÅÄÖ])"
    rf"(?:(?P<number>{NUMBER})|(?P<words>{NUMBER_WORDS}){_WORD_END}(?:\s*\(\s*(?P<alt1>{NUMBER})\s*\))?)"
    rf"(?:\s?(?P<scale>{SCALE_WORD}){_WORD_END}(?:\s*\(\s*(?P<alt2>{NUMBER})\s*\))?)?"
    rf"(?:\s?(?P<unit>{CURRENCY_UNIT}){_WORD_END})?",
    re.IGNORECASE,
)
# "kr 15 000", "SEK 2,5 miljoner": the currency first. The currency must stand alone (not the tail
# of a code such as "OPF-KR 26") and the number must not run on into a date, a share or a §.
MONEY_AFTER_CURRENCY = re.compile(
    rf"(?<![\w\-/.:åäöÅÄÖ])(?P<currency>{CURRENCY_BEFORE}){_SPACE}?(?P<sign>[-−]{_SPACE}?)?(?P<number>{NUMBER})"
    rf"(?:\s?(?P<scale>(?i:{SCALE_WORD})){_WORD_END})?(?::-)?"
    rf"(?![\d\wåäöÅÄÖ%§]|[-/.]\d|{_SPACE}*(?:%|§|(?i:kap)\b))"
)
# A number that shares the unit of the amount after it: "12 400 och", "5-", "från 100 till".
PARTNER_BEFORE = re.compile(rf"(?P<number>{NUMBER})\s*(?P<joiner>,|{LIST_JOINER}|{RANGE_JOINER})\s*$",
                            re.IGNORECASE)
# A number that shares the currency written before the one ahead of it: "kr 250 resp 500".
PARTNER_AFTER = re.compile(
    rf"^\s*(?P<joiner>,|{LIST_JOINER}|[-–]){_SPACE}*(?P<number>{NUMBER})(?::-)?"
    rf"(?=\s*(?:[.,;:)!?/]|$|(?:{LIST_JOINER}|{WORD_AFTER_LISTED_AMOUNT}|{CURRENCY_UNIT})(?![\wåäö])))",
    re.IGNORECASE)
UNIT_BEFORE = re.compile(rf"(?<![\wåäö])(?:{CURRENCY_UNIT}|{SCALE_WORD})\s*$", re.IGNORECASE)
YEAR = re.compile(r"(?:19|20)\d{2}")
OPENER_BEFORE = re.compile(rf"\b{RANGE_OPENER}\s+$", re.IGNORECASE)
# How far before a number a word that rules it out is looked for.
WORD_WINDOW = 24
NOT_MONEY_WORD_BEFORE = re.compile(rf"(?:^|[\s(])(?i:{NOT_MONEY_BEFORE})\s*$")
QUALIFIER_BEFORE_AMOUNT = re.compile(rf"(?P<q>(?<![\wåäö]){QUALIFIER_BEFORE})\s*(?:\(\s*)?$", re.IGNORECASE)
QUALIFIER_AFTER_AMOUNT = re.compile(rf"^\s*\(?(?P<q>{QUALIFIER_AFTER})", re.IGNORECASE)
BRACKET_OPEN = re.compile(r"^\s*\(\s*$")
BRACKET_CLOSE = re.compile(r"^\s*\)")
SUBUNIT = re.compile(rf"{SUBUNIT_WORD}$", re.IGNORECASE)
SUBUNIT_AFTER = re.compile(r"\s*(?:och\s+)?")
# Joiners that list amounts; a comma lists them only before one of these ("5, 10 och 15 tkr").
_LISTING = re.compile(rf"^{LIST_JOINER}$", re.IGNORECASE)

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
    taken: list[tuple[int, int]] = []
    for match in MONEY.finditer(text):
        amount = _unit_after(text, match)
        if amount is None:
            continue
        scale, value = amount
        partners = _partners_before(text, match)
        qualifier = _qualifier(text, partners[0][0] if partners else match.start(), match.end())
        for start, raw in partners:
            partner = parse_number(raw, scale)
            if partner is not None:
                found.append(MoneyMatch(start, start + len(raw), raw, partner, qualifier))
        found.append(MoneyMatch(match.start(), match.end(), clean_raw(match.group(0)), value, qualifier))
        taken.append((match.start(), match.end()))
    for match in MONEY_AFTER_CURRENCY.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue  # "500 kr 2024": that "kr" is the unit of the number before it
        found.extend(_currency_first(text, match))
    found.sort(key=lambda m: m.start)
    return _without_restatements(text, found)


def _unit_after(text: str, match: re.Match[str]) -> tuple[Decimal, int] | None:
    """(scale, value in kronor) of a number-and-unit match; None when it carries no money unit."""
    unit, scale_word = match.group("unit"), match.group("scale")
    if not unit and not (scale_word and is_bare_scale(scale_word) and _money_nearby(text, match)):
        return None
    scale = Decimal(scale_word_value(scale_word)) if scale_word else Decimal(1)
    scale *= unit_scale(unit) if unit else Decimal(1)
    if match.group("alt1"):  # "fem (5) miljoner kronor": the brackets restate the number
        value = parse_number(match.group("alt1"), scale)
    elif match.group("number"):
        value = parse_number(match.group("number"), scale)
    else:
        words = number_from_words(match.group("words"))
        value = _whole_kronor(words * scale) if words is not None else None
    if match.group("alt2"):  # "tio miljoner (10.000.000) kronor": the brackets hold the whole sum
        whole = parse_number(match.group("alt2"), unit_scale(unit) if unit else Decimal(1))
        if match.group("words") or whole == value:
            value = whole
    if value is None:
        return None
    return scale, -value if (match.group("sign") or "").strip()[:1] in ("-", "−") else value


def _currency_first(text: str, match: re.Match[str]) -> list[MoneyMatch]:
    """ "kr 15 000" and the numbers listed after it under the same currency ("kr 250 resp 500")."""
    scale = Decimal(scale_word_value(match.group("scale"))) if match.group("scale") else Decimal(1)
    value = parse_number(match.group("number"), scale)
    if value is None:
        return []
    qualifier = _qualifier(text, match.start(), match.end())
    sign = -1 if match.group("sign") else 1
    found = [MoneyMatch(match.start(), match.end(), clean_raw(match.group(0)), sign * value, qualifier)]
    end = match.end()
    while partner := PARTNER_AFTER.match(text[end:end + 40]):
        number = parse_number(partner.group("number"), scale)
        if number is None:
            break
        start = end + partner.start("number")
        found.append(MoneyMatch(start, end + partner.end("number"), partner.group("number"), number, qualifier))
        end += partner.end()
    return found


def _partners_before(text: str, amount: re.Match[str]) -> list[tuple[int, str]]:
    """The numbers listed before an amount that share its unit: "12 400 och 9 800 kr",
    "5, 10 och 15 tkr", "5-10 miljoner kronor", "från 100 till 125 kr". A number after "§",
    "kap.", a time word ("år 2027 och") or another amount's unit ("300 kr 2024 och") is no partner,
    nor a year beside a grouped sum ("2024 och 1 500 kr"); "till" joins only after "från"."""
    partners: list[tuple[int, str]] = []
    listing = False
    start = amount.start()
    year_like = bool(YEAR.fullmatch(amount.group("number") or ""))
    while True:
        head = text[max(0, start - 40): start]
        found = PARTNER_BEFORE.search(head)
        if not found:
            break
        joiner = found.group("joiner").casefold()
        at = start - len(head) + found.start("number")
        if joiner == "," and not listing:
            break  # "§ 4, 500 kr": a comma lists amounts only in a list that "och" closes
        if joiner == "till" and not OPENER_BEFORE.search(text[max(0, at - 12): at]):
            break
        before = text[max(0, at - 1): at]
        if before and (before.isdigit() or before in ".,"):
            break
        ahead = text[max(0, at - WORD_WINDOW): at]
        if NOT_MONEY_WORD_BEFORE.search(ahead) or UNIT_BEFORE.search(ahead):
            break
        if YEAR.fullmatch(found.group("number")) and not year_like:
            break
        if MONEY.match(text, at) and _unit_of(text, at):
            break  # the number has a unit of its own: it is found by itself
        listing = listing or bool(_LISTING.match(joiner))
        partners.insert(0, (at, found.group("number")))
        start = at
    return partners


def _unit_of(text: str, at: int) -> bool:
    match = MONEY.match(text, at)
    return bool(match and (match.group("unit") or match.group("scale")))


def _without_restatements(text: str, found: list[MoneyMatch]) -> list[MoneyMatch]:
    """ "fem miljoner kronor (5 000 000 kr)": an amount restated in brackets right after itself is
    one amount; so is "12 kr och 50 öre"."""
    out: list[MoneyMatch] = []
    for match in found:
        previous = out[-1] if out else None
        between = text[previous.end:match.start] if previous else ""
        if previous and previous.value_sek == match.value_sek and BRACKET_OPEN.match(between) \
                and BRACKET_CLOSE.match(text[match.end:]):
            continue
        if previous and SUBUNIT_AFTER.fullmatch(between) and SUBUNIT.search(match.raw) \
                and not SUBUNIT.search(previous.raw):
            out[-1] = MoneyMatch(previous.start, match.end, clean_raw(text[previous.start:match.end]),
                                 previous.value_sek + match.value_sek, previous.qualifier)
            continue
        out.append(match)
    return out


def parse_number(raw: str, scale: int | Decimal = 1) -> int | None:
    """"19 038" -> 19038, "1,7" with scale 1e6 -> 1700000, "140,000.00" -> 140000, "12.500" -> 12500."""
    s = re.sub(r"[\s\u00a0\u202f]", "", raw)
    scale = Decimal(scale)
    if "," in s and "." in s:
        s = s.replace(",", "") if s.rfind(".") > s.rfind(",") else s.replace(".", "").replace(",", ".")
    elif "," in s:
        tail = s.rpartition(",")[2]
        # "140,000" is English grouping in kronor; with millions the comma is a decimal comma.
        s = s.replace(",", "") if len(tail) == 3 and scale <= 1 else s.replace(",", ".")
    elif "." in s:
        groups = s.split(".")
        # "12.500 kr" and "7.030.000" group thousands with dots; "1.5 mkr" is a decimal point.
        if len(groups) > 2 or (len(groups[-1]) == 3 and scale <= 1_000):
            s = s.replace(".", "")
    try:
        value = Decimal(s) * scale
    except InvalidOperation:
        return None
    return _whole_kronor(value)


def _whole_kronor(value: Decimal) -> int | None:
    if not value.is_finite() or value.adjusted() >= MAX_DIGITS:  # "inf", "NaN", and no sum of money
        return None
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def clean_raw(raw: str) -> str:
    return " ".join(raw.replace("\u00a0", " ").replace("\u202f", " ").split())


def _money_nearby(text: str, match: re.Match[str]) -> bool:
    return talks_money(text[max(0, match.start() - 80): match.end() + 40])


def _qualifier(text: str, start: int, end: int) -> str | None:
    before = QUALIFIER_BEFORE_AMOUNT.search(text[max(0, start - 30): start])
    after = QUALIFIER_AFTER_AMOUNT.match(text[end: end + 30])
    parts = [m.group("q") for m in (before, after) if m]
    return ", ".join(" ".join(p.split()) for p in parts) or None
