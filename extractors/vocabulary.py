"""Matchers over the Swedish language data in extractors/lang/sv: what the extractors ask of a word
or a label."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from decimal import Decimal

from extractors.lang.sv import decisions as dl
from extractors.lang.sv import letters, money, numerals
from extractors.lang.sv.abbreviations import NON_FINAL_ABBREVIATIONS
from extractors.lang.sv.attendance import (
    ABSENT_CELLS,
    LIST_MARKS,
    PRESENCE_NOTES,
    PRESENT_CELLS,
    TICKED_BOXES,
    UNTICKED_BOXES,
)
from extractors.lang.sv.bodies import BODY_ABBREVIATIONS, BODY_NOUNS, MEETING_BODIES
from extractors.lang.sv.documents import (
    APPENDIX_HEADS,
    APPENDIX_LISTS,
    MEETING_TITLE_WORDS,
    RECORD_QUALIFIERS,
    RECORD_WORDS,
)
from extractors.lang.sv.labels import (
    ATTENDEE_COLUMNS,
    ATTENDEE_LABELS,
    ITEM_SECTION_LABELS,
    LABEL_BODY_LINKS,
    OTHER_LABELS,
)
from extractors.lang.sv.numbering import (
    ITEM_NUMBER_WORDS,
    NOT_AN_ITEM_AFTER,
    POINT_MARK_CHARS,
    POINT_SEPARATORS,
    POINT_STOP_CHARS,
    SECTION_SIGN_MISREADINGS,
    SECTION_SIGNS,
)
from extractors.lang.sv.organisations import (
    GENERIC_ORGANISATION_WORDS,
    ORGANISATION_ENDINGS,
    ORGANISATION_HEADS,
    ORGANISATION_NUMBER_LABELS,
)
from extractors.lang.sv.parties import LOCAL_PARTY_MAX_LETTERS, NATIONAL_PARTIES
from extractors.lang.sv.places import REMOTE_PLACES
from extractors.lang.sv.roles import MEETING_OFFICER_WORDS, ROLE_ENDINGS, ROLE_WORDS, TERM_OF_OFFICE_WORDS
from extractors.lang.sv.verbs import REFLEXIVES, VerbForms, conjugate


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


def is_organisation_head(text: str) -> bool:
    """A word that opens an organisation's name ("Samordningsförbundet", "Region", "Stiftelsen")."""
    return text.strip().casefold() in ORGANISATION_HEADS


def is_generic_organisation_word(text: str) -> bool:
    """The generic word that closes a public body's name ("kommun", "stad", "region")."""
    return text.strip().casefold() in GENERIC_ORGANISATION_WORDS


def elects_for_a_term(heading: str) -> bool:
    """An election heading for the organisation's officers ("Val av föreningens ordförande för 1
    år"), not the meeting's own ("Val av mötesordförande")."""
    words = [w.strip(",.():;").casefold() for w in heading.split()]
    if any(w in MEETING_OFFICER_WORDS for w in words):
        return False
    return any(w in TERM_OF_OFFICE_WORDS for w in words)


def is_organisation(text: str) -> bool:
    """Names an organisation ("Köpings kommun", "Försäkringskassan", "Region Västmanland")."""
    words = [w.strip(",.()") for w in text.split()]
    if not words:
        return False
    if words[0].casefold() in ORGANISATION_HEADS:
        return True
    return any(ORG_WORDS.search(w) for w in words)


_NUMBER_LABELS = "|".join(re.escape(w) for w in sorted(ORGANISATION_NUMBER_LABELS, key=len, reverse=True))
_ORGANISATION_NUMBER = re.compile(
    r"^(?P<org>.+?)[\s,]+(?:" + _NUMBER_LABELS + r")\s*:?\s*\d{6}[-\s]?\d{4}", re.IGNORECASE)


def named_by_its_number(text: str) -> str | None:
    """The name written before an organisation number ("Höganäs Makerspace org.nummer 802523-8968")."""
    match = _ORGANISATION_NUMBER.match(text.strip())
    return match.group("org").strip(" ,:") if match else None


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
    """The group an attendee label gives ("Ej tjänstgörande ersättare" -> "ersättare"), also when
    the label names the body it narrows ("Närvarande styrelsen", "Närvarande från styrelsen")."""
    key = label_key(text)
    if key in ATTENDEE_LABELS:
        return ATTENDEE_LABELS[key]
    words = key.split()
    for cut in range(len(words) - 1, 0, -1):
        head, tail = " ".join(words[:cut]), words[cut:]
        if tail and tail[0] in LABEL_BODY_LINKS:
            tail = tail[1:]
        if head in ATTENDEE_LABELS and len(tail) == 1 and _is_definite_body(tail[0]):
            return ATTENDEE_LABELS[head]
    return None


