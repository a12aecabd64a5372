"""What a user types, made safe and Swedish: parsed into words and phrases, then resolved
against the index's vocabulary into the exact index terms the engine searches.

Syntax (everything else is read as words, never as engine syntax):
  bevilja samordningsteam      every word must be found in the item (AND)
  "Samordningsteam Hallstahammar"   a phrase
  RMGT OR MGT                  either (also ``|``)
  -avslag, NOT avslag          must not be found
  likvid*                      words that begin so
Quotes left open close at the end; parentheses, ``AND``, ``NEAR(`` and other operators of
other search engines are plain separators or words.

A word matches (1) the words of its lemma: its Snowball stem, where the stems of singular
and plural meet through their base ("insats"/"insatser"), and a final m or n doubled before
an ending ("medlem"/"medlemmar"); (2) compounds that end in it, when what comes before is
itself a word of the index ("koordinator" finds "rehabkoordinatorer"), ranked below the word
itself; (3) when it is a compound of two words of the index, those words near each other in
either order ("styrelsearvode" finds "arvode till styrelsen"), ranked below the compound
itself; (4) for an abbreviation some document defines, its long form ("RMGT" finds
"rådgivande myndighetsgemensamt team"); (5) when it finds none of these, the words of the
index within one or two edits of it ("protokol" finds "protokoll"), ranked below the rest,
and the result says what it searched for instead.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from pipeline.search.analysis import PIECE, WORD, TermMatcher, base, fold_word, join_number_groups, stem
from pipeline.store.errors import QueryError

MAX_QUERY_LENGTH = 1000
MAX_WORDS = 32
MAX_EXPANSIONS = 200
MAX_PHRASE_VARIANTS = 16
MIN_BASE_LENGTH = 5  # a shorter base ("anders" -> "ander" -> "and") joins unrelated words
MIN_HEAD_LENGTH = 3
MIN_PART_LENGTH = 3
MIN_SPLIT_LENGTH = 6  # a shorter word is no compound of two words
MAX_SPLITS = 2
PART_DISTANCE = 4  # words allowed between the parts of a compound found apart ("arvode till styrelsen")
LONG_TAIL = 7
FUZZY_CORRECTIONS = 3
INFLECTIONS = ("", "s", "et", "ets", "en", "ens", "er", "ers", "erna", "ernas", "arna", "na", "ar", "or", "orna")
DEFINITE_ENDINGS = ("ets", "ens", "et", "en")  # a compound tail this long is distinctive enough without a known head
# A final m or n after a short vowel is doubled before an ending ("medlem" -> "medlemmar",
# "program" -> "programmet"); Snowball keeps the doubled letter, so both spellings are keys.
DOUBLING_CONSONANTS = "mn"
DOUBLED_ENDINGS = ("ar", "arna", "en", "ens", "et", "ets", "er", "erna", "a", "ande")
VOWELS = "aeiouyåäö"
# Prefixes and particles that start Swedish words without being compound heads
# ("förslag" is no kind of "lag", "anslag" none either).
NOT_HEADS = frozenset({
    "all", "an", "av", "bak", "be", "bi", "efter", "er", "fram", "från", "för", "före", "ge", "genom", "hit", "in",
    "inom", "kring", "med", "mellan", "miss", "mot", "ned", "om", "omkring", "på", "sam", "till", "tillbaka",
    "under", "upp", "ur", "ut", "utan", "van", "vid", "å", "åter", "över",
})
LINKING_LETTERS = "s"  # "samordnings|team": the head is "samordning"

LEXEME = re.compile(r'"([^"]*)"?|([^\s"()]+)')
OR_WORDS = {"OR", "|", "||"}
AND_WORDS = {"AND", "&", "&&", "+"}
NOT_WORDS = {"NOT", "!"}


@dataclass(frozen=True)
class Word:
    text: str  # folded, one index token's worth of letters or digits
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


Atom = Word | Phrase


@dataclass
class Clause:
    options: list[Atom]
    negated: bool = False


@dataclass
class ParsedQuery:
    clauses: list[Clause]


def parse_query(text: str) -> ParsedQuery:
    """The words, phrases and operators of a query string; QueryError when it has nothing to find."""
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"the query is too long (over {MAX_QUERY_LENGTH} characters)")
    clauses: list[Clause] = []
    join_next = negate_next = False
    for match in LEXEME.finditer(join_number_groups(text)):
        quoted, bare = match.group(1), match.group(2)
        if bare is not None and bare in OR_WORDS:
            join_next = bool(clauses)
            continue
        if bare is not None and (bare in AND_WORDS or bare in NOT_WORDS):
            negate_next = negate_next or bare in NOT_WORDS
            continue
        negated = negate_next or (bare is not None and bare.startswith("-") and len(bare) > 1)
        atom = _phrase(quoted) if quoted is not None else _word(bare.lstrip("-+") if bare else "")
        if atom is None:
            continue
        if join_next and clauses:
            clauses[-1].options.append(atom)
        else:
            clauses.append(Clause([atom], negated))
        join_next = negate_next = False
    if len(clauses) > MAX_WORDS:
        raise QueryError(f"the query has too many words (at most {MAX_WORDS})")
    if not any(not c.negated for c in clauses):
        raise QueryError("the query has no word to search for" if not clauses
                         else "the query only says what to leave out; add a word to search for")
    return ParsedQuery(clauses)


def _pieces(raw: str) -> list[str]:
    """A typed word's index pieces: letters and digits apart ("20kr" is "20 kr"), folded."""
    return [part for piece in PIECE.findall(raw) for part in WORD.findall(fold_word(piece))]


