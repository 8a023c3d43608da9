"""Qt for the commands that lay out a PDF: a GUI application without a window,
offscreen when there is no display."""

from __future__ import annotations

import os
from typing import Any


def gui_application() -> Any:
    """The process's QGuiApplication (made once); keep the result alive while
    painting."""
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication([])
