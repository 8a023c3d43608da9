"""Settings and paths: where the database lives by default, where resources are."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "commandcenter"
DB_ENV_VAR = "COMMANDCENTER_DB"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
"""Vendored assets and reference data, shipped beside the package in the repository."""


def default_db_url() -> str:
    """`COMMANDCENTER_DB` if set, else a SQLite file in the user's data directory."""
    from_env = os.environ.get(DB_ENV_VAR)
    if from_env:
        return from_env
    folder = user_data_path(APP_NAME, appauthor=False, ensure_exists=True)
    return f"sqlite:///{folder / 'commandcenter.sqlite3'}"


def default_token_file() -> str:
    """Where `commandcenter wall` finds its token: the user's config directory."""
    from platformdirs import user_config_path

    return str(user_config_path(APP_NAME, appauthor=False) / "wall.token")