def _word(raw: str) -> Atom | None:
    prefix = raw.endswith("*")
    parts = _pieces(raw)
    if not parts:
        return None
    if len(parts) > 1:  # "IT-stöd", "2019/22", "20kr": the parts in a row
        return Phrase(tuple(parts))
    if prefix and len(parts[0]) < 2:
        return None
    return Word(parts[0], prefix)


def _phrase(raw: str) -> Atom | None:
    parts = _pieces(raw)
    if not parts:
        return None
    return Phrase(tuple(parts)) if len(parts) > 1 else Word(parts[0])


class Vocabulary(Protocol):
    """What resolving a query asks of the index: its terms (with the number of items holding
    each) and the long forms the documents give abbreviations."""

    def doc_freqs(self, terms: set[str]) -> dict[str, int]: ...  # the terms the index holds, with counts
    def terms_with_prefix(self, prefix: str, limit: int | None = None) -> list[tuple[str, int]]: ...
    def terms_ending_with(self, suffix: str, limit: int | None = None) -> list[tuple[str, int]]: ...
    def long_forms(self, abbreviations: set[str]) -> dict[str, list[str]]: ...  # abbreviation -> index texts


@dataclass
class Alternatives:
    """What one clause of the query may match, by how much each weighs."""

    terms: set[str] = field(default_factory=set)  # the word's own forms (and prefix expansions)
    compounds: set[str] = field(default_factory=set)  # compounds ending in the word
    prefixes: set[str] = field(default_factory=set)  # as typed with *, for highlighting
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    parts: list[tuple[tuple[str, ...], ...]] = field(default_factory=list)  # a compound's words, each's forms
    corrections: set[str] = field(default_factory=set)  # terms one or two edits from a word that found nothing
    tails: set[str] = field(default_factory=set)  # the forms the compounds end in (to find them in a text)

    def __bool__(self) -> bool:
        return bool(self.terms or self.compounds or self.phrases or self.parts or self.corrections)

    def all_terms(self) -> set[str]:
        """Every term a match may hold (for highlighting)."""
        found = self.terms | self.compounds | self.corrections
        found |= {t for phrase in self.phrases for t in phrase}
        found |= {t for split in self.parts for forms in split for t in forms}
        return found


@dataclass
class ResolvedQuery:
    positive: list[Alternatives]
    negative: list[Alternatives]
    corrections: list[tuple[str, list[str]]] = field(default_factory=list)  # (word typed, terms searched instead)

    @property
    def matches_nothing(self) -> bool:
        """A clause with nothing in the vocabulary: no item can hold every clause."""
        return not self.positive or not all(self.positive)

    def matcher(self) -> TermMatcher:
        """The terms to highlight in a hit's text."""
        terms = {t for alt in self.positive for t in alt.all_terms()}
        return TermMatcher(terms, sorted({p for alt in self.positive for p in alt.prefixes}),
                           tails={t for alt in self.positive for t in alt.tails})

    def clause_matchers(self) -> list[TermMatcher]:
        """One matcher per positive clause: which of the query's words a text holds."""
        return [TermMatcher(alt.all_terms(), sorted(alt.prefixes)) for alt in self.positive]


