"""Dialogs that run a service operation and stay open when it fails.

The operation runs on the task runner; while it runs the buttons are disabled.
On success the dialog closes. On a domain error it shows the reason in place and
keeps everything the operator typed, so nothing is ever lost to an error; a
conflict (someone else moved the case first) says so plainly, and the caller
refreshes the case underneath.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from commandcenter.services.kernel.errors import (
    AuthenticationError,
    ConflictError,
    DomainError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.kernel.changes import Changes
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


def error_text(error: Exception) -> str:
    """What went wrong, for a person: the kind in the UI language, then the
    service's own detail."""
    if isinstance(error, ConflictError):
        return translate(
            "Errors",
            "Someone else changed this case first. It has been refreshed; "
            "your input is kept — check the case and try again.",
        )
    if isinstance(error, AuthenticationError):
        return translate("Errors", "Wrong user name or password.")
    kinds: list[tuple[type[Exception], str]] = [
        (ValidationError, translate("Errors", "Please check the input")),
        (PermissionDeniedError, translate("Errors", "Not allowed")),
        (InvalidTransitionError, translate("Errors", "Not possible now")),
        (NotFoundError, translate("Errors", "Not found")),
        (DomainError, translate("Errors", "Refused")),
    ]
    for kind, heading in kinds:
        if isinstance(error, kind):
            return f"{heading}: {error}"
    return translate("Errors", "Unexpected error: %1").replace("%1", repr(error))


class OperationDialog(QDialog):
    """A form whose OK button runs one operation through the task runner."""

    failed = Signal(object)
    """The operation was refused: the exception (the dialog stays open)."""

    def __init__(
        self, runner: TaskRunner, title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._runner = runner
        self.form = QWidget(self)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828;")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.form)
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)
        self.last_changes: Changes | None = None

    def operation(self) -> Callable[[], Changes] | None:
        """The operation to run with the current input, or None (after calling
        `show_error`) when the input is not complete. Subclasses override."""
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _submit(self) -> None:
        work = self.operation()
        if work is None:
            return
        self.buttons.setEnabled(False)
        self._runner.mutate(
            self.windowTitle(), work, done=self._succeeded, failed=self._failed
        )

    def _succeeded(self, changes: Changes) -> None:
        self.last_changes = changes
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.show_error(error_text(error))
        self.failed.emit(error)
