"""Searching the index: a resolved query as a Tantivy query, filters and facets in the engine,
exact totals, and one hit per item that says where the words were found.

Every positive clause of the query must be found in the item, in any of its fields (title,
decisions, running text); within a clause, a match in the title or a decision weighs more than
one in the running text, the word's own forms more than compounds ending in it, a compound
more than its parts found apart, and all of them more than a near spelling of a word that
found nothing. Filters are fast-field queries that add no score. Hits of equal score come in
an order fixed by the items themselves, so every index built from the same records answers alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from extractors.text import fold, person_key
from pipeline.search.analysis import Highlighter, TermMatcher, highlight, matched_terms, snippet, tokens
from pipeline.search.query import (
    Alternatives,
    ResolvedQuery,
    name_phrases,
    parse_query,
    resolve,
)
from pipeline.search.schema import FIELD_BOOSTS, ITEM, TEXT_FIELDS, ItemSource, date_number
from pipeline.store.results import FACETS, Hit, SearchRequest, SearchResult

if TYPE_CHECKING:
    import tantivy

    from pipeline.search.index import SearchIndex
    from pipeline.store.base import Store

MAX_LIMIT = 1000
COMPOUND_WEIGHT = 0.5  # "rehabkoordinatorer" for "koordinator": below the word itself
PARTS_WEIGHT = 0.4  # "arvode till styrelsen" for "styrelsearvode": below the compound itself
CORRECTION_WEIGHT = 0.25  # "protokoll" for "protokol": below every exact match
RANKED_COMPOUNDS = 16  # compounds scored one by one (the shortest); the rest match at a flat score
MAX_PART_VARIANTS = 8
FACET_FIELDS = {"organisation": "organisation", "body": "body", "year": "year", "decision_kind": "decision_kind"}
FACET_SIZE = 50
DECISION_FIELDS = ("title", "decisions")


# -- the vocabulary a query is resolved against -------------------------------------------------

class IndexVocabulary:
    """The index's term dictionary (field ``vocab``: the distinct terms of each item) and the
    abbreviations the store's documents define."""

    def __init__(self, searcher: tantivy.Searcher, store: Store) -> None:
        self.searcher = searcher
        self.store = store
        self._counts: dict[str, int] = {}

    def doc_freqs(self, terms: set[str]) -> dict[str, int]:
        found = {}
        for term in terms:
            if term not in self._counts:
                self._counts[term] = self.searcher.doc_freq("vocab", term)
            if self._counts[term]:
                found[term] = self._counts[term]
        return found

    def terms_with_prefix(self, prefix: str, limit: int | None = None) -> list[tuple[str, int]]:
        return [(t, int(n)) for t, n in self.searcher.terms_with_prefix("vocab", prefix, limit=limit) if n]

    def terms_ending_with(self, suffix: str, limit: int | None = None) -> list[tuple[str, int]]:
        return [(t[::-1], int(n)) for t, n in self.searcher.terms_with_prefix("rvocab", suffix[::-1], limit=limit)
                if n]

    def long_forms(self, abbreviations: set[str]) -> dict[str, list[str]]:
        return self.store.long_forms(abbreviations)


# -- queries ------------------------------------------------------------------------------------

