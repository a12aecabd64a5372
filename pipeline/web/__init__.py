"""The web app over the store: search, meetings, decisions, people and exports in the browser,
and the same as JSON under /api. ``create_app(db_url)`` builds it; ``protokoll serve`` runs it."""

from pipeline.web.app import create_app

__all__ = ["create_app"]
