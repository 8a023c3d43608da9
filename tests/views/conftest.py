"""Qt tests: on the X display when there is one (Xvfb under ./dev test), else
offscreen. QtWebEngine must be imported before the QApplication exists."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

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


import pytest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
)

from commandcenter.views.kernel import i18n  # noqa: E402
from commandcenter.views.kernel.gui_gc import collecting_on_this_thread  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot


@pytest.fixture(autouse=True)
def _garbage_on_the_gui_thread(qapp: QApplication) -> Iterator[None]:
    """As in the application (views/kernel/gui_gc.py): a Qt object freed by
    the collector on a worker thread deadlocks with the GUI thread. The
    garbage of each test is collected here, on the GUI thread, at its end."""
    with collecting_on_this_thread(qapp):
        yield


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog in a headless run waits for a click that never comes and
    hangs the suite until CI cuts it: fail at once instead, naming the dialog.
    A test that means to answer one patches that dialog's `exec` itself."""

    def refuse(*args: object, **_kwargs: object) -> None:
        raise AssertionError(f"a modal dialog opened in a test: {args!r}")

    monkeypatch.setattr(QDialog, "exec", refuse)
    for name in ("information", "warning", "critical", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(refuse))
    for name in (
        "getOpenFileName",
        "getOpenFileNames",
        "getSaveFileName",
        "getExistingDirectory",
    ):
        monkeypatch.setattr(QFileDialog, name, staticmethod(refuse))


@pytest.fixture
def chinese(qtbot: QtBot) -> Iterator[None]:
    """The UI in Chinese, as it starts by default, for one test."""
    app = QApplication.instance()
    assert app is not None
    installed = i18n.install_translators(app, "zh_CN")
    yield
    i18n.remove_translators(app, installed)
