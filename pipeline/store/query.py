"""What a user types, made safe and Swedish: parsed into words and phrases, then resolved
against the store's vocabulary into the exact index terms each backend searches.

Syntax (everything else is read as words, never as SQL or FTS syntax):
  bevilja samordningsteam      every word must match (AND)
  "Samordningsteam Hallstahammar"   a phrase
  RMGT OR MGT                  either (also ``|``)
  -avslag, NOT avslag          must not match
  likvid*                      words that begin so
Quotes left open close at the end; parentheses, ``AND``, ``NEAR(`` and other operators of
other search engines are plain separators or words.

A word matches (1) the words of its lemma: its Snowball stem, where the stems of singular
and plural meet through their base ("insats"/"insatser"); (2) compounds that end in it, when
what comes before is itself a word of the store ("koordinator" finds "rehabkoordinatorer",
"team" finds "samordningsteamet"); (3) for an abbreviation some document defines, its long
form ("RMGT" finds "rådgivande myndighetsgemensamt team").
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Protocol

from pipeline.store.errors import QueryError
from pipeline.store.textindex import WORD, TermMatcher, base, fold_word, stem

MAX_QUERY_LENGTH = 1000
MAX_WORDS = 32
MAX_EXPANSIONS = 200
MAX_PHRASE_VARIANTS = 16
RANKED_COMPOUNDS = 16  # compounds a ranking function weighs per word (all of them still match)
MIN_BASE_LENGTH = 5  # a shorter base ("anders" -> "ander" -> "and") joins unrelated words
MIN_HEAD_LENGTH = 3
LONG_TAIL = 7
INFLECTIONS = ("", "s", "et", "ets", "en", "ens", "er", "ers", "erna", "ernas", "arna", "na")
DEFINITE_ENDINGS = ("ets", "ens", "et", "en")  # a compound tail this long is distinctive enough without a known head
# Prefixes and particles that start Swedish words without being compound heads
# ("förslag" is no kind of "lag", "anslag" none either).
NOT_HEADS = frozenset({
    "all", "an", "av", "bak", "be", "bi", "efter", "er", "fram", "från", "för", "före", "ge", "genom", "hit", "in",
    "inom", "kring", "med", "mellan", "miss", "mot", "ned", "om", "omkring", "på", "sam", "till", "tillbaka",
    "under", "upp", "ur", "ut", "utan", "van", "vid", "å", "åter", "över",
})

LEXEME = re.compile(r'"([^"]*)"?|([^\s"()]+)')
OR_WORDS = {"OR", "|", "||"}
AND_WORDS = {"AND", "&", "&&", "+"}
NOT_WORDS = {"NOT", "!"}


@dataclass(frozen=True)
class Word:
    text: str  # folded, one index token's worth of letters and digits
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
    for match in LEXEME.finditer(text):
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


def _word(raw: str) -> Atom | None:
    prefix = raw.endswith("*")
    parts = WORD.findall(fold_word(raw))
    if not parts:
        return None
    if len(parts) > 1:  # "IT-stöd", "2019/22": the parts in a row
        return Phrase(tuple(parts))
    if prefix and len(parts[0]) < 2:
        return None
    return Word(parts[0], prefix)


def _phrase(raw: str) -> Atom | None:
    parts = WORD.findall(fold_word(raw))
    if not parts:
        return None
    return Phrase(tuple(parts)) if len(parts) > 1 else Word(parts[0])


class Vocabulary(Protocol):
    """What resolving a query asks of the store."""

    def lemma_terms(self, keys: set[str]) -> list[tuple[str, str]]: ...  # (term, base): term or base in keys
    def terms_ending_with(self, suffixes: set[str]) -> list[tuple[str, str]]: ...  # term or base ends with one
    def known_terms(self, terms: set[str]) -> set[str]: ...
    def long_forms(self, abbreviations: set[str]) -> dict[str, list[str]]: ...  # abbreviation -> index texts


@dataclass
class Alternatives:
    """What one clause of the query may match: exact terms, prefixes, phrases of terms."""

    terms: set[str] = field(default_factory=set)
    compounds: set[str] = field(default_factory=set)  # compounds ending in the word
    prefixes: set[str] = field(default_factory=set)
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.terms or self.compounds or self.prefixes or self.phrases)

    def without_compounds(self) -> Alternatives:
        return Alternatives(self.terms, set(), self.prefixes, self.phrases)

    def with_fewer_compounds(self, keep: int) -> Alternatives:
        shortest = sorted(self.compounds, key=lambda t: (len(t), t))[:keep]
        return Alternatives(self.terms, set(shortest), self.prefixes, self.phrases)


@dataclass
class ResolvedQuery:
    positive: list[Alternatives]
    negative: list[Alternatives]

    @property
    def matches_nothing(self) -> bool:
        """A clause with nothing in the vocabulary: no unit can hold every clause."""
        return not self.positive or not all(self.positive)

    def exact(self) -> ResolvedQuery | None:
        """The query without compound expansions, when it has any and can still match without them:
        a unit that holds the words themselves ranks above one that only holds compounds of them."""
        if not any(alt.compounds for alt in self.positive):
            return None
        exact = ResolvedQuery([alt.without_compounds() for alt in self.positive], self.negative)
        return None if exact.matches_nothing else exact

    def for_ranking(self) -> ResolvedQuery:
        """The query a ranking function scores with: a word's own forms and its shortest compounds.
        A rank function's cost grows with the terms it weighs, and a common word may end
        hundreds of compounds; a unit matched only by one left out ranks by its kind alone."""
        return ResolvedQuery([alt.with_fewer_compounds(RANKED_COMPOUNDS) for alt in self.positive], [])

    def matcher(self) -> TermMatcher:
        """The terms to highlight in a hit's text."""
        terms = {t for alt in self.positive for t in alt.terms | alt.compounds}
        terms |= {t for alt in self.positive for phrase in alt.phrases for t in phrase}
        return TermMatcher(terms, sorted({p for alt in self.positive for p in alt.prefixes}))