def _is_definite_body(word: str) -> bool:
    """A body in its definite form, or a compound ending in one ("styrelsen", "arbetsgruppen")."""
    return any(word.endswith(definite) for definite in {*BODY_NOUNS.values(), *MEETING_BODIES.values()})


def body_of_title_word(word: str) -> str | None:
    """The body a title's word names, in its definite form: a meeting that is its own body, also as
    the head of a compound with the record's word ("Årsmötesprotokoll" -> "Årsmötet"), or a
    compound ending in a body noun ("referensgrupp" -> "Referensgruppen")."""
    key = word.strip(" ,.:;-–()").casefold()
    for record in sorted(RECORD_WORDS, key=len, reverse=True):
        if key.endswith(record) and len(key) > len(record) + 2:
            key = key[: -len(record)]
            key = key[:-1] if key.endswith("s") and key[:-1] in MEETING_BODIES else key
            break
    if key in MEETING_BODIES:
        return MEETING_BODIES[key].capitalize()
    for noun, definite in sorted(BODY_NOUNS.items(), key=lambda nd: len(nd[0]), reverse=True):
        for form, ending in ((definite, ""), (noun, definite[len(noun):])):
            if key.endswith(form) and len(key) - len(form) >= 3 and key.isalpha():
                return (key + ending).capitalize()  # a compound: "arbetsgrupp" -> "Arbetsgruppen"
    return None


def is_record_word(word: str) -> bool:
    """The record's own word, alone or closing a compound ("Protokoll", "Årsmötesprotokoll")."""
    key = word.strip(" ,.:;-–()").casefold()
    return any(key.endswith(record) for record in RECORD_WORDS)


def qualifies_the_record(word: str) -> bool:
    """A title's word that qualifies the record ("Extra", "Justerat"), naming no organisation."""
    return word.strip(" ,.:;-–()").casefold() in RECORD_QUALIFIERS


def is_front_label(text: str) -> bool:
    key = label_key(text)
    return key in OTHER_LABELS or attendee_group(key) is not None


def attendee_column(text: str) -> str | None:
    """The field an attendee table's header cell names ("Namn" -> "name", "Parti" -> "party")."""
    return ATTENDEE_COLUMNS.get(label_key(text))


def is_national_party(text: str) -> bool:
    """A party of the Riksdag by its abbreviation, in either case ("S", "(kd)")."""
    return text.strip().upper().replace("–", "-") in NATIONAL_PARTIES


def has_party_form(text: str) -> bool:
    """Written as a party's abbreviation: a national party, or a short run of capitals as a local
    party writes its own ("SPI", "ÖP"). Whether it is one, the list around it tells."""
    text = text.strip()
    return is_national_party(text) or (
        text.isalpha() and text.isupper() and 2 <= len(text) <= LOCAL_PARTY_MAX_LETTERS)


def _marks_pattern(marks: tuple[str, ...]) -> str:
    return "|".join(r"\s*".join(re.escape(c) for c in mark) for mark in sorted(marks, key=len, reverse=True))


BOX = re.compile(rf"(?P<ticked>{_marks_pattern(TICKED_BOXES)})|(?P<unticked>{_marks_pattern(UNTICKED_BOXES)})")
_LIST_MARK = re.compile(rf"^(?:{'|'.join(re.escape(m) for m in LIST_MARKS)})\s+")
_PRESENCE_NOTE = re.compile(rf"^(?:{alternation(PRESENCE_NOTES)})(?![\wåäö])", re.IGNORECASE)


def without_list_mark(text: str) -> str:
    """"• Anna Ek" -> "Anna Ek": a bullet or dash before a list entry."""
    return _LIST_MARK.sub("", text.strip())


def attendance_cell(text: str | None) -> bool | None:
    """What a cell under an attendance column says: True (came), False (did not: also an empty
    cell), None (something else, a presence as "§§ 3-5")."""
    key = " ".join((text or "").casefold().split()).strip(" .")
    if not key or key in ABSENT_CELLS:
        return False
    return True if key in PRESENT_CELLS else None


