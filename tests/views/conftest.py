"""Qt tests: on the X display when there is one (Xvfb under ./dev test), else
offscreen. QtWebEngine must be imported before the QApplication exists."""

from __future__ import annotations

import os

os.environ.setdefault(
    "QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen"
)
# as the application runs by default (views/app.py: CPU rendering, no GPU here)
os.environ.setdefault("QT_XCB_GL_INTEGRATION", "none")
os.environ.setdefault("QT_QUICK_BACKEND", "software")
# the sandbox cannot start as root (CI); the tests load only local files
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--no-sandbox")

import PySide6.QtWebEngineWidgets  # noqa: F401

from commandcenter.views.map.tile_source import register_scheme

register_scheme()  # before pytest-qt creates the QApplication
