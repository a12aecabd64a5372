"""Migration 2: where each stored file was loaded from, so the web app can open the source
document at a cited page.

One row per (file content, path): the same file may be loaded from several places, and a
path is only trusted while the file there still has the content's sha256. No foreign key to
``documents``: a newer extraction replaces the document's rows (delete, insert), and the
paths of its file must outlive that.

Never edit a migration that has shipped: add the next one.
"""

DESCRIPTION = "document_files: the absolute path each stored file was loaded from"

SQLITE = """
CREATE TABLE document_files (
    "sha256" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "loaded_at" TEXT NOT NULL,
    PRIMARY KEY ("sha256", "path")
);
"""

POSTGRES = """
CREATE TABLE document_files (
    "sha256" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "loaded_at" TEXT NOT NULL,
    PRIMARY KEY ("sha256", "path")
);
"""