def is_remote_place(text: str) -> bool:
    """A medium of a remote meeting ("Teams", "digitalt", "via Zoom"): attending by it is a presence."""
    key = " ".join(text.casefold().split())
    key = key.split(" ", 1)[1] if key.split(" ", 1)[0] in ("via", "på", "över") and " " in key else key
    return key in REMOTE_PLACES


def is_presence_note(text: str) -> bool:
    """A note on coming or going during the meeting ("kom in under mötet", "lämnade efter § 5")."""
    return bool(_PRESENCE_NOTE.match(text.strip()))


def is_item_section_label(text: str) -> bool:
    key = label_key(text)
    return key in ITEM_SECTION_LABELS or bool(re.fullmatch(r"[\wåäö-]+s (?:beslut|förslag(?: till beslut)?)", key))


# A table cell that holds only a point's number ("4", "4.", "§ 4"): the first column of minutes
# set in a grid (Punkt | Vad | Ansvar).
ITEM_NUMBER_CELL = re.compile(r"^(?:§\s*)?(\d{1,3})[.):]?$")


# --- Decision language (extractors/lang/sv/decisions.py) -------------------------------------------

def _phrase(text: str, slot: bool = False) -> str:
    """One phrase as a pattern: words apart by any space; with ``slot``, up to three words (an object,
    "enhälligt") may stand between the verb and its particle ("lägger informationen till handlingarna")."""
    verb, _, rest = text.partition(" ")
    reflexive = "(?:" + "|".join(REFLEXIVES) + ")"
    words = r"\s+".join(reflexive if w == "sig" else re.escape(w) for w in rest.split())
    if not rest:
        return re.escape(verb)
    gap = r"(?:\s+[^\s.:;!?]+){0,3}?" if slot else ""
    return re.escape(verb) + gap + r"\s+" + words


def _any(phrases: object, slot: bool = False) -> str:
    """An alternation of phrases, longest first, as whole words."""
    unique = sorted(set(phrases), key=len, reverse=True)  # type: ignore[call-overload]
    return r"(?<![\wåäö])(?:" + "|".join(_phrase(p, slot) for p in unique) + r")(?![\wåäö])"


def _forms(phrases: tuple[str, ...], *parts: str) -> list[str]:
    """The chosen forms ("finite", "passive", "participles", "infinitive", "every") of each phrase."""
    out: list[str] = []
    for phrase in phrases:
        forms: VerbForms = conjugate(phrase)
        for part in parts:
            out.extend(getattr(forms, part))
    return out


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_BODY_WORDS = sorted({*BODY_NOUNS.values(), *MEETING_BODIES.values()}, key=len, reverse=True)
# Who decides, at the start of a sentence: a body ("Kommunstyrelsen", "Styrelsens arbetsutskott",
# "KS"), the meeting or a collective ("Mötet", "Vi"); not a body that only proposes ("Valberedningen").
BODY_SUBJECT = (
    r"(?!(?:" + "|".join(map(re.escape, dl.NON_DECIDING_SUBJECTS)) + r")\b)"
    r"(?:[\wåäöé-]*(?:" + "|".join(re.escape(w) for w in _BODY_WORDS) + r")s?"
    r"|(?:" + "|".join(map(re.escape, dl.DECIDING_SUBJECTS)) + r")"
    r"|(?-i:(?:" + "|".join(w.upper() for w in BODY_ABBREVIATIONS) + r")))(?![\wåäö])"
)
# The stretch between a subject and its verb: the same clause, not past an "att" or a colon.
_SAME_CLAUSE = r"(?:(?!\batt\b)[^.:;!?]){0,40}?"
_ACTS = (*dl.DECIDING_VERBS, *dl.NOTING_VERBS, *dl.RECOMMENDING_VERBS, *dl.AGREEING_VERBS)
_PASSIVE_ACTS = (*dl.DECIDING_VERBS, *dl.NOTING_VERBS, *dl.RECOMMENDING_VERBS, *dl.AGREEING_VERBS,
                 *dl.CHANGING_VERBS)
# "Noterades inga frågor", "Det noterades att ...": a passive of taking note with no subject of its own.
IMPERSONAL_NOTE = _compile(r"^(?:(?:" + "|".join(map(re.escape, dl.IMPERSONAL_SUBJECTS)) + r")\s+)?"
                           + _any(_forms(dl.NOTING_VERBS, "passive"), slot=True))
# "lägger informationen till handlingarna", "lades till föreningens handlingar"
_FILES = (_any(_forms(dl.FILING_VERBS, "every"), slot=True)
          + r"(?:\s+[\wåäö-]+s)?\s+" + _any(dl.FILED_NOUNS))
