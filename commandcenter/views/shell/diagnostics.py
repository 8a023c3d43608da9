"""Nothing dies silently (ARCHITECTURE §5).

An exception that escapes a slot or an event handler reaches `sys.excepthook`:
it is written to the log file with its traceback, and the operator sees a
non-modal notice that says what happened and where the details are, while the
window keeps working. Qt's own warnings go to the same log. The unattended big
screen shows no notices (it has no one to answer them): it only logs.
"""

from __future__ import annotations

import logging
import sys
import traceback
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QObject,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMessageBox

if TYPE_CHECKING:
    from pathlib import Path
    from types import TracebackType

translate = QCoreApplication.translate
log = logging.getLogger("commandcenter.gui")
qt_log = logging.getLogger("qt")

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


class Diagnostics(QObject):
    """Installs the hooks for one application run; `uninstall` puts back what
    was there (tests, and windows opened one after another)."""

    def __init__(
        self, log_path: Path, notices: bool = True, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._log_path = log_path
        self._notices = notices
        self._previous_hook: Any = None
        self._previous_handler: Any = None
        self._errors = 0
        self.notice: QMessageBox | None = None
        """The notice on screen, if any (one at a time: later errors count up)."""

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        sys.excepthook = self._on_exception
        self._previous_handler = qInstallMessageHandler(self._on_qt_message)

    def uninstall(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            self._previous_hook = None
        qInstallMessageHandler(self._previous_handler)
        self._previous_handler = None

    def _on_exception(
        self,
        kind: type[BaseException],
        error: BaseException,
        trace: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, error, trace)
            return
        log.error(
            "uncaught %s: %s\n%s",
            kind.__name__,
            error,
            "".join(traceback.format_tb(trace)),
        )
        if self._notices and QApplication.instance() is not None:
            self._show(f"{kind.__name__}: {error}")

    def _show(self, summary: str) -> None:
        self._errors += 1
        text = (
            translate(
                "Diagnostics",
                "Something went wrong: %1\n\nThe window keeps working; what you "
                "typed is kept. The details are in the log file:\n%2",
            )
            .replace("%1", summary)
            .replace("%2", str(self._log_path))
        )
        if self._errors > 1:
            text += "\n\n" + translate("Diagnostics", "Errors so far: %1").replace(
                "%1", str(self._errors)
            )
        if self.notice is None:
            notice = QMessageBox(QApplication.activeWindow())
            notice.setIcon(QMessageBox.Icon.Warning)
            notice.setWindowTitle(translate("Diagnostics", "Unexpected error"))
            notice.setStandardButtons(QMessageBox.StandardButton.Close)
            notice.setModal(False)
            notice.finished.connect(self._closed)
            self.notice = notice
        self.notice.setText(text)
        self.notice.show()

    def _closed(self) -> None:
        if self.notice is not None:
            self.notice.deleteLater()
            self.notice = None

    def _on_qt_message(
        self, kind: QtMsgType, context: QMessageLogContext, message: str
    ) -> None:
        where = f" ({context.file}:{context.line})" if context.file else ""
        qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s%s", message, where)
