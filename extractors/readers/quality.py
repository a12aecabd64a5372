"""How far a text layer can be trusted, page by page: does it read as words, and are its words
made of Swedish letters?

Two ways a layer fails. A bad OCR layer ("Stcnäldcrns sa ml?i I lighctslii") has few tokens
shaped like words and many lone letters. A layer whose font maps its glyphs to the wrong
characters looks like text ("Qspuplpmm gasu wje tuzsfmtfnauf", each letter one on) but its words are built of
letter pairs Swedish does not use (extractors/lang/sv/letters.py). Either sends the page to OCR.

What is no evidence either way is left out of both measures: figures and signs ("-1 234",
"(3 400)", "§", "☐"), leader dots and fill-in lines ("3.1 Vision ........ 3", "Namn: ______"),
web and mail addresses, tick marks. So a table of contents, a page of figures or a form is
judged by its words alone, and a page with too few words to tell is judged with its document.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import astuple, dataclass

from extractors.vocabulary import common_letter_pairs, is_single_letter_word
from schemas.layout import Layout, Line

# Leader dots and fill-in lines between words: they part tokens, they are not tokens.
_LEADERS = re.compile(r"(?:\.\s?){3,}|…+|_{2,}|(?:·\s?){3,}|-{3,}|–{2,}")
_BULLETS = "*#-–•▪"  # before a word or a list mark ("-Se över", "• a)")
_OPENING = "(\"“”'«[{<‘’„" + _BULLETS
_CLOSING = ")\"“”'»]}>‘’.,:;!?*"
_LOWER = "a-zåäöéèëêüáàâçñíìïóòôúùøæ"
_UPPER = "A-ZÅÄÖÉÈÜÁÀÇÑÍÓÔÚØÆ"
_NUMBER = r"\d+(?:[.,:/-]\d+)*"
_PART = rf"(?:[{_UPPER}]?[{_LOWER}]+|[{_UPPER}]{{2,}}[{_LOWER}]{{0,2}})"
# A word: lower-case, capitalised, in capitals ("RMGT", "REKOs"), with inner capitals ("iOS",
# "PowerPoint", "KlarFramtid"), compounds and genitives ("Barn- och", "KS:s", "in/utbetalning",
# "DNR:KS/2007.15"), an ending in brackets ("lista(or)"), a number before it ("2:a", "3-åriga",
# "600kr") or after a letter or two ("A4", "E18", "A.12").
_WORD_SHAPE = re.compile(
    rf"^(?:{_NUMBER}[-:.]?)?(?:{_PART}|[{_LOWER}]{{1,2}}[{_UPPER}]+[{_LOWER}]*)(?:[{_UPPER}][{_LOWER}]+)*"
    rf"(?:[-–/:](?:{_PART}|{_NUMBER}))*(?:\([{_LOWER}]+\))?-?$|^[{_UPPER}]{{1,3}}[.:]?{_NUMBER}[{_LOWER}]?$"
)
# Abbreviations with inner stops ("t.ex", "bl.a", "fr.o.m", "f.d"); the final stop is stripped.
_ABBREVIATION = re.compile(rf"^(?:[{_UPPER}{_LOWER}]{{1,4}}\.)+[{_UPPER}{_LOWER}]{{0,4}}$")
# A capital with a stop or in brackets: an initial ("A. Berg"), a party ("(S)"); a small letter
# with a stop, bracket or slash opening a line: a list mark ("a)", "b/").
_CAPITAL_MARK = re.compile(rf"^(?:[{_UPPER}]\.|\([{_UPPER}]\))$")
_LIST_MARK = re.compile(rf"^\(?[{_LOWER}][.)/]$")
_ADDRESS = re.compile(r"@|://|^www\.", re.IGNORECASE)
TICK_MARKS = frozenset("xX✓✔✗✘")
# Control characters and the replacement character: glyphs a layer could not map to text. (A
# symbol font's private-use characters, a form's boxes and ticks, are no evidence either way.)
_UNREADABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
# pdfminer writes "(cid:246)" for a glyph its font does not map to a character. Inside a word
# ("M(cid:246)tet") it is a lost letter; alone it is most often a symbol font's bullet.
_LOST_LETTER = re.compile(r"\w\(cid:\d+\)|\(cid:\d+\)\w")

# A text layer is trusted as far as its tokens read as words made of Swedish letter pairs: the
# share of its tokens shaped like words times the share of their letter pairs common in Swedish.
# Born-digital pages and clean scans' layers score 0.82 and more on every page of the corpus
# (tables of contents, forms and figures included), English 0.86, German 0.83, Finnish 0.80;
# bad OCR layers 0.58-0.71, substituted or shifted letters 0.56 and less.
UNTRUSTED_BELOW = 0.76
# Words in capitals shorter than this are acronyms ("KS", "RMGT"), whose letters pair as they
# will: they are left out of the letter measure. Longer ones ("PROTOKOLL") are words.
ACRONYM_LETTERS = 5
# A layer that cannot map the glyphs of this share of its words loses letters throughout (every
# "ö" of a font): OCR reads them.
UNMAPPED_SHARE = 0.05
# Fewer tokens with letters than this say too little to judge a page by: it is judged with its
# document, which needs twice as many. Fewer letter pairs than this say nothing of the letters.
MIN_WORDS_PAGE = 20
MIN_WORDS_DOCUMENT = 40
MIN_PAIRS = 60

NO_TEXT_LAYER = "no text layer"
GARBLED = "garbled text layer"
SUBSTITUTED = "garbled text layer (letters substituted)"


@dataclass(frozen=True)
class Reading:
    """What a page's (or document's) tokens say of its text layer."""

    tokens: int
    lettered: int  # tokens with a letter (or an unmapped glyph) in them: the evidence
    words: int  # of those, the ones shaped like words
    pairs: int  # letter pairs inside the words
    common: int  # of those, the pairs Swedish text is made of
    unmapped: int = 0  # tokens with a glyph the layer could not map ("M(cid:246)tet", "\ufffd")

    def __add__(self, other: Reading) -> Reading:
        return Reading(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    @property
    def word_share(self) -> float:
        return round(self.words / self.lettered, 3) if self.lettered else 0.0

    @property
    def letter_share(self) -> float:
        """The share of common Swedish letter pairs, 1.0 when there are too few pairs to tell."""
        return round(self.common / self.pairs, 3) if self.pairs >= MIN_PAIRS else 1.0

    @property
    def trust(self) -> float:
        return round(self.word_share * self.letter_share, 3)

    def flaw(self, min_words: int) -> str | None:
        """GARBLED or SUBSTITUTED when the tokens show the layer is bad, None otherwise: substituted
        when the words are shaped well but their letters are not Swedish's."""
        if self.lettered < min_words:
            return None
        if self.unmapped >= UNMAPPED_SHARE * self.lettered:
            return GARBLED
        if self.trust >= UNTRUSTED_BELOW:
            return None
        return SUBSTITUTED if self.letter_share < self.word_share else GARBLED


