"""Migration 3: batch ingestion's runs, what became of each file in them, and the quarantine.

``ingest_runs``: one row per ``protokoll ingest`` / ``protokoll load`` run, written when it
starts (status ``running``) and completed with its counts when it ends; a run whose process
died keeps ``running`` until the next run on that host marks it ``interrupted``.
``ingest_files``: one row per PDF/DOCX a run looked at, written as soon as the file is done,
so a killed run still tells what it did. ``quarantine``: one row per file content that could
not be read, with the reason and where its copy went; the original is never touched.

Never edit a migration that has shipped: add the next one.
"""

DESCRIPTION = "ingest_runs, ingest_files, quarantine: batch ingestion runs and unreadable files"

SQLITE = """
CREATE TABLE ingest_runs (
    "id" TEXT PRIMARY KEY,
    "command" TEXT NOT NULL,
    "inputs" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "flow_run_id" TEXT,
    "started_at" TEXT NOT NULL,
    "finished_at" TEXT,
    "status" TEXT NOT NULL CHECK ("status" IN ('running', 'completed', 'failed', 'interrupted')),
    "new_files" INTEGER NOT NULL DEFAULT 0,
    "skipped_files" INTEGER NOT NULL DEFAULT 0,
    "failed_files" INTEGER NOT NULL DEFAULT 0,
    "ignored_files" INTEGER NOT NULL DEFAULT 0,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "seconds" REAL,
    "error" TEXT
);

CREATE INDEX ingest_runs_started_at ON ingest_runs ("started_at");

CREATE TABLE ingest_files (
    "run_id" TEXT NOT NULL REFERENCES ingest_runs(id) ON DELETE CASCADE,
    "path" TEXT NOT NULL,
    "sha256" TEXT,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "pages" INTEGER NOT NULL DEFAULT 0,
    "seconds" REAL NOT NULL,
    "finished_at" TEXT NOT NULL,
    PRIMARY KEY ("run_id", "path")
);

CREATE TABLE quarantine (
    "sha256" TEXT PRIMARY KEY,
    "path" TEXT NOT NULL,
    "copy" TEXT,
    "reason" TEXT NOT NULL,
    "extractor_version" TEXT NOT NULL,
    "run_id" TEXT,
    "quarantined_at" TEXT NOT NULL
);
"""

POSTGRES = """
CREATE TABLE ingest_runs (
    "id" TEXT PRIMARY KEY,
    "command" TEXT NOT NULL,
    "inputs" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "pid" BIGINT NOT NULL,
    "flow_run_id" TEXT,
    "started_at" TEXT NOT NULL,
    "finished_at" TEXT,
    "status" TEXT NOT NULL CHECK ("status" IN ('running', 'completed', 'failed', 'interrupted')),
    "new_files" BIGINT NOT NULL DEFAULT 0,
    "skipped_files" BIGINT NOT NULL DEFAULT 0,
    "failed_files" BIGINT NOT NULL DEFAULT 0,
    "ignored_files" BIGINT NOT NULL DEFAULT 0,
    "pages" BIGINT NOT NULL DEFAULT 0,
    "seconds" DOUBLE PRECISION,
    "error" TEXT
);

CREATE INDEX ingest_runs_started_at ON ingest_runs ("started_at");

CREATE TABLE ingest_files (
    "run_id" TEXT NOT NULL REFERENCES ingest_runs(id) ON DELETE CASCADE,
    "path" TEXT NOT NULL,
    "sha256" TEXT,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "pages" BIGINT NOT NULL DEFAULT 0,
    "seconds" DOUBLE PRECISION NOT NULL,
    "finished_at" TEXT NOT NULL,
    PRIMARY KEY ("run_id", "path")
);

CREATE TABLE quarantine (
    "sha256" TEXT PRIMARY KEY,
    "path" TEXT NOT NULL,
    "copy" TEXT,
    "reason" TEXT NOT NULL,
    "extractor_version" TEXT NOT NULL,
    "run_id" TEXT,
    "quarantined_at" TEXT NOT NULL
);
"""