class QueryBuilder:
    def __init__(self, schema: tantivy.Schema) -> None:
        import tantivy

        self.t = tantivy
        self.schema = schema

    def should(self, queries: list[tantivy.Query]) -> tantivy.Query:
        if len(queries) == 1:
            return queries[0]
        return self.t.Query.boolean_query([(self.t.Occur.Should, q) for q in queries])

    def boosted(self, query: tantivy.Query, boost: float) -> tantivy.Query:
        return query if boost == 1.0 else self.t.Query.boost_query(query, boost)

    def terms(self, terms: Iterable[str], fields: tuple[str, ...], weight: float) -> list[tantivy.Query]:
        return [self.boosted(self.t.Query.term_query(self.schema, f, term), FIELD_BOOSTS[f] * weight)
                for term in sorted(terms) for f in fields]

    def phrase(self, words: tuple[str, ...], fields: tuple[str, ...], weight: float, slop: int = 0) -> list:
        if len(words) == 1:
            return self.terms(words, fields, weight)
        return [self.boosted(self.t.Query.phrase_query(self.schema, f, list(words), slop=slop),
                             FIELD_BOOSTS[f] * weight) for f in fields]

    def clause(self, alt: Alternatives, fields: tuple[str, ...]) -> tantivy.Query:
        """The query one clause of the user's query stands for."""
        parts: list[tantivy.Query] = self.terms(alt.terms, fields, 1.0)
        ranked = sorted(alt.compounds, key=lambda t: (len(t), t))
        parts += self.terms(ranked[:RANKED_COMPOUNDS], fields, COMPOUND_WEIGHT)
        if len(ranked) > RANKED_COMPOUNDS:
            rest = ranked[RANKED_COMPOUNDS:]
            # Over every field, the item's terms (``vocab``) answer at once: a set of a few hundred
            # terms looked up in one field, not in each, was most of a compound word's search.
            flat = ("vocab",) if set(fields) == set(TEXT_FIELDS) else fields
            parts += [self.t.Query.const_score_query(self.t.Query.term_set_query(self.schema, f, rest),
                                                     COMPOUND_WEIGHT * 0.1) for f in flat]
        for words in alt.phrases:
            parts += self.phrase(words, fields, 1.0)
        for head, tail in alt.parts:
            variants = [(h, t) for h in head for t in tail][:MAX_PART_VARIANTS]
            for pair in variants:
                parts += self.phrase(pair, fields, PARTS_WEIGHT, slop=PART_SLOP)
        parts += self.terms(alt.corrections, fields, CORRECTION_WEIGHT)
        return self.should(parts) if parts else self.t.Query.empty_query()

    def item_query(self, resolved: ResolvedQuery, fields: tuple[str, ...],
                   filters: list[tantivy.Query]) -> tantivy.Query:
        musts = [(self.t.Occur.Must, self.clause(alt, fields)) for alt in resolved.positive]
        musts.append((self.t.Occur.Must, self.t.Query.const_score_query(
            self.t.Query.term_query(self.schema, "entry", ITEM), 0.0)))
        musts += [(self.t.Occur.Must, self.t.Query.const_score_query(f, 0.0)) for f in filters]
        musts += [(self.t.Occur.MustNot, self.clause(alt, TEXT_FIELDS)) for alt in resolved.negative]
        return self.t.Query.boolean_query(musts)

    def integer_range(self, name: str, low: int | None, high: int | None) -> tantivy.Query:
        return self.t.Query.range_query(self.schema, name, self.t.FieldType.Integer, low, high)

    def contains(self, searcher: tantivy.Searcher, name: str, text: str) -> tantivy.Query:
        """A raw field's value holds ``text`` (a folded name's part): the values are few (names of
        organisations and bodies), so they are read from the field's dictionary and matched here."""
        values = [value for value, _ in searcher.terms_with_prefix(name, "") if text in value]
        if not values:
            return self.t.Query.empty_query()
        return self.t.Query.term_set_query(self.schema, name, values)


PART_SLOP = 4


def filters_of(request: SearchRequest, builder: QueryBuilder, store: Store,
               searcher: tantivy.Searcher) -> list[tantivy.Query]:
    """The request's filters as queries on fast fields."""
    t = builder.t
    found = []
    for name, value in (("organisation_key", request.organisation), ("body_key", request.body)):
        value = _printable(value)
        if value:
            found.append(builder.contains(searcher, name, fold(value)))
    if request.kinds:
        found.append(t.Query.term_set_query(builder.schema, "kind", list(request.kinds)))
    if request.decision_kinds:
        found.append(t.Query.term_set_query(builder.schema, "decision_kind", list(request.decision_kinds)))
    if request.decisions_only or request.decision_kinds:
        found.append(builder.integer_range("decisions_count", 1, None))
    if request.date_from or request.date_to:
        found.append(builder.integer_range(
            "date", date_number(request.date_from.isoformat()) if request.date_from else None,
            date_number(request.date_to.isoformat()) if request.date_to else None))
    if request.min_amount is not None or request.max_amount is not None:
        found.append(builder.integer_range("amount", request.min_amount, request.max_amount))
    person = _printable(request.person)
    if person:
        key = person_key(person)
        phrases = name_phrases(store.person_spellings(key) | {person}).positive[0]
        found.append(builder.should([t.Query.term_query(builder.schema, "person", key),
                                     builder.clause(phrases, TEXT_FIELDS)]))
    return found


