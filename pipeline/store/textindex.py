"""Swedish text as the store indexes it: words, their Snowball stems, and highlighted snippets.

Both backends search the same index text, made here, so that SQLite (whose FTS5 has no
Swedish stemmer) and PostgreSQL find the same hits. A word's index term is its Snowball
Swedish stem, taken once (as PostgreSQL's ``swedish`` config does). A term's ``base`` is that
stem stemmed once more: Snowball strips the singular and the plural of some words to
different stems ("insats" -> "insat", "insatser" -> "insats"; "koordinator" -> "koordinat",
"koordinatorer" -> "koordinator"), and the base is what ties the two together at query time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[^\W_]+")
HIGHLIGHT_OPEN, HIGHLIGHT_CLOSE = "«", "»"

_STEMMER = snowballstemmer.stemmer("swedish")


@dataclass(frozen=True)
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
        return word
    return _STEMMER.stemWord(word)


@lru_cache(maxsize=500_000)
def base(term: str) -> str:
    """The term stemmed once more, to meet the other number's stem of the same word."""
    return stem(term)


def words(text: str) -> Iterator[re.Match[str]]:
    """The words of a text (letters and digits; hyphens, slashes and punctuation separate)."""
    return WORD.finditer(unicodedata.normalize("NFC", text).replace("\u00ad", ""))


def terms_of(text: str) -> list[str]:
    """The index terms of a text, in order (one per word, so phrases keep their positions)."""
    return [term for word in WORD.findall(unicodedata.normalize("NFC", text).replace("\u00ad", ""))
            for term in _word_index_terms(word)]


@lru_cache(maxsize=500_000)
def _word_index_terms(word: str) -> tuple[str, ...]:
    """The index terms of one word as written (folding may part it: "ﬁ" ligatures, "½")."""
    # Cached whole: folding and stemming each word again cost most of a load's time.
    return tuple(stem(part) for part in WORD.findall(fold_word(word)))


def index_text(text: str) -> str:
    """What the full-text index stores for a text: its terms joined by spaces."""
    return " ".join(terms_of(text))


def tokens(text: str) -> list[Token]:
    """Each word of the text with its position in the text as given, for highlighting."""
    text = unicodedata.normalize("NFC", text)
    found = []
    for match in WORD.finditer(text):
        folded = WORD.findall(fold_word(match.group()))
        if folded:
            found.append(Token(match.start(), match.end(), stem(folded[0])))
    return found


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
    return f"{highlight(title, matches)} — {highlight(text, matches, width=24)}"


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


_JOINING_GAPS = (" ", "-", "\u2010", "\u2011")


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


class TermMatcher:
    """Whether an index term is one the query matched: exact terms, or prefixes typed with *."""

    def __init__(self, terms: Iterable[str] = (), prefixes: Iterable[str] = ()) -> None:
        self.terms = frozenset(terms)
        self.prefixes = tuple(prefixes)

    def __call__(self, term: str) -> bool:
        return term in self.terms or (bool(self.prefixes) and term.startswith(self.prefixes))
