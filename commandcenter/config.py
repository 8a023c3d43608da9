"""Settings and paths: where the database lives by default, where resources are."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "commandcenter"
DB_ENV_VAR = "COMMANDCENTER_DB"
RESOURCES = Path(str(files("commandcenter") / "resources"))
"""Reference tables, geodata, translations, web assets, sounds and layouts,
shipped inside the package (pyproject.toml, package-data) and found through
`importlib.resources`, so an installed wheel finds them wherever it is run from.
A wheel installs as files, so this is a real folder: Qt, folium and the map page
need paths, which a zipped install could not give."""


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