def resolve(parsed: ParsedQuery, vocabulary: Vocabulary) -> ResolvedQuery:
    """The index terms each clause may match, looked up in the store's vocabulary."""
    words = {w.text for c in parsed.clauses for w in c.options if isinstance(w, Word) and not w.prefix}
    abbreviations = vocabulary.long_forms(words) if words else {}
    positive, negative = [], []
    for clause in parsed.clauses:
        alternatives = Alternatives()
        for atom in clause.options:
            _add_atom(alternatives, atom, vocabulary, abbreviations)
        (negative if clause.negated else positive).append(alternatives)
    return ResolvedQuery(positive, [n for n in negative if n])


def _add_atom(into: Alternatives, atom: Atom, vocabulary: Vocabulary,
              abbreviations: dict[str, list[str]]) -> None:
    if isinstance(atom, Phrase):
        into.phrases += _phrase_variants(atom.words, vocabulary)
    elif atom.prefix:
        into.prefixes.add(stem(atom.text))
    else:
        lemma, compounds = word_terms(atom.text, vocabulary)
        into.terms |= lemma
        into.compounds |= compounds - lemma
        for long_form in abbreviations.get(atom.text, []):
            into.phrases.append(tuple(long_form.split()))


def lemma_keys(word: str) -> set[str]:
    """The stems a word's forms may have in the index.

    Snowball strips most Swedish endings but not all ("förbundet" stays whole while "förbund"
    and "förbunden" meet; "projekt" becomes "projek" but "projektet" stays): so the word is put
    in its common forms, each stemmed, and a stem's own stem (its base) is added when long enough.
    """
    if not word.isalpha():
        return {word}
    roots = {word} | {word[: -len(e)] for e in DEFINITE_ENDINGS if word.endswith(e) and len(word) - len(e) >= 3}
    keys = {stem(root + ending) for root in roots for ending in INFLECTIONS}
    keys |= {base(k) for k in keys if len(base(k)) >= MIN_BASE_LENGTH}
    return keys


