"""The login dialog: user name and password, checked by the auth service off the
GUI thread. On a demo database it lists the demo accounts and their password.
A password an administrator set is replaced here before the sign-in ends:
the dialog then asks for a new one, twice."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from commandcenter.services.kernel.auth import PasswordChangeRequiredError
from commandcenter.views.kernel.operation_dialog import error_text

if TYPE_CHECKING:
    from commandcenter.services.kernel.auth import Actor, AuthService
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


class LoginDialog(QDialog):
    """Asks for credentials until they are right or the user cancels."""

    def __init__(
        self,
        runner: TaskRunner,
        auth: AuthService,
        demo_users: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(
            translate("Login", "Sign in — grid management command center")
        )
        self._runner = runner
        self._auth = auth
        self.actor: Actor | None = None
        self.username = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.new_password = QLineEdit(self)
        self.repeated = QLineEdit(self)
        for field in (self.new_password, self.repeated):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.form = QFormLayout()
        self.form.addRow(translate("Login", "User"), self.username)
        self.form.addRow(translate("Login", "Password"), self.password)
        self.form.addRow(translate("Login", "New password"), self.new_password)
        self.form.addRow(translate("Login", "New password again"), self.repeated)
        self._ask_new(False)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        self.hint = QLabel(
            translate("Login", "Demo accounts: %1 — password demo-2026").replace(
                "%1", ", ".join(demo_users)
            ),
            self,
        )
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #546e7a;")
        self.hint.setVisible(bool(demo_users))  # only on a demo database
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(380)

    def _ask_new(self, ask: bool) -> None:
        """Show or hide the rows for a new password."""
        self._changing = ask
        for field in (self.new_password, self.repeated):
            self.form.setRowVisible(field, ask)
        self.username.setReadOnly(ask)

    def _try(self) -> None:
        username = self.username.text().strip()
        password = self.password.text()
        if not self._changing:
            work = partial(self._auth.login, username, password)
        elif self.new_password.text() != self.repeated.text():
            self.error.setText(translate("Login", "The two new passwords differ."))
            return
        else:
            work = partial(self._change, username, password, self.new_password.text())
        self.buttons.setEnabled(False)
        self._runner.query("login", work, self._signed_in, failed=self._refused)

    def _change(self, username: str, old: str, new: str) -> Actor:
        """Replace the password an administrator set, then sign in with it."""
        self._auth.change_password(username, old, new)
        return self._auth.login(username, new)

    def _signed_in(self, actor: Actor) -> None:
        self.buttons.setEnabled(True)
        self.actor = actor
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.error.setText(error_text(error))
        if isinstance(error, PasswordChangeRequiredError):
            self._ask_new(True)
            self.new_password.setFocus()
            return
        if self._changing:  # the new one refused: try another
            self.new_password.selectAll()
            self.new_password.setFocus()
            return
        self.password.selectAll()
        self.password.setFocus()
