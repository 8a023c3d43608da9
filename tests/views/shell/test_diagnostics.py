"""A crash in a slot is logged with its traceback and shown, and the window
keeps working; Qt's warnings reach the log too."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QObject, Signal, qWarning

from commandcenter.logs import configure, log_file
from commandcenter.views.shell.diagnostics import Diagnostics

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot


class _Button(QObject):
    clicked = Signal()


def _slot_that_fails() -> None:
    raise RuntimeError("the slot broke")


@pytest.fixture
def logged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("COMMANDCENTER_LOG_DIR", str(tmp_path))
    path = configure()
    yield path
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "baseFilename", None) == str(path.resolve()):
            root.removeHandler(handler)
            handler.close()


@pytest.mark.qt_no_exception_capture
def test_a_crash_in_a_slot_is_logged_with_its_traceback_and_shown(
    logged: Path, qtbot: QtBot
) -> None:
    assert logged == log_file()
    diagnostics = Diagnostics(logged)
    diagnostics.install()
    try:
        button = _Button()
        button.clicked.connect(_slot_that_fails)
        button.clicked.emit()
        notice = diagnostics.notice
        assert notice is not None
        qtbot.waitUntil(notice.isVisible)
        assert not notice.isModal()
        assert "the slot broke" in notice.text()
        assert str(logged) in notice.text()
        button.clicked.emit()  # a second error counts up in the same notice
        assert diagnostics.notice is notice
        qWarning("a warning from Qt")
    finally:
        diagnostics.uninstall()
    text = logged.read_text(encoding="utf-8")
    assert "uncaught RuntimeError: the slot broke" in text
    assert "_slot_that_fails" in text  # the traceback
    assert "a warning from Qt" in text


@pytest.mark.qt_no_exception_capture
def test_the_big_screen_logs_but_shows_nothing(logged: Path, qtbot: QtBot) -> None:
    diagnostics = Diagnostics(logged, notices=False)
    diagnostics.install()
    try:
        button = _Button()
        button.clicked.connect(_slot_that_fails)
        button.clicked.emit()
    finally:
        diagnostics.uninstall()
    assert diagnostics.notice is None
    assert "the slot broke" in logged.read_text(encoding="utf-8")