def resolve(parsed: ParsedQuery, vocabulary: Vocabulary) -> ResolvedQuery:
    """The index terms each clause may match, looked up in the index's vocabulary."""
    words = {w.text for c in parsed.clauses for w in c.options if isinstance(w, Word) and not w.prefix}
    abbreviations = vocabulary.long_forms(words) if words else {}
    positive, negative = [], []
    corrections: list[tuple[str, list[str]]] = []
    for clause in parsed.clauses:
        alternatives = Alternatives()
        for atom in clause.options:
            _add_atom(alternatives, atom, vocabulary, abbreviations)
        if not alternatives and not clause.negated:
            for atom in clause.options:
                if isinstance(atom, Word) and not atom.prefix:
                    found = similar_terms(atom.text, vocabulary)
                    if found:
                        alternatives.corrections |= set(found)
                        corrections.append((atom.text, found))
        (negative if clause.negated else positive).append(alternatives)
    return ResolvedQuery(positive, [n for n in negative if n], corrections)


def _add_atom(into: Alternatives, atom: Atom, vocabulary: Vocabulary,
              abbreviations: dict[str, list[str]]) -> None:
    if isinstance(atom, Phrase):
        into.phrases += _phrase_variants(atom.words, vocabulary)
    elif atom.prefix:
        prefix = stem(atom.text) if len(stem(atom.text)) >= 2 else atom.text
        into.prefixes.add(prefix)
        into.terms |= {t for t, _ in vocabulary.terms_with_prefix(prefix, limit=MAX_EXPANSIONS)}
    else:
        lemma, compounds = word_terms(atom.text, vocabulary)
        into.terms |= lemma
        into.compounds |= compounds - lemma
        into.tails |= {key for key in lemma_keys(atom.text) if any(c.endswith(key) for c in compounds - lemma)}
        into.parts += compound_parts(atom.text, vocabulary)
        for long_form in abbreviations.get(atom.text, []):
            into.phrases.append(tuple(long_form.split()))


@lru_cache(maxsize=50_000)
def lemma_keys(word: str) -> frozenset[str]:
    """The stems a word's forms may have in the index.

    Snowball strips most Swedish endings but not all ("förbundet" stays whole while "förbund"
    and "förbunden" meet; "projekt" becomes "projek" but "projektet" stays): so the word is put
    in its common forms, each stemmed, and a stem's own stem (its base) is added when long enough.
    A final m or n is also tried doubled before an ending, and a doubled one single.
    """
    if not word.isalpha():
        return {word}
    roots = {word} | {word[: -len(e)] for e in DEFINITE_ENDINGS if word.endswith(e) and len(word) - len(e) >= 3}
    keys = {stem(root + ending) for root in roots for ending in INFLECTIONS}
    for root in [*roots, stem(word)]:
        if _doubles(root):
            keys |= {stem(root + root[-1] + ending) for ending in DOUBLED_ENDINGS}
        if len(root) >= 5 and root[-1] in DOUBLING_CONSONANTS and root[-1] == root[-2]:
            keys |= {stem(root[:-1] + ending) for ending in INFLECTIONS}
    keys |= {base(k) for k in keys if len(base(k)) >= MIN_BASE_LENGTH}
    return frozenset(keys)


def _doubles(root: str) -> bool:
    """Whether a word ends in a consonant Swedish doubles before an ending: m or n after one vowel."""
    return (len(root) >= 3 and root[-1] in DOUBLING_CONSONANTS and root[-2] in VOWELS
            and root[-3] not in VOWELS)


def lemma_terms(word: str, vocabulary: Vocabulary, thorough: bool = True) -> set[str]:
    """The terms of the index that are forms of the word (``thorough``: also terms whose own
    stem is one of its forms, found by walking the dictionary)."""
    keys = lemma_keys(word)
    found = set(vocabulary.doc_freqs(set(keys)))
    if not thorough:
        return found
    # A term whose own stem is a key (the other number's stem of the same word).
    for key in sorted(k for k in keys if len(k) >= MIN_BASE_LENGTH):
        found |= {t for t, _ in vocabulary.terms_with_prefix(key, limit=MAX_EXPANSIONS) if base(t) in keys}
    return found


