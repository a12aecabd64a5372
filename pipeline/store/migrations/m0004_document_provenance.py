"""Migration 4: how each document was read (reader, detected file type, pages read from the text
layer or by OCR, OCR time), kept whole as JSON on the document row. Null for documents loaded
before it existed.

Never edit a migration that has shipped: add the next one.
"""

DESCRIPTION = "documents.provenance: how the file was read (text layer or OCR, per page)"

SQLITE = """
ALTER TABLE documents ADD COLUMN "provenance" TEXT;
"""

POSTGRES = """
ALTER TABLE documents ADD COLUMN "provenance" TEXT;
"""
