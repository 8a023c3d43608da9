"""Revealing a reporter's contact: the reason asked for, the reveal run off
the GUI thread, the contact handed back once (services/cases/contact.py says
who may and records each reveal)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from commandcenter.services.cases.api import Contact
from commandcenter.views.kernel.operation_dialog import AnsweringDialog

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


class RevealDialog(AnsweringDialog):
    """Why the contact is needed; OK reveals it. `contact` holds it after."""

    def __init__(
        self,
        runner: TaskRunner,
        case_number: str,
        reveal: Callable[[str], Contact],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            runner,
            translate("ContactReveal", "Reporter's contact · %1").replace(
                "%1", case_number
            ),
            parent,
        )
        self._reveal = reveal
        layout = QFormLayout(self.form)
        notice = QLabel(
            translate(
                "ContactReveal",
                "Each reveal is recorded with your name and reason on the case's "
                "timeline and in the audit log. The contact is shown for 30 "
                "seconds.",
            )
        )
        notice.setWordWrap(True)
        notice.setTextFormat(Qt.TextFormat.PlainText)
        self.body.insertWidget(0, notice)
        self.reason = QLineEdit(self.form)
        self.reason.setPlaceholderText(
            translate("ContactReveal", "e.g. call back to confirm the place")
        )
        self.setMinimumWidth(480)
        layout.addRow(translate("ContactReveal", "Reason (required)"), self.reason)
        self.reason.setFocus()

    def operation(self) -> Callable[[], Any] | None:
        reason = self.reason.text().strip()
        if not reason:
            self.show_error(translate("ContactReveal", "Please say why."))
            return None
        return partial(self._reveal, reason)

    @property
    def contact(self) -> Contact | None:
        """The contact revealed (after OK), else None."""
        return self.answer if isinstance(self.answer, Contact) else None