def word_terms(word: str, vocabulary: Vocabulary) -> tuple[set[str], set[str]]:
    """The index terms a single word matches: its lemma's terms, and the compounds ending in it."""
    keys = lemma_keys(word)
    found = {term for term, term_base in vocabulary.lemma_terms(keys) if term in keys or term_base in keys}
    candidates: dict[str, str] = {}  # compound term -> its head
    for term, term_base in vocabulary.terms_ending_with(keys):
        for key in keys:
            for form in (term, term_base):
                head = form[: len(form) - len(key)]
                if form.endswith(key) and len(head) >= MIN_HEAD_LENGTH and head not in NOT_HEADS:
                    candidates.setdefault(term, head)
    long_tail = len(min(keys, key=len)) >= LONG_TAIL
    if candidates and not long_tail:
        heads = {h: _head_forms(h) for h in set(candidates.values())}
        known = vocabulary.known_terms({f for forms in heads.values() for f in forms})
        candidates = {t: h for t, h in candidates.items() if heads[h] & known}
    compounds = sorted(candidates, key=lambda t: (len(t), t))[:MAX_EXPANSIONS]
    return found, set(compounds)


def _head_forms(head: str) -> set[str]:
    """The words a compound's head may be: itself, or without its linking letter ("samordnings")."""
    forms = {stem(head)}
    if head[-1] in "saeou" and len(head) > MIN_HEAD_LENGTH:
        forms.add(stem(head[:-1]))
    return {f for f in forms if f not in NOT_HEADS}


def _phrase_variants(words: tuple[str, ...], vocabulary: Vocabulary) -> list[tuple[str, ...]]:
    """The phrase with each word in each of its lemma's forms found in the store (no compounds)."""
    keys = [lemma_keys(w) for w in words]
    rows = vocabulary.lemma_terms(set().union(*keys))
    per_word = []
    for word, word_keys in zip(words, keys, strict=True):
        forms = sorted({t for t, b in rows if t in word_keys or b in word_keys}) or [stem(word)]
        per_word.append(forms)
    return list(itertools.islice(itertools.product(*per_word), MAX_PHRASE_VARIANTS))


def fts5_query(query: ResolvedQuery) -> str:
    """The FTS5 MATCH expression: every term quoted, so no user text reaches FTS5's syntax."""
    positive = " AND ".join(f"({_fts5_alternatives(a)})" for a in query.positive)
    if not query.negative:
        return positive
    negative = " OR ".join(f"({_fts5_alternatives(a)})" for a in query.negative)
    return f"({positive}) NOT ({negative})"


def _fts5_alternatives(alternatives: Alternatives) -> str:
    options = [f'"{t}"' for t in sorted(alternatives.terms | alternatives.compounds)]
    options += [f'"{p}"*' for p in sorted(alternatives.prefixes)]
    options += ['"' + " ".join(phrase) + '"' for phrase in alternatives.phrases]
    return " OR ".join(options)


def tsquery(query: ResolvedQuery) -> str:
    """The PostgreSQL tsquery text (for ``to_tsquery('simple', ...)``); terms are letters and digits only."""
    positive = " & ".join(f"({_ts_alternatives(a)})" for a in query.positive)
    negative = "".join(f" & !({_ts_alternatives(a)})" for a in query.negative)
    return positive + negative


def _ts_alternatives(alternatives: Alternatives) -> str:
    options = [f"'{t}'" for t in sorted(alternatives.terms | alternatives.compounds)]
    options += [f"'{p}':*" for p in sorted(alternatives.prefixes)]
    options += ["(" + " <-> ".join(f"'{t}'" for t in phrase) + ")" for phrase in alternatives.phrases]
    return " | ".join(options)


def name_phrases(names: set[str]) -> ResolvedQuery:
    """A query for any of a person's spellings, each as a phrase of its words."""
    phrases = sorted({tuple(stem(w) for w in WORD.findall(fold_word(n))) for n in names} - {()})
    return ResolvedQuery([Alternatives(phrases=phrases)], [])