# -- searching ----------------------------------------------------------------------------------

@dataclass
class Candidate:
    score: float
    order: int
    address: tantivy.DocAddress


def search(index: SearchIndex, store: Store, request: SearchRequest) -> SearchResult:
    """Hits for the query with the filters, best first; QueryError for a query with nothing to find."""
    parsed = parse_query(request.text)
    searcher = index.searcher(store)
    resolved = resolve(parsed, IndexVocabulary(searcher, store))
    if resolved.matches_nothing:
        return SearchResult(0, [], {name: [] for name in FACETS} if request.facets else {})
    builder = QueryBuilder(index.schema)
    fields = DECISION_FIELDS if request.decisions_only or request.decision_kinds else TEXT_FIELDS
    query = builder.item_query(resolved, fields, filters_of(request, builder, store, searcher))
    limit = max(0, min(request.limit, MAX_LIMIT))
    offset = max(0, request.offset)
    total, page = _ranked_page(searcher, builder, query, offset, limit)
    highlighter = Highlighter(resolved.matcher())
    clauses = resolved.clause_matchers()
    hits = [_hit(ItemSource.from_payload(searcher.doc(c.address).get_first("payload")), c.score, highlighter,
                 clauses, request) for c in page]
    facets = _facets(searcher, query) if request.facets else {}
    corrected = _corrected_query(request.text, resolved, hits)
    return SearchResult(total, hits, facets, corrected)


def _ranked_page(searcher: tantivy.Searcher, builder: QueryBuilder, query: tantivy.Query, offset: int,
                 limit: int) -> tuple[int, list[Candidate]]:
    """The total and the page of candidates, ties at the page's edges broken the same way in every index.

    One search gives the total and the page, with room for a tie at the page's end: hits of
    equal score are ordered by their items' order keys. A tie longer than that room (a
    decision every meeting writes alike) is read only in part: the items of the tie with the
    lowest order keys are found by asking for the hits whose keys lie below a bound."""
    wanted = offset + limit
    fetch = max(wanted + 1, TIE_FETCH) if wanted else 1
    result = searcher.search(query, limit=fetch, count=True)
    total, hits = int(result.count), result.hits
    if not wanted or not hits:
        return total, []
    if len(hits) >= fetch and _tied(hits[-1][0], hits[wanted - 1][0]):
        hits = _through_tie(searcher, builder, query, hits, wanted, total)
    # Only the hits down to the page's last score can be on the page.
    edge = round(hits[min(wanted, len(hits)) - 1][0], 5)
    end = min(wanted, len(hits))
    while end < len(hits) and round(hits[end][0], 5) >= edge:
        end += 1
    hits = hits[:end]
    orders = searcher.fast_field_values("order_key", [address for _, address in hits])
    candidates = sorted((Candidate(round(float(score), 6), int(order), address)
                         for (score, address), order in zip(hits, orders, strict=True)),
                        key=lambda c: (-round(c.score, 5), c.order))
    return total, candidates[offset:wanted]


TIE_FETCH = 1024  # hits the first search reads: room for a tie past the page's end
TIE_ROOM = 2048  # hits a search below an order key bound reads
ORDER_KEYS = 1 << 56  # order keys are 7 bytes
TIE_ROUNDS = 12


def _tied(score: float, other: float) -> bool:
    return round(score, 5) >= round(other, 5)


