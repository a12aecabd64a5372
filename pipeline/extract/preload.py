"""Imported once by the extraction forkserver (pipeline/extract/isolated.py), so that every child it
forks starts with the extractors imported and the spaCy pipeline built instead of paying ~2 s."""

from extractors.amounts import money_pipeline
from pipeline.extract import page_count  # noqa: F401

money_pipeline()
