"""Search: the Tantivy index derived from the store (SQLite or PostgreSQL, the record of truth).

- analysis.py: Swedish text as index terms (Snowball stems, numbers with units), snippets;
  the one analysis both what is indexed and what is asked go through
- query.py: what a user types, parsed, and resolved against the index's vocabulary (word forms,
  compounds both ways, abbreviations, near spellings)
- schema.py: one index document per agenda item, and the state document (the last store change seen)
- sources.py: what the index is made from, read from the store in bulk
- index.py: the index's life: open, rebuild, catch up with the store's change sequence, one writer
- engine.py: searching: the Tantivy query, filters, facets, exact totals, one hit per item
- location.py: where the index lives

Tantivy is imported only inside the functions that index or search, so commands that do
neither start without it.
"""
