"""Migration 1: the record's tables (rendered from pipeline/store/schema.py on the day this
migration was written, and frozen here) and the search index.

Never edit a migration that has shipped: add the next one.
"""

DESCRIPTION = "record tables derived from schemas/record.py; search units, terms, abbreviations"

SQLITE = """
CREATE TABLE persons (
    "id" INTEGER PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    UNIQUE ("key")
);

CREATE TABLE documents (
    "id" INTEGER PRIMARY KEY,
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "pages" INTEGER NOT NULL,
    "extractor_version" TEXT NOT NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('protokoll', 'minnesanteckningar', 'rapport', 'verksamhetsplan', 'annat')),
    "title" TEXT,
    "organisation" TEXT,
    "body" TEXT,
    "meeting_date" TEXT,
    "document_date" TEXT,
    "location" TEXT,
    "time" TEXT,
    "chair" TEXT,
    "secretary" TEXT,
    "adjusters" TEXT NOT NULL,
    "date" TEXT,
    "year" INTEGER,
    "organisation_key" TEXT,
    "body_key" TEXT,
    "loaded_at" TEXT NOT NULL,
    UNIQUE ("sha256")
);

CREATE INDEX documents_date ON documents ("date");

CREATE INDEX documents_organisation_key ON documents ("organisation_key");

CREATE TABLE items (
    "id" INTEGER PRIMARY KEY,
    "document_id" INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "sha256" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "number" INTEGER,
    "prefix" TEXT,
    "title" TEXT NOT NULL,
    "dnr" TEXT,
    "page_start" INTEGER NOT NULL CHECK ("page_start" >= 1),
    "page_end" INTEGER NOT NULL CHECK ("page_end" >= 1),
    "text" TEXT NOT NULL
);

CREATE INDEX items_document_id ON items ("document_id");

CREATE TABLE decisions (
    "id" INTEGER PRIMARY KEY,
    "document_id" INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "item_id" INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    "sha256" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('decision', 'noted', 'no_decision', 'recommendation')),
    "text" TEXT NOT NULL,
    "page" INTEGER NOT NULL CHECK ("page" >= 1)
);

CREATE INDEX decisions_document_id ON decisions ("document_id");

CREATE INDEX decisions_item_id ON decisions ("item_id");

CREATE TABLE attendees (
    "id" INTEGER PRIMARY KEY,
    "document_id" INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "person_id" INTEGER REFERENCES persons(id) ON DELETE SET NULL,
    "sha256" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "group" TEXT NOT NULL CHECK ("group" IN ('beslutande', 'ersättare', 'övriga', 'närvarande', 'frånvarande')),
    "role" TEXT,
    "organisation" TEXT,
    "party" TEXT,
    "present_for" TEXT
);

CREATE INDEX attendees_document_id ON attendees ("document_id");

CREATE INDEX attendees_person_id ON attendees ("person_id");

CREATE TABLE amounts (
    "id" INTEGER PRIMARY KEY,
    "document_id" INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "item_id" INTEGER REFERENCES items(id) ON DELETE CASCADE,
    "decision_id" INTEGER REFERENCES decisions(id) ON DELETE CASCADE,
    "sha256" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "value_sek" INTEGER NOT NULL,
    "raw" TEXT NOT NULL,
    "page" INTEGER NOT NULL CHECK ("page" >= 1),
    "qualifier" TEXT
);

CREATE INDEX amounts_document_id ON amounts ("document_id");

CREATE INDEX amounts_item_id ON amounts ("item_id");

CREATE INDEX amounts_decision_id ON amounts ("decision_id");

CREATE TABLE table_amounts (
    "id" INTEGER PRIMARY KEY,
    "document_id" INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "sha256" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "row" TEXT NOT NULL,
    "column" TEXT NOT NULL,
    "value_sek" INTEGER NOT NULL,
    "page" INTEGER NOT NULL CHECK ("page" >= 1)
);

CREATE INDEX table_amounts_document_id ON table_amounts ("document_id");

-- The search index: one unit per decision and per item's running text (the item's text
-- without its decisions), with what a hit shows, and the index terms in FTS5.
CREATE TABLE units (
    "id" INTEGER PRIMARY KEY,
    "document_id" INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "item_id" INTEGER REFERENCES items(id) ON DELETE CASCADE,
    "decision_id" INTEGER REFERENCES decisions(id) ON DELETE CASCADE,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('decision', 'item')),
    "weight" REAL NOT NULL,
    "page" INTEGER NOT NULL CHECK ("page" >= 1),
    "item_number" INTEGER,
    "item_title" TEXT NOT NULL,
    "decision_kind" TEXT,
    "text" TEXT NOT NULL
);

CREATE INDEX units_document_id ON units ("document_id");

-- title: an item's own title; context: a decision's item title; body: the unit's text.
CREATE VIRTUAL TABLE unit_fts USING fts5(title, context, body, tokenize = 'unicode61 remove_diacritics 0');

-- Every index term with its base (stemmed once more) and both reversed, so that a query
-- finds the terms that end with its word (compound parts) by a range scan.
CREATE TABLE terms (
    "term" TEXT PRIMARY KEY,
    "base" TEXT NOT NULL,
    "rterm" TEXT NOT NULL,
    "rbase" TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX terms_base ON terms ("base");

CREATE INDEX terms_rterm ON terms ("rterm");

CREATE INDEX terms_rbase ON terms ("rbase");

CREATE TABLE abbreviations (
    "id" INTEGER PRIMARY KEY,
    "document_id" INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "abbreviation" TEXT NOT NULL,
    "long_form" TEXT NOT NULL
);

CREATE INDEX abbreviations_abbreviation ON abbreviations ("abbreviation");

CREATE INDEX abbreviations_long_form ON abbreviations ("long_form");
"""

