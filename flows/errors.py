"""How a run of the ingest flow can end short, importable without importing Prefect: Prefect
reads its settings when imported, and the command chooses the server (PREFECT_API_URL) first."""

from __future__ import annotations


class IngestFailed(RuntimeError):
    """The run could not complete: the inbox is missing or the store failed."""


class Stopped(Exception):
    """A run once (`protokoll ingest`) ended by SIGTERM or SIGINT before it completed."""