_FILES_FINITE = (_any(_forms(dl.FILING_VERBS, "finite"), slot=True)
                 + r"(?:\s+[\wåäö-]+s)?\s+" + _any(dl.FILED_NOUNS))
_FILES_PASSIVE = (_any(_forms(dl.FILING_VERBS, "passive"), slot=True)
                  + r"(?:\s+[\wåäö-]+s)?\s+" + _any(dl.FILED_NOUNS))
_ADDRESSEE = (r"(?:[\wåäö-]*(?:" + "|".join(re.escape(w) for w in _BODY_WORDS) + r")"
              r"|" + "|".join(map(re.escape, dl.PROPOSAL_ADDRESSEES)) + r")(?![\wåäö])")
# A proposal to another body: "föreslår kommunfullmäktige att", "föreslog årsmötet".
# Present tense only: "Styrelsen föreslog årsmötet att ..." reports the proposal the meeting then took up.
PROPOSES_TO_BODY = _compile(_any(_forms(("föreslå",), "present", "supine", "passive")) + r"\s+(?:att\s+)?"
                            + _ADDRESSEE)
# "Kommunfullmäktige föreslås besluta att ...": the body proposed to, then the passive.
BODY_IS_PROPOSED_TO = _compile("^" + _ADDRESSEE + r"\s+" + _any(_forms(("föreslå",), "passive")))

# "Styrelsen beslutar ...", "Årsmötet beslutade enhälligt ...", "Vi ställde oss bakom ..."
SUBJECT_ACTS = _compile(
    "^" + BODY_SUBJECT + _SAME_CLAUSE + r"(?P<verb>" + _any(_forms(_ACTS, "finite"), slot=True)
    + "|" + _FILES_FINITE + "|" + _any(dl.RECOMMENDING_PHRASES) + "|" + PROPOSES_TO_BODY.pattern + ")")
# "Dagordningen godkändes", "Informationen läggs till handlingarna", "Anna Ek vald till kassör".
PASSIVE_ACTS = _compile(
    r"(?P<verb>" + _FILES_PASSIVE + "|" + _any(_forms(_PASSIVE_ACTS, "passive"), slot=True)
    + "|" + _any(_forms(dl.NAMING_PARTICIPLE_VERBS, "participles")) + r"(?=\s+(?:till|som|enligt)\b)"
    + "|" + _any(_forms(dl.DECIDING_VERBS, "participles")) + r"(?=\s*[.!]?$))")
# Passive forms alone (no participles): "Anna Ek valdes", "Ylva väljs".
PASSIVE_FINITE = _compile(_FILES_PASSIVE + "|" + _any(_forms(_PASSIVE_ACTS, "passive"), slot=True))
# A body proposing: a recommendation under a decision heading, a proposal elsewhere.
SUBJECT_PROPOSES = _compile("^" + BODY_SUBJECT + _SAME_CLAUSE + _any(_forms(dl.PROPOSING_VERBS, "finite")))
# A sentence that opens with the verb, its subject left out: "Beslutade att ...", "Skjuter upp punkten".
OPENING_VERB = _compile("^(?P<verb>" + _any(_forms((*dl.DECIDING_VERBS, *dl.NOTING_VERBS), "finite"), slot=True)
                        + "|" + _FILES_FINITE + ")")
# "Beslut: ...", "Beslut om att ...", not "Beslut tas på nästa möte"; "beslut fattades om ...".
BESLUT_OPENS = _compile(r"^(?P<verb>beslut(?:et)?)(?![\wåäö])(?!\s+(?:"
                        + "|".join(map(re.escape, dl.BESLUT_AS_NOUN_BEFORE)) + r")\b)")
# A decision taken, its subject elsewhere: "... tog beslut att ...", "beslut fattades om ...".
BESLUT_TAKEN = _compile(r"(?P<verb>\bbeslut(?:et)?\s+" + _any(_forms(("fatta", "ta"), "past")) + "|"
                        + _any(_forms(("fatta beslut", "ta beslut"), "past", "supine", "passive")) + r"(?:et)?"
                        + r"(?=\s+(?:att|om)\b))")
AGREEMENT_OPENS = _compile("^(?P<verb>" + _any(dl.AGREEMENT_OPENERS) + ")")
SHARED_VIEW = _compile(_any(dl.SHARED_VIEW_PHRASES))
DECLARES = _compile(r"(?P<verb>" + _any(_forms(dl.DECLARING_VERBS, "every")) + r")[^.;:]{0,60}?"
                    + _any(dl.DECLARED_STATES))