EMPTY = Reading(0, 0, 0, 0, 0, 0)


def split_tokens(text: str) -> list[str]:
    """A line's tokens, leader dots and fill-in lines taken out."""
    return _LEADERS.sub(" ", text).split()


def token_lines(lines: Iterable[Line]) -> list[list[str]]:
    """Each line's tokens (a lone letter is judged by its neighbours on its line)."""
    return [tokens for line in lines if (tokens := split_tokens(line.text))]


def read_lines(lines: list[list[str]]) -> Reading:
    """What the tokens of these lines say of the text layer."""
    lettered = unmapped = 0
    words: list[str] = []
    for tokens in lines:
        cores = [t.lstrip(_OPENING).rstrip(_CLOSING) for t in tokens]
        for k, core in enumerate(cores):
            if _UNREADABLE.search(core) or _LOST_LETTER.search(core):
                lettered += 1  # a glyph the layer could not map to a character
                unmapped += 1
                continue
            if not any(c.isalpha() for c in core) or core in TICK_MARKS or _ADDRESS.search(core):
                continue  # figures, signs, addresses, ticks: no evidence either way
            lettered += 1
            if _is_word(core) or (len(core) == 1 and _is_lone_letter_word(tokens, cores, k)):
                words.append(core)
    common, pairs = common_letter_pairs(w for w in words if len(w) >= ACRONYM_LETTERS or not w.isupper())
    return Reading(sum(map(len, lines)), lettered, len(words), pairs, common, unmapped)


def _is_word(core: str) -> bool:
    return len(core) > 1 and bool(_WORD_SHAPE.match(core) or _ABBREVIATION.match(core))


def _is_lone_letter_word(tokens: list[str], cores: list[str], k: int) -> bool:
    """A letter alone is a word ("i", "å", "ö"), a mark ("(S)", "A.", a list's "a)"), an initial
    after a name ("Erik M"), a capital opening a sentence ("I övrigt"), or a unit after a figure
    ("2 h"); anywhere else, and alone on its line, it is a stroke or a speck read as a letter."""
    letter, raw = cores[k], tokens[k].lstrip(_BULLETS).rstrip(",;:")
    before = cores[k - 1] if k else ""
    after = cores[k + 1] if k + 1 < len(cores) else ""
    if letter.islower():
        return (is_single_letter_word(letter) or (k == 0 and bool(_LIST_MARK.match(raw)))
                or (bool(before) and before[-1].isdigit()))
    if _CAPITAL_MARK.match(raw):
        return True
    return (bool(before) and _is_word(before) and before[0].isupper()) or (k == 0 and _is_word(after))


def read_page(lines: Iterable[Line]) -> Reading:
    return read_lines(token_lines(lines))


def page_readings(layout: Layout) -> dict[int, Reading]:
    """Every page's reading, 1 to the last page (a page without lines reads no tokens)."""
    by_page: dict[int, list[Line]] = {}
    for line in layout.lines:
        by_page.setdefault(line.page, []).append(line)
    return {n: read_page(by_page.get(n, [])) for n in range(1, layout.pages + 1)}


def ocr_reasons(readings: dict[int, Reading]) -> dict[int, str | None]:
    """Why each page must be read by OCR, or None; the document is judged by all its pages."""
    document = sum(readings.values(), EMPTY).flaw(MIN_WORDS_DOCUMENT)
    return {n: reason(reading, document) for n, reading in readings.items()}


def reason(reading: Reading, document: str | None) -> str | None:
    """Why a page must be read by OCR ("no text layer", GARBLED, SUBSTITUTED), or None when its
    text layer is good. A page with too few words to tell has its document's flaw, if any."""
    if not reading.tokens:
        return NO_TEXT_LAYER
    if reading.lettered < MIN_WORDS_PAGE:
        return document
    return reading.flaw(MIN_WORDS_PAGE)


def page_ocr_reason(page_lines: list[Line], document: str | None) -> str | None:
    return reason(read_page(page_lines), document)


def is_garbled(layout: Layout) -> bool:
    """The whole text layer is a bad OCR or has its letters substituted."""
    return read_page(layout.lines).flaw(MIN_WORDS_DOCUMENT) is not None
