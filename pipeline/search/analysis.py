"""Swedish text as the search index holds it, the same for what is indexed and what is asked:
words, their Snowball stems, numbers with their units, and highlighted snippets.

A word's index term is its Snowball Swedish stem, taken once (as PostgreSQL's ``swedish``
config does). A term's ``base`` is that stem stemmed once more: Snowball strips the singular
and the plural of some words to different stems ("insats" -> "insat", "insatser" -> "insats";
"koordinator" -> "koordinat", "koordinatorer" -> "koordinator"), and the base is what ties the
two together when a query is resolved.

Numbers: a run of digits and a run of letters are two words ("20kr" is "20 kr", "covid19" is
"covid 19"), and the Swedish way of grouping thousands is one number ("50 000" is "50000"), so
the figure is found however it was typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[^\W_]+")
# A number written in groups of three ("1 500 000", with a space, no-break or thin space), else a word.
NUMBER_GROUPS = re.compile(r"(?<![\d])\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d])")
TOKEN = re.compile(NUMBER_GROUPS.pattern + r"|[^\W_]+")
GROUP_SPACE = re.compile(r"[ \u00a0\u2009\u202f]")
# Within a word, digits and letters part ("20kr", "2024a").
PIECE = re.compile(r"\d+|[^\W\d_]+")
MAX_TERM = 60  # a longer "word" is noise (a run-together line); it is cut, on both sides alike
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "«", "»"

_STEMMER = snowballstemmer.stemmer("swedish")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the original text, where it stands, and its index term."""

    start: int
    end: int
    term: str


def fold_word(word: str) -> str:
    """Ligatures and width variants made plain (PDF text has "ﬁ"), then case-folded."""
    return unicodedata.normalize("NFKC", word).casefold()


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """The index term of one folded word: its Snowball Swedish stem; numbers stay as written."""
    if not word.isalpha():
        return word[:MAX_TERM]
    return _STEMMER.stemWord(word)[:MAX_TERM]


@lru_cache(maxsize=500_000)
def base(term: str) -> str:
    """The term stemmed once more, to meet the other number's stem of the same word."""
    return stem(term)


def normalise(text: str) -> str:
    """NFC, soft hyphens out: the form both the index and a query are read in."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.replace("\u00ad", "") if "\u00ad" in text else text


def join_number_groups(text: str) -> str:
    """"50 000 kr" as "50000 kr": for a query, whose words are split at spaces before they are read."""
    return NUMBER_GROUPS.sub(_joined_number, text)


def terms_of(text: str) -> list[str]:
    """The index terms of a text, in order (one per word, so phrases keep their positions)."""
    return index_text(text).split()


def word_terms(word: str) -> tuple[str, ...]:
    """The index terms of one word as written: its digit and letter runs, each folded and stemmed
    (folding may part it further: "ﬁ" ligatures, "½")."""
    return tuple(_word_index(word).split())


_WORD_INDEX: dict[str, str] = {}
_WORD_INDEX_LIMIT = 1_000_000


def _word_index(word: str) -> str:
    """A word's index terms joined by spaces, cached: folding and stemming each word again cost
    most of a load's time."""
    found = _WORD_INDEX.get(word)
    if found is None:
        if len(_WORD_INDEX) >= _WORD_INDEX_LIMIT:
            _WORD_INDEX.clear()
        if word[0].isdigit() and not word.isalnum():  # digit groups: one number
            found = GROUP_SPACE.sub("", word)[:MAX_TERM]
        else:
            found = " ".join(stem(part) for piece in PIECE.findall(word) for part in WORD.findall(fold_word(piece)))
        _WORD_INDEX[word] = found
    return found


def _joined_number(match: re.Match[str]) -> str:
    return GROUP_SPACE.sub("", match.group())


class _Terms(dict):
    """Text -> its index terms joined by spaces, made on first use by ``make`` and kept (up to a
    limit): folding and stemming each word again cost most of a load's time."""

    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: str) -> str:
        if len(self) >= _WORD_INDEX_LIMIT:
            self.clear()
        found = self[key] = self.make(key)
        return found