NO_DECISION = _compile(_any(dl.NO_DECISION_PHRASES))

NOTES = _compile(_any(_forms(dl.NOTING_VERBS, "every"), slot=True))
FILES_AWAY = _compile(_FILES)
AGREES = _compile(_any(_forms(dl.AGREEING_VERBS, "every")) + "|" + _any(dl.AGREEMENT_OPENERS))
VIEW_VERB = _compile(_any(dl.VIEW_VERBS))
ADOPTS = _compile(_any(_forms(dl.ADOPTING_VERBS, "every")))
APPROVES_PRESENTATION = _compile(_any(_forms(dl.ADOPTING_VERBS, "every")) + r"(?:\s+[^\s.]+){0,2}?\s+"
                                 + _any(dl.PRESENTATION_NOUNS))
PRESENTATION = _compile(_any(dl.PRESENTATION_NOUNS))
THANKS = _compile(_any(dl.THANKS_PHRASES))
RECOMMENDS = _compile(_any(_forms(dl.RECOMMENDING_VERBS, "every")) + "|" + _any(dl.RECOMMENDING_PHRASES)
                      + "|" + BODY_IS_PROPOSED_TO.pattern
                      + "|" + PROPOSES_TO_BODY.pattern + r"|\btill\s+(?:kommun|region)?fullmäktige\b")
ELECTS = _compile(_any(_forms(("välja", "omvälja", "utse"), "every")))
PROPOSES = _compile(_any(_forms(dl.PROPOSING_VERBS, "finite", "passive")))
# "Förslag: ...", "Förvaltningens förslag till beslut: ...", "Yrkande att ..."
PROPOSAL_LABEL = _compile(r"^(?:[\wåäö-]+s\s+)?" + _any(dl.PROPOSAL_LABELS) + r"\s*(?::|\batt\b|$)")
EARLIER = _compile(_any(dl.EARLIER_WORDS))
OUTSIDE_MEETING = _compile(_any(dl.OUTSIDE_MEETING_WORDS))
CONFIRMS = _compile(_any(_forms(dl.CONFIRMING_VERBS, "every")))
CONFIRMED = _compile(_any(dl.CONFIRMED_OBJECTS))
MODAL = _compile(_any(dl.MODAL_WORDS))
LATER_PHRASE = _compile(_any(dl.LATER_PHRASES))
LATER_MEETING = _compile(r"^\s*(?:(?:på|vid|till|under|inför)\s+" + _any(dl.LATER_MEETINGS) + "|"
                         + _any(dl.LATER_ADVERBS) + ")")
DEFERS = _compile(_any(_forms(dl.DEFERRING_VERBS, "every"), slot=True))
SPEECH = _compile(_any(_forms(dl.SPEECH_VERBS, "finite", "passive")))
VOTE_RECORD = _compile(_any(_forms(dl.VOTE_RECORD_PHRASES, "every")))
REPORTS_DECISIONS = _compile(_any(_forms(dl.REPORTING_VERBS, "finite", "passive")) + "|"
                             + _any(dl.REPORTED_DECISION_WORDS))
_SECTIONS = sorted(dl.NON_DECISION_SECTIONS, key=len, reverse=True)
# A section label that never holds the decision, alone or before its value ("Expedieras till: Diariet").
NON_DECISION_SECTION = _compile("^(?:" + "|".join(re.escape(s) for s in _SECTIONS) + r")(?![\wåäö])\s*:?")


def is_decision_heading(text: str) -> bool:
    """"Beslut", "Kommunstyrelsens beslut", "Styrelsen beslutar:", "Årsmötet beslutade att"."""
    key = label_key(text)
    if key in dl.DECISION_HEADINGS:
        return True
    if re.fullmatch(r"[\wåäö-]+s beslut(?:et)?", key):
        return True
    beslut = "|".join(_forms(("besluta",), "present", "past"))
    return bool(re.fullmatch(BODY_SUBJECT + r"(?:\s+[\wåäö]+)?\s+(?:" + beslut + r")(?:\s+(?:att|följande))?",
                             key, re.IGNORECASE))


def is_recommendation_heading(text: str) -> bool:
    """"Förslag till beslut i kommunfullmäktige", "Kommunstyrelsens förslag till kommunfullmäktige",
    "FÖRSLAG – Kommunfullmäktige"."""
    key = re.sub(r"\s*[-–—:]\s*", " - ", label_key(text)).strip(" -")
    if key in dl.RECOMMENDATION_HEADINGS:
        return True
    return bool(re.fullmatch(r"(?:[\wåäö-]+s\s+)?förslag(?: till beslut)?(?: i| till| -)\s+" + _ADDRESSEE, key,
                             re.IGNORECASE))