def _through_tie(searcher: tantivy.Searcher, builder: QueryBuilder, query: tantivy.Query, hits: list,
                 wanted: int, total: int) -> list:
    """The hits above the page's last score, and enough of the tie at that score to hold the
    tied hits with the lowest order keys (as reading the whole tie would find them).

    The hits with order keys below a bound are asked for; order keys are hashes, spread evenly,
    so a bound holding a few pages' worth of the query's hits is tried first, raised while it
    holds too few of the tie and lowered while too many hits lie above the tie's score to read."""
    edge = round(hits[wanted - 1][0], 5)
    above = [hit for hit in hits if round(hit[0], 5) > edge]
    need = wanted - len(above)
    room = TIE_ROOM + len(above)
    share = min(1.0, TIE_ROOM / 2 / max(total, 1))  # about half the room's worth of the query's hits
    t = builder.t
    for _ in range(TIE_ROUNDS):
        bound = t.Query.range_query(builder.schema, "order_key", t.FieldType.Integer, 0,
                                    max(1, int(ORDER_KEYS * share)))
        found = searcher.search(t.Query.boolean_query([(t.Occur.Must, query),
                                                       (t.Occur.Must, t.Query.const_score_query(bound, 0.0))]),
                                limit=room, count=False).hits
        whole = len(found) < room or round(found[-1][0], 5) < edge  # every hit at or above the tie, below the bound
        tied = [hit for hit in found if round(hit[0], 5) == edge]
        if whole and (len(tied) >= need or share >= 1.0):
            return above + tied
        # Too few of the tie below the bound: raise it to where twice the tie needed should lie.
        share = min(1.0, share * max(2.0, min(64.0, 2 * need / max(len(tied), 0.5)))) if whole else share / 4
    fetch = len(hits)  # not settled (scores not as expected): read the whole tie
    while len(hits) >= fetch and _tied(hits[-1][0], hits[wanted - 1][0]):
        fetch *= 4
        hits = searcher.search(query, limit=fetch, count=False).hits
    return hits


def _facets(searcher: tantivy.Searcher, query: tantivy.Query) -> dict[str, list[tuple[str, int]]]:
    spec = {name: {"terms": {"field": field, "size": 10_000}} for name, field in FACET_FIELDS.items()}
    answer = searcher.aggregate(query, spec)
    facets: dict[str, list[tuple[str, int]]] = {}
    for name in FACET_FIELDS:
        buckets = [(_facet_value(b["key"]), int(b["doc_count"])) for b in answer.get(name, {}).get("buckets", [])]
        facets[name] = sorted(buckets, key=lambda b: (-b[1], b[0]))[:FACET_SIZE]
    return facets


def _facet_value(key: object) -> str:
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key)


# -- hits ---------------------------------------------------------------------------------------

def _hit(item: ItemSource, score: float, matcher: Highlighter, clauses: list[TermMatcher],
         request: SearchRequest) -> Hit:
    """The item as a hit: where the words were found, the decision or text quoted, the page to cite."""
    title = " ".join(part for part in (item.title, item.dnr) if part)
    wanted_kinds = set(request.decision_kinds)
    decisions = [d for d in item.decisions if not wanted_kinds or d.kind in wanted_kinds]

    def held(text: str) -> int:
        found = matched_terms(text, matcher)
        return sum(1 for clause in clauses if any(clause(term) for term in found))

    decision_counts = [(held(d.text), d) for d in decisions]
    text_count = 0 if request.decisions_only or wanted_kinds else held(item.text)
    decision_best = max((count for count, _ in decision_counts), default=0)
    matched = tuple(name for name, found in (("title", held(title)), ("decision", decision_best),
                                             ("text", text_count)) if found)
    holding = [d for count, d in decision_counts if count]
    best = max(decision_counts, key=lambda c: c[0], default=(0, None))
    if best[1] is not None and ((best[0] >= text_count and best[0] > 0) or not item.text.strip()
                                or request.decisions_only or wanted_kinds):
        decision = best[1] if best[0] else (holding or decisions)[0]
        quoted = snippet(item.title, decision.text, matcher)
        page = decision.page
    else:
        decision = None
        quoted = snippet(item.title, item.text, matcher)
        page = item.page
    return Hit(source=item.source, sha256=item.sha256, item_id=item.item_id, item=item.ordinal + 1,
               item_number=item.number, item_title=item.title,
               decision_id=decision.id if decision else None,
               decision=decision.ordinal + 1 if decision else None,
               decision_kind=decision.kind if decision else None,
               decisions=tuple(d.ordinal + 1 for d in (holding or (decisions if decision else []))),
               matched=matched, page=page, snippet=quoted, score=score)