def word_terms(word: str, vocabulary: Vocabulary) -> tuple[set[str], set[str]]:
    """The index terms a single word matches: its lemma's terms, and the compounds ending in it."""
    keys = lemma_keys(word)
    found = lemma_terms(word, vocabulary)
    candidates: dict[str, str] = {}  # compound term -> its head
    for key in keys:
        for term, _ in vocabulary.terms_ending_with(key, limit=MAX_EXPANSIONS * 2):
            head = term[: len(term) - len(key)]
            if len(head) >= MIN_HEAD_LENGTH and head not in NOT_HEADS:
                candidates.setdefault(term, head)
    ordered = sorted(candidates, key=lambda t: (len(t), t))
    if len(min(keys, key=len)) >= LONG_TAIL:
        return found, set(ordered[:MAX_EXPANSIONS])
    # The shortest compounds whose head is a word of the index; heads are looked up only until
    # enough are found (a common word ends thousands of terms).
    compounds: set[str] = set()
    known: dict[str, bool] = {}
    for term in ordered:
        head = candidates[term]
        if head not in known:
            known[head] = bool(vocabulary.doc_freqs(_head_forms(head)))
        if known[head]:
            compounds.add(term)
            if len(compounds) >= MAX_EXPANSIONS:
                break
    return found, compounds


def _head_forms(head: str) -> set[str]:
    """The words a compound's head may be: itself, or without its linking letter ("samordnings")."""
    forms = {stem(head)}
    if head[-1] in "saeou" and len(head) > MIN_HEAD_LENGTH:
        forms.add(stem(head[:-1]))
    return {f for f in forms if f not in NOT_HEADS}


def compound_parts(word: str, vocabulary: Vocabulary) -> list[tuple[tuple[str, ...], ...]]:
    """The ways a word is two words of the index, head and tail, each as the forms the index holds
    ("styrelsearvode": "styrelse" + "arvode"; "lokalhyra": "lokal" + "hyra"), the most even split first."""
    if len(word) < MIN_SPLIT_LENGTH or not word.isalpha():
        return []
    splits = []
    for cut in range(MIN_PART_LENGTH, len(word) - MIN_PART_LENGTH + 1):
        head, tail = word[:cut], word[cut:]
        if head in NOT_HEADS:
            continue
        tail_forms = lemma_terms(tail, vocabulary, thorough=False)
        if not tail_forms:
            continue
        heads = {head} | ({head[:-1]} if head[-1] in LINKING_LETTERS and len(head) > MIN_PART_LENGTH else set())
        head_forms = set().union(*(lemma_terms(h, vocabulary, thorough=False) for h in heads if h not in NOT_HEADS))
        if head_forms:
            splits.append((min(len(head), len(tail)), (tuple(sorted(head_forms)), tuple(sorted(tail_forms)))))
    splits.sort(key=lambda s: -s[0])
    return [split for _, split in splits[:MAX_SPLITS]]


def fuzzy_distance(word: str) -> int:
    """Edits a word may be off by, by its length: none for two letters, one up to five, else two."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


def similar_terms(word: str, vocabulary: Vocabulary) -> list[str]:
    """The index's terms nearest the word (one or two edits, by length), the most common first.

    Candidates share the word's first letter (a typo there is rare, and the term dictionary
    is walked by prefix); among them, those fewest edits away win."""
    from rapidfuzz.distance import OSA
    from rapidfuzz.process import extract

    term = stem(word) if word.isalpha() else word
    distance = fuzzy_distance(term)
    if not distance:
        return []
    candidates = [(t, n) for t, n in vocabulary.terms_with_prefix(term[0])
                  if abs(len(t) - len(term)) <= distance and t != term]
    if not candidates:
        return []
    counts = dict(candidates)
    found = extract(term, list(counts), scorer=OSA.distance, score_cutoff=distance, limit=None)
    if not found:
        return []
    nearest = min(edits for _, edits, _ in found)
    best = sorted((t for t, edits, _ in found if edits == nearest), key=lambda t: (-counts[t], t))
    return best[:FUZZY_CORRECTIONS]


def _phrase_variants(words: tuple[str, ...], vocabulary: Vocabulary) -> list[tuple[str, ...]]:
    """The phrase with each word in each of its lemma's forms found in the index (no compounds)."""
    per_word = []
    for word in words:
        forms = sorted(lemma_terms(word, vocabulary)) or [stem(word)]
        per_word.append(forms)
    return list(itertools.islice(itertools.product(*per_word), MAX_PHRASE_VARIANTS))


def name_phrases(names: set[str]) -> ResolvedQuery:
    """A query for any of a person's spellings, each as a phrase of its words."""
    phrases = sorted({tuple(stem(w) for w in _pieces(n)) for n in names} - {()})
    return ResolvedQuery([Alternatives(phrases=phrases)], [])