LIST_WORD = _compile(_any(dl.LIST_WORDS))
NAMING_OPENER = _compile("^" + _any(dl.NAMING_OPENERS))
ANSWERED_TITLE = _compile("^" + _any(dl.ANSWERED_TITLES))
ELECTION_OPENER = _compile("^" + _any(dl.ELECTION_OPENERS))
# A clause that the points below complete: "Årsmötet beslutade att", "Det beslutades att:", "Beslut att".
DECISION_LEAD = _compile(
    r"(?:^|(?<=\s))(?:" + BODY_SUBJECT + r"(?:\s+[\wåäö]+)?\s+|det\s+)?(?:beslut|"
    + "|".join(_forms(("besluta",), "finite", "passive")) + r")(?:\s+[\wåäö]+)?\s+att\s*:?$")
VOTE_FOR = _compile("^" + _any(dl.VOTE_FOR_LABELS) + r"\s*:")
VOTE_AGAINST = _compile(r"(?:^|\s)" + _any(dl.VOTE_AGAINST_LABELS) + r"\s*:")
SUBJECT_WORD = _compile("^" + BODY_SUBJECT)
_MEETINGS = {b for b in MEETING_BODIES.values() if b not in BODY_NOUNS.values()} | {"mötet", "sammanträdet"}


def same_body(subject: str, body: str) -> bool:
    """A sentence's subject names the meeting's body: "Styrelsen" in "Kommunstyrelsen"'s minutes, "KS"
    for "Kommunstyrelsen", "Mötet" or "Stämman" at an "Årsmötet" (a meeting is its own body)."""
    a, b = (BODY_ABBREVIATIONS.get(w.casefold(), w).casefold() for w in (subject, body))
    if a in _MEETINGS and any(b.endswith(m) for m in _MEETINGS):
        return True
    return a.endswith(b) or b.endswith(a)
NON_DECIDING_SUBJECT = _compile("^(?:" + "|".join(map(re.escape, dl.NON_DECIDING_SUBJECTS)) + r")(?![\wåäö])")
CONTINUING = _compile("^" + _any(dl.CONTINUING_WORDS))
NEGATIVE_SUBJECT = _compile("^" + _any(dl.NEGATIVE_SUBJECTS))
NOMINATES = _compile(_any(_forms(("nominera",), "every")) + "|" + _any(dl.NOMINATION_NOUNS))
# "Beslut om budget tas på nästa möte": the present passive of taking a decision reads as the future.
TAKEN_LATER = _compile(_any(_forms(("fatta", "ta"), "present_passive")))
DECISION_NOUN = _compile(r"\bbeslut")
# A proposal named in any form ("förslag", "förslaget", "yrkandet").
PROPOSAL_WORD = _compile(r"(?<![\wåäö])(?:" + "|".join(map(re.escape, dl.PROPOSAL_LABELS)) + ")")
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

# An appendix heading may carry its section's letter or number before it ("A Appendix A - Stadgar",
# "2. Bilaga"); a word before it makes a sentence that cites an appendix ("Se bilaga C").
_APPENDIX_HEAD = re.compile(rf"^(?:(?:\d{{1,2}}|[a-z])[.)]?\s+)?(?:{_alternatives(APPENDIX_HEADS)})\b", re.IGNORECASE)
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


# --- Letters (extractors/lang/sv/letters.py) ------------------------------------------------------

_COMMON_PAIRS = frozenset(letters.COMMON_LETTER_PAIRS)
_SINGLE_LETTER_WORDS = frozenset(letters.SINGLE_LETTER_WORDS)


def common_letter_pairs(words: Iterable[str]) -> tuple[int, int]:
    """How many of the letter pairs inside the words Swedish text is made of, of how many. Case
    does not count; a pair across a hyphen or a digit is none."""
    common = total = 0
    for word in words:
        for first, second in itertools.pairwise(word.casefold()):
            if first.isalpha() and second.isalpha():
                total += 1
                common += first + second in _COMMON_PAIRS
    return common, total


def is_single_letter_word(letter: str) -> bool:
    """A letter that is a word on its own ("i", "I", "å", "ö")."""
    return letter.casefold() in _SINGLE_LETTER_WORDS