def _corrected_query(text: str, resolved: ResolvedQuery, hits: list[Hit]) -> str | None:
    """The query as searched when words were replaced by near spellings, each as the hits write it."""
    if not resolved.corrections:
        return None
    shown = text
    for typed, terms in resolved.corrections:
        word = _written_form(set(terms), hits) or terms[0]
        shown = _replace_word(shown, typed, word)
    return shown


def _written_form(terms: set[str], hits: list[Hit]) -> str | None:
    """A word of the hits' snippets whose term is one of ``terms``, as written there (lower case)."""
    counts: dict[str, int] = {}
    for hit in hits:
        plain = hit.snippet.replace("«", " ").replace("»", " ")
        for token in tokens(plain):
            if token.term in terms:
                word = plain[token.start:token.end].lower()
                counts[word] = counts.get(word, 0) + 1
    return min(counts, key=lambda w: (-counts[w], len(w), w)) if counts else None


def _replace_word(text: str, typed: str, word: str) -> str:
    """``text`` with the word ``typed`` (folded as the query reads it) replaced by ``word``."""
    from pipeline.search.analysis import fold_word

    out = []
    for piece in text.split(" "):
        core = piece.strip("\"()-+*")
        if core and fold_word(core) == typed:
            piece = piece.replace(core, word)
        out.append(piece)
    return " ".join(out)


# -- people -------------------------------------------------------------------------------------

def named_items(index: SearchIndex, store: Store, spellings: set[str], field: str, limit: int = 200) -> list[Hit]:
    """Items whose decisions (``field`` = "decisions") or running text ("text") write one of the
    person's spellings, in meeting order; each hit quotes the decision or text that names them."""
    searcher = index.searcher(store)
    names = name_phrases(spellings)
    builder = QueryBuilder(index.schema)
    query = builder.item_query(names, (field,), [])
    result = searcher.search(query, limit=10_000, count=False)
    items = [ItemSource.from_payload(searcher.doc(address).get_first("payload")) for _, address in result.hits]
    items.sort(key=lambda i: (i.date or "", i.source, i.ordinal, i.sha256))
    matcher = Highlighter(names.matcher())
    hits = []
    for item in items[:limit]:
        if field == "decisions":
            for decision in item.decisions:
                if matcher.find(decision.text) and _names(decision.text, names):
                    hits.append(Hit(source=item.source, sha256=item.sha256, item_id=item.item_id,
                                    item=item.ordinal + 1, item_number=item.number, item_title=item.title,
                                    decision_id=decision.id, decision=decision.ordinal + 1,
                                    decision_kind=decision.kind, decisions=(decision.ordinal + 1,),
                                    matched=("decision",), page=decision.page,
                                    snippet=highlight(decision.text, matcher), score=0.0))
        else:
            hits.append(Hit(source=item.source, sha256=item.sha256, item_id=item.item_id, item=item.ordinal + 1,
                            item_number=item.number, item_title=item.title, decision_id=None, decision=None,
                            decision_kind=None, decisions=(), matched=("text",), page=item.page,
                            snippet=highlight(item.text, matcher), score=0.0))
    return hits


def _names(text: str, names: ResolvedQuery) -> bool:
    """Whether the text writes one of the names as a phrase (its words in a row)."""
    terms = [t.term for t in tokens(" ".join(text.split()))]
    for phrase in names.positive[0].phrases:
        n = len(phrase)
        if any(tuple(terms[k:k + n]) == phrase for k in range(len(terms) - n + 1)):
            return True
    return False


def _printable(text: str | None) -> str:
    """Text without control characters."""
    return "".join(c for c in text or "" if c.isprintable()).strip()


__all__ = ["IndexVocabulary", "TermMatcher", "named_items", "search"]