# A digit, a group space and a digit: where a number written in groups may stand.
MAYBE_GROUPS = re.compile(r"\d[ \u00a0\u2009\u202f]\d")
_WORDS = _Terms(lambda word: _word_index(word))
# A space-separated chunk's terms ("styrelsen," and "(styrelsen)" recur as often as words).
_CHUNKS = _Terms(lambda chunk: " ".join(map(_WORDS.__getitem__, TOKEN.findall(chunk))))


def index_text(text: str) -> str:
    """What the index stores for a text: its terms joined by spaces."""
    text = normalise(text)
    if MAYBE_GROUPS.search(text):  # a number in groups spans spaces: read word by word
        found = " ".join(map(_WORDS.__getitem__, TOKEN.findall(text)))
    else:  # no word spans a space: read a chunk at a time
        found = " ".join(map(_CHUNKS.__getitem__, text.split()))
    # A chunk without a word ("–") adds no term, and no second space.
    return " ".join(found.split()) if "  " in found else found


def tokens(text: str) -> list[Token]:
    """Each word of the text with its place in the text as given, for highlighting."""
    found = []
    for match in TOKEN.finditer(text):
        word = match.group()
        if word[0].isdigit() and not word.isalnum():
            found.append(Token(match.start(), match.end(), GROUP_SPACE.sub("", word)[:MAX_TERM]))
            continue
        for piece in PIECE.finditer(word):
            folded = WORD.findall(fold_word(piece.group()))
            if folded:
                found.append(Token(match.start() + piece.start(), match.start() + piece.end(), stem(folded[0])))
    return found


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of a text (letters and digits; hyphens, slashes and punctuation separate)."""
    return WORD.finditer(normalise(text))


# -- snippets ---------------------------------------------------------------------------------

class TermMatcher:
    """Whether an index term is one the query matched: exact terms, or prefixes typed with *."""

    def __init__(self, terms: Iterable[str] = (), prefixes: Iterable[str] = (), tails: Iterable[str] = ()) -> None:
        self.terms = frozenset(terms)
        self.prefixes = tuple(prefixes)
        self.tails = frozenset(tails)  # compounds among the terms end in these (a hint for finding them)

    def __call__(self, term: str) -> bool:
        return term in self.terms or (bool(self.prefixes) and term.startswith(self.prefixes))


class Highlighter:
    """Finds the words of a text whose index terms a query matched, without reading every word.

    A Swedish stem begins its word (Snowball only strips endings), so one regular expression of
    the matched terms, as word beginnings in any case, finds the candidates; each is then read
    as the index reads it and kept when its term matches."""

    def __init__(self, matcher: TermMatcher) -> None:
        self.matcher = matcher
        tails = sorted(matcher.tails, key=len, reverse=True)
        # A compound is found by the form it ends in, not spelt out: a common word ends hundreds.
        starts = {t for t in matcher.terms | set(matcher.prefixes) if t and not t.endswith(tuple(tails))}
        letters = {t for t in starts if not t[0].isdigit()}
        digits = {t for t in starts if t[0].isdigit() and t.isdigit()}
        patterns = []
        if tails:
            patterns.append(r"(?<![^\W\d_])[^\W\d_]*?(?:" + "|".join(map(re.escape, tails)) + r")[^\W\d_]*")
        if letters:
            patterns.append(r"(?<![^\W\d_])" + _trie_pattern(letters) + r"[^\W\d_]*")
        if digits:
            spaced = {GROUP_GAP.join(re.escape(c) for c in d) for d in digits}
            patterns.append(r"(?<![\d])(?:" + "|".join(sorted(spaced, key=len, reverse=True)) + r")[\d]*")
        self.pattern = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None
        self._found: dict[str, list[Token]] = {}  # a hit's texts are read for counting and for quoting

    def find(self, text: str) -> list[Token]:
        """The matched words of ``text``, in order."""
        if self.pattern is None:
            return []
        known = self._found.get(text)
        if known is not None:
            return known
        if len(self._found) > 256:
            self._found.clear()
        found: list[Token] = []
        self._found[text] = found
        for match in self.pattern.finditer(text):
            word = match.group()
            if word[0].isdigit():
                term = GROUP_SPACE.sub("", word)[:MAX_TERM]
            else:
                terms = _word_index(word).split()
                term = terms[0] if terms else ""
            if term and self.matcher(term):
                found.append(Token(match.start(), match.end(), term))
        return found

    def terms(self, text: str) -> set[str]:
        """The matched terms a text holds."""
        return {token.term for token in self.find(text)}


GROUP_GAP = "[ \u00a0\u2009\u202f]?"


def _trie_pattern(words: set[str]) -> str:
    """One regular expression for any of the words, as a trie: its time does not grow with their number."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def render(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + render(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body
    return "(?:" + render(trie) + ")"


