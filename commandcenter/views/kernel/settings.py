"""Values read from the user's settings file (QSettings), which people edit by
hand: a typo falls back to the default instead of stopping the application."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings


def setting_int(settings: QSettings, key: str, default: int) -> int:
    """A whole number from the settings file, or `default` when it is missing
    or not a number (the file is edited by hand: a typo must not stop the app)."""
    try:
        return int(str(settings.value(key, default)))
    except ValueError:
        return default