POSTGRES = """
CREATE TABLE persons (
    "id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    UNIQUE ("key")
);

CREATE TABLE documents (
    "id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    "source" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "pages" BIGINT NOT NULL,
    "extractor_version" TEXT NOT NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('protokoll', 'minnesanteckningar', 'rapport', 'verksamhetsplan', 'annat')),
    "title" TEXT,
    "organisation" TEXT,
    "body" TEXT,
    "meeting_date" DATE,
    "document_date" DATE,
    "location" TEXT,
    "time" TEXT,
    "chair" TEXT,
    "secretary" TEXT,
    "adjusters" TEXT NOT NULL,
    "date" DATE,
    "year" BIGINT,
    "organisation_key" TEXT,
    "body_key" TEXT,
    "loaded_at" TEXT NOT NULL,
    UNIQUE ("sha256")
);

CREATE INDEX documents_date ON documents ("date");

CREATE INDEX documents_organisation_key ON documents ("organisation_key");

CREATE TABLE items (
    "id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    "document_id" BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "sha256" TEXT NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "number" BIGINT,
    "prefix" TEXT,
    "title" TEXT NOT NULL,
    "dnr" TEXT,
    "page_start" BIGINT NOT NULL CHECK ("page_start" >= 1),
    "page_end" BIGINT NOT NULL CHECK ("page_end" >= 1),
    "text" TEXT NOT NULL
);

CREATE INDEX items_document_id ON items ("document_id");

CREATE TABLE decisions (
    "id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    "document_id" BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "item_id" BIGINT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    "sha256" TEXT NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('decision', 'noted', 'no_decision', 'recommendation')),
    "text" TEXT NOT NULL,
    "page" BIGINT NOT NULL CHECK ("page" >= 1)
);

CREATE INDEX decisions_document_id ON decisions ("document_id");

CREATE INDEX decisions_item_id ON decisions ("item_id");

CREATE TABLE attendees (
    "id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    "document_id" BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "person_id" BIGINT REFERENCES persons(id) ON DELETE SET NULL,
    "sha256" TEXT NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "name" TEXT NOT NULL,
    "group" TEXT NOT NULL CHECK ("group" IN ('beslutande', 'ersättare', 'övriga', 'närvarande', 'frånvarande')),
    "role" TEXT,
    "organisation" TEXT,
    "party" TEXT,
    "present_for" TEXT
);

CREATE INDEX attendees_document_id ON attendees ("document_id");

CREATE INDEX attendees_person_id ON attendees ("person_id");

CREATE TABLE amounts (
    "id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    "document_id" BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "item_id" BIGINT REFERENCES items(id) ON DELETE CASCADE,
    "decision_id" BIGINT REFERENCES decisions(id) ON DELETE CASCADE,
    "sha256" TEXT NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "value_sek" BIGINT NOT NULL,
    "raw" TEXT NOT NULL,
    "page" BIGINT NOT NULL CHECK ("page" >= 1),
    "qualifier" TEXT
);

CREATE INDEX amounts_document_id ON amounts ("document_id");

CREATE INDEX amounts_item_id ON amounts ("item_id");

CREATE INDEX amounts_decision_id ON amounts ("decision_id");

CREATE TABLE table_amounts (
    "id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    "document_id" BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "sha256" TEXT NOT NULL,
    "ordinal" BIGINT NOT NULL,
    "row" TEXT NOT NULL,
    "column" TEXT NOT NULL,
    "value_sek" BIGINT NOT NULL,
    "page" BIGINT NOT NULL CHECK ("page" >= 1)
);

CREATE INDEX table_amounts_document_id ON table_amounts ("document_id");

-- The search index: one unit per decision and per item's running text (the item's text
-- without its decisions), with what a hit shows, and the index terms as a tsvector (GIN):
-- weight A an item's own title, C a decision's item title, B the unit's text.
CREATE TABLE units (
    "id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    "document_id" BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "item_id" BIGINT REFERENCES items(id) ON DELETE CASCADE,
    "decision_id" BIGINT REFERENCES decisions(id) ON DELETE CASCADE,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('decision', 'item')),
    "weight" DOUBLE PRECISION NOT NULL,
    "page" BIGINT NOT NULL CHECK ("page" >= 1),
    "item_number" BIGINT,
    "item_title" TEXT NOT NULL,
    "decision_kind" TEXT,
    "text" TEXT NOT NULL,
    "tsv" TSVECTOR NOT NULL
);

CREATE INDEX units_document_id ON units ("document_id");

CREATE INDEX units_tsv ON units USING GIN ("tsv");

-- Every index term with its base (stemmed once more) and both reversed, so that a query
-- finds the terms that end with its word (compound parts) by a range scan (byte order: "C").
CREATE TABLE terms (
    "term" TEXT COLLATE "C" PRIMARY KEY,
    "base" TEXT COLLATE "C" NOT NULL,
    "rterm" TEXT COLLATE "C" NOT NULL,
    "rbase" TEXT COLLATE "C" NOT NULL
);

CREATE INDEX terms_base ON terms ("base");

CREATE INDEX terms_rterm ON terms ("rterm");

CREATE INDEX terms_rbase ON terms ("rbase");

CREATE TABLE abbreviations (
    "id" BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    "document_id" BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    "abbreviation" TEXT NOT NULL,
    "long_form" TEXT NOT NULL
);

CREATE INDEX abbreviations_abbreviation ON abbreviations ("abbreviation");

CREATE INDEX abbreviations_long_form ON abbreviations ("long_form");
"""