def _highlighter(matches: TermMatcher | Highlighter) -> Highlighter:
    return matches if isinstance(matches, Highlighter) else Highlighter(matches)


def matched_terms(text: str, matches: TermMatcher | Highlighter) -> set[str]:
    """The terms of a text the query matched."""
    return _highlighter(matches).terms(text)


CHARS_PER_WORD = 7  # a Swedish word and its space, on average: a window of words in characters


def highlight(text: str, matches: TermMatcher | Highlighter, width: int = 32) -> str:
    """A window of about ``width`` words of ``text`` around the most matched words, matches in «».

    Adjacent matched words share one mark ("«Samordningsteam Hallstahammar»"); a window that
    cuts the text shows "…" at the cut.
    """
    text = " ".join(text.split())
    found = _highlighter(matches).find(text)
    size = width * CHARS_PER_WORD
    if len(text) <= size:
        start, end = 0, len(text)
    else:
        start, end = _best_window(text, found, size)
    out, cursor = [], start
    for span_start, span_end in _marked_spans(text, [t for t in found if t.start >= start and t.end <= end]):
        out += [text[cursor:span_start], HIGHLIGHT_OPEN, text[span_start:span_end], HIGHLIGHT_CLOSE]
        cursor = span_end
    out.append(text[cursor:end])
    return ("… " if start > 0 else "") + "".join(out).strip() + (" …" if end < len(text) else "")


def snippet(title: str, text: str, matches: TermMatcher | Highlighter) -> str:
    """The hit's text highlighted; led by its highlighted title when only the title matched
    ("«Rehabkoordinatorer i samverkan» — Styrelsen noterar informationen.")."""
    highlighter = _highlighter(matches)
    if highlighter.find(text) or not highlighter.find(title):
        return highlight(text, highlighter)
    lead = highlight(title, highlighter, width=16)
    return f"{lead} — {highlight(text, highlighter)}" if text.strip() else lead


def _marked_spans(text: str, found: list[Token]) -> list[tuple[int, int]]:
    """Character spans to mark: runs of matched words joined by a space or hyphen."""
    spans: list[tuple[int, int]] = []
    for token in found:
        if spans and text[spans[-1][1]:token.start] in _JOINING_GAPS:
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((token.start, token.end))
    return spans


_JOINING_GAPS = ("", " ", "-", "\u2010", "\u2011")
LEAD = 4 * CHARS_PER_WORD  # the window opens a few words before its first match


def _best_window(text: str, found: list[Token], size: int) -> tuple[int, int]:
    """About ``size`` characters holding most matches: it opens a few words before its first
    match and holds ``size / CHARS_PER_WORD`` words."""
    start = 0
    if found:
        best, best_count, last = 0, 0, 0
        for first in range(len(found)):
            while last < len(found) and found[last].end <= found[first].start + size - LEAD:
                last += 1
            if last - first > best_count:
                best, best_count = first, last - first
        start = found[best].start
        for _ in range(LEAD // CHARS_PER_WORD):
            space = text.rfind(" ", 0, max(0, start - 1))
            if space < 0:
                start = 0
                break
            start = space + 1
    end = len(text)
    for count, token in enumerate(TOKEN.finditer(text, start), start=1):
        if count == size // CHARS_PER_WORD:
            end = token.end()
            break
    return start, end
