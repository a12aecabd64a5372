"""Prefect's settings for protokoll, applied before Prefect is imported and only where the user
has not set them: a home of protokoll's own, no telemetry, and warnings only on the terminal."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "protokoll"


def prefect_defaults(logging_level: str = "WARNING") -> dict[str, str]:
    """Set Prefect's environment defaults for this process (and its children); the ones set now."""
    defaults = {
        "PREFECT_HOME": str(data_dir() / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_LOGGING_LEVEL": logging_level,
        "DO_NOT_TRACK": "1",
    }
    applied = {name: value for name, value in defaults.items() if name not in os.environ}
    os.environ.update(applied)
    Path(os.environ["PREFECT_HOME"]).expanduser().mkdir(parents=True, exist_ok=True)
    return applied
