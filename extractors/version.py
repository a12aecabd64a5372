"""The extractor's version, stamped on every record: a file read by an older version is read
again. Its own module, so that the batch side can compare versions without importing the
extractors (and spaCy)."""

EXTRACTOR_VERSION = "0.1.0"
