"""Migration 7: the abbreviations indexed by abbreviation and long form together, so the long
forms of an abbreviation a query holds are counted from the index alone (a search for "RMGT"
in a million-item archive grouped 24 000 table rows for them: 17-27 ms a search). The index on
the abbreviation alone is dropped: the new one begins with it.

Never edit a migration that has shipped: add the next one.
"""

DESCRIPTION = "abbreviations indexed by (abbreviation, long_form): a query's long forms counted from the index"

SQLITE = """
CREATE INDEX abbreviations_forms ON abbreviations ("abbreviation", "long_form");
DROP INDEX abbreviations_abbreviation;
"""

POSTGRES = """
CREATE INDEX abbreviations_forms ON abbreviations ("abbreviation", "long_form");
DROP INDEX abbreviations_abbreviation;
"""
