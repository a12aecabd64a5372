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
from collections.abc import Iterable, Iterator
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
    return unicodedata.normalize("NFC", text).replace("\u00ad", "")


def join_number_groups(text: str) -> str:
    """"50 000 kr" as "50000 kr": for a query, whose words are split at spaces before they are read."""
    return NUMBER_GROUPS.sub(lambda m: GROUP_SPACE.sub("", m.group()), text)


def terms_of(text: str) -> list[str]:
    """The index terms of a text, in order (one per word, so phrases keep their positions)."""
    found: list[str] = []
    for match in TOKEN.finditer(normalise(text)):
        word = match.group()
        if word[0].isdigit() and not word.isalnum():  # digit groups: one number
            found.append(GROUP_SPACE.sub("", word)[:MAX_TERM])
        else:
            found.extend(word_terms(word))
    return found


@lru_cache(maxsize=500_000)
def word_terms(word: str) -> tuple[str, ...]:
    """The index terms of one word as written: its digit and letter runs, each folded and stemmed
    (folding may part it further: "ﬁ" ligatures, "½")."""
    # Cached whole: folding and stemming each word again cost most of a load's time.
    return tuple(stem(part) for piece in PIECE.findall(word) for part in WORD.findall(fold_word(piece)))


def index_text(text: str) -> str:
    """What the index stores for a text: its terms joined by spaces."""
    return " ".join(terms_of(text))


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

    def __init__(self, terms: Iterable[str] = (), prefixes: Iterable[str] = ()) -> None:
        self.terms = frozenset(terms)
        self.prefixes = tuple(prefixes)

    def __call__(self, term: str) -> bool:
        return term in self.terms or (bool(self.prefixes) and term.startswith(self.prefixes))


def matched_terms(text: str, matches: TermMatcher) -> set[str]:
    """The terms of a text the query matched."""
    return {t.term for t in tokens(" ".join(text.split())) if matches(t.term)}


def highlight(text: str, matches: TermMatcher, width: int = 32) -> str:
    """A window of about ``width`` words of ``text`` around the most matched words, matches in «».

    Adjacent matched words share one mark ("«Samordningsteam Hallstahammar»"); a window that
    cuts the text shows "…" at the cut.
    """
    text = " ".join(text.split())
    found = tokens(text)
    if not found:
        return text[:300]
    hits = [matches(token.term) for token in found]
    first, last = _best_window(hits, width)
    window_start = found[first].start if first > 0 else 0
    window_end = found[last - 1].end if last < len(found) else len(text)
    out, cursor = [], window_start
    for span_start, span_end in _marked_spans(text, found[first:last], hits[first:last]):
        out += [text[cursor:span_start], HIGHLIGHT_OPEN, text[span_start:span_end], HIGHLIGHT_CLOSE]
        cursor = span_end
    out.append(text[cursor:window_end])
    return ("… " if first > 0 else "") + "".join(out).strip() + (" …" if last < len(found) else "")


def snippet(title: str, text: str, matches: TermMatcher) -> str:
    """The hit's text highlighted; led by its highlighted title when only the title matched
    ("«Rehabkoordinatorer i samverkan» — Styrelsen noterar informationen.")."""
    if any(matches(t.term) for t in tokens(text)) or not any(matches(t.term) for t in tokens(title)):
        return highlight(text, matches)
    lead = highlight(title, matches, width=16)
    return f"{lead} — {highlight(text, matches)}" if text.strip() else lead


def _marked_spans(text: str, window: list[Token], hits: list[bool]) -> list[tuple[int, int]]:
    """Character spans to mark: runs of matched words joined by a space or hyphen."""
    spans: list[tuple[int, int]] = []
    for token, hit in zip(window, hits, strict=True):
        if not hit:
            continue
        if spans and text[spans[-1][1]:token.start] in _JOINING_GAPS:
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((token.start, token.end))
    return spans


_JOINING_GAPS = ("", " ", "-", "\u2010", "\u2011")


def _best_window(hits: list[bool], width: int) -> tuple[int, int]:
    """The window of ``width`` tokens holding most hits; it opens a few words before the first."""
    if len(hits) <= width:
        return 0, len(hits)
    best_start, best_count = 0, -1
    count = sum(hits[:width])
    for start in range(len(hits) - width + 1):
        if start:
            count += hits[start + width - 1] - hits[start - 1]
        if count > best_count:
            best_start, best_count = start, count
    if best_count > 0:
        first_hit = next(k for k in range(best_start, best_start + width) if hits[k])
        best_start = max(0, min(first_hit - 4, len(hits) - width))
    return best_start, best_start + width
