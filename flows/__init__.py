"""Prefect flows (batch ingestion, schedules) over the pipeline: see the issues that add them."""
