"""The log file of an unattended system: every command and window writes to a
rotating file in the user's log directory (5 files of 5 MiB), so a wall that
misbehaved at night can be asked what happened in the morning.

Secrets are never logged: passwords are typed into dialogs, tokens read from
files, and neither reaches a log call. `COMMANDCENTER_LOG_DIR` moves the folder
(tests, or a deployment that collects logs elsewhere).
"""

from __future__ import annotations

import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from platformdirs import user_log_path

from commandcenter.config import APP_NAME

LOG_DIR_ENV_VAR = "COMMANDCENTER_LOG_DIR"
MAX_BYTES = 5 * 1024 * 1024
BACKUPS = 5
_FORMAT = "%(asctime)s %(levelname)-7s %(process)d %(name)s: %(message)s"


def log_file() -> Path:
    """Where this user's log is written."""
    folder = os.environ.get(LOG_DIR_ENV_VAR)
    base = Path(folder) if folder else user_log_path(APP_NAME, appauthor=False)
    return base / "commandcenter.log"


def configure(level: int = logging.INFO) -> Path:
    """Send this process's log records to the rotating file (once); returns it."""
    path = log_file()
    root = logging.getLogger()
    for handler in root.handlers:
        if (
            isinstance(handler, RotatingFileHandler)
            and Path(handler.baseFilename) == path.resolve()
        ):
            return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    root.addHandler(handler)
    root.setLevel(level)
    return path
