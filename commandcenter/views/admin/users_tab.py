"""The administration window's accounts: every user with role, scope,
state and last sign-in, and the operations on them (services/admin/users.py
decides what is allowed). A password the product makes is shown once, in a
box the administrator copies from, and kept nowhere."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from commandcenter.models.types import Role
from commandcenter.services.admin.api import Scope
from commandcenter.views.admin.record_table import chosen_row, fill, record_table
from commandcenter.views.kernel.domain_text import role_text
from commandcenter.views.kernel.operation_dialog import AnsweringDialog, error_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.admin.api import ScopeChoices, UserAdmin, UserInfo
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


def state_text(user: UserInfo) -> str:
    if not user.active:
        return translate("Admin", "disabled")
    if user.locked_until is not None:
        return translate("Admin", "locked")
    if user.must_change_password:
        return translate("Admin", "must change password")
    return translate("Admin", "active")


def _cells(user: UserInfo) -> tuple[str, ...]:
    last = (
        user.last_sign_in_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if user.last_sign_in_at
        else translate("Admin", "never")
    )
    return (
        user.username,
        user.display_name,
        role_text(user.role.value),
        user.department or user.street or "",
        state_text(user),
        last,
    )


class UsersTab(QWidget):
    """The table of accounts and its buttons."""

    password_shown = Signal(str, str)  # user, the temporary password (tests)

    def __init__(
        self,
        runner: TaskRunner,
        users: UserAdmin,
        actor: Actor,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._users = users
        self._actor = actor
        self.listed: list[UserInfo] = []
        self.table = record_table(
            [
                translate("Admin", "User"),
                translate("Admin", "Name"),
                translate("Admin", "Role"),
                translate("Admin", "Department or street"),
                translate("Admin", "State"),
                translate("Admin", "Last sign-in"),
            ],
            3,
            self,
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.add_button = QPushButton(translate("Admin", "New user…"), self)
        self.role_button = QPushButton(translate("Admin", "Change role…"), self)
        self.reset_button = QPushButton(translate("Admin", "Reset password"), self)
        self.active_button = QPushButton(translate("Admin", "Disable"), self)
        self.unlock_button = QPushButton(translate("Admin", "Unlock"), self)
        self.add_button.clicked.connect(self.open_new_user)
        self.role_button.clicked.connect(self.open_set_role)
        self.reset_button.clicked.connect(self._reset)
        self.active_button.clicked.connect(self._toggle_active)
        self.unlock_button.clicked.connect(self._unlock)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.role_button,
            self.reset_button,
            self.active_button,
            self.unlock_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.table, 1)
        self._selection_changed()

    def reload(self) -> None:
        self._runner.query(
            "users", partial(self._users.list, self._actor), self._listed
        )

    def _listed(self, users: list[UserInfo]) -> None:
        chosen = self.selected()
        self.listed = users
        fill(self.table, [_cells(user) for user in users])
        if chosen is not None:
            self.select(chosen.username)
        self._selection_changed()

    def selected(self) -> UserInfo | None:
        number = chosen_row(self.table, len(self.listed))
        return None if number is None else self.listed[number]

    def select(self, username: str) -> None:
        for row, user in enumerate(self.listed):
            if user.username == username:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        user = self.selected()
        for button in (self.role_button, self.reset_button, self.active_button):
            button.setEnabled(user is not None)
        self.unlock_button.setEnabled(
            user is not None and user.locked_until is not None
        )
        self.active_button.setText(
            translate("Admin", "Enable")
            if user is not None and not user.active
            else translate("Admin", "Disable")
        )

    # -- operations --------------------------------------------------------------

    def _run(
        self, name: str, work: Callable[[], Any], done: Callable[[Any], None]
    ) -> None:
        self.error.clear()

        def finished(result: Any) -> None:
            done(result)
            self.reload()

        self._runner.query(name, work, finished, failed=self._failed)

    def _failed(self, error: Exception) -> None:
        self.error.setText(error_text(error))

    def _show_password(self, username: str, password: str) -> None:
        self.password_shown.emit(username, password)
        box = QMessageBox(self)
        box.setWindowTitle(translate("Admin", "Temporary password"))
        box.setText(
            translate(
                "Admin",
                "The temporary password of %1 is shown only now:\n\n%2\n\n"
                "Hand it over in person; they choose their own at the first "
                "sign-in.",
            )
            .replace("%1", username)
            .replace("%2", password)
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()  # not exec: the GUI keeps running (and tests go on)

    def _reset(self) -> None:
        user = self.selected()
        if user is None:
            return
        name = user.username
        self._run(
            "reset password",
            partial(self._users.reset_password, self._actor, name),
            lambda password: self._show_password(name, password),
        )

    def _toggle_active(self) -> None:
        user = self.selected()
        if user is not None:
            work = partial(
                self._users.set_active, self._actor, user.username, not user.active
            )
            self._run("account state", work, lambda _none: None)

    def _unlock(self) -> None:
        user = self.selected()
        if user is not None:
            work = partial(self._users.unlock, self._actor, user.username)
            self._run("unlock", work, lambda _none: None)

    def open_new_user(self) -> UserDialog:
        dialog = UserDialog(self._runner, self._users, self._actor, None, self)
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def open_set_role(self) -> UserDialog | None:
        user = self.selected()
        if user is None:
            return None
        dialog = UserDialog(self._runner, self._users, self._actor, user, self)
        dialog.saved.connect(self._saved)
        dialog.open()
        return dialog

    def _saved(self, username: str, password: str) -> None:
        self.reload()
        if password:
            self._show_password(username, password)


class UserDialog(AnsweringDialog):
    """A new account, or another role (and scope) for one."""

    saved = Signal(str, str)  # user name, a temporary password ("" if none)

    def __init__(
        self,
        runner: TaskRunner,
        users: UserAdmin,
        actor: Actor,
        user: UserInfo | None,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            translate("Admin", "New user")
            if user is None
            else translate("Admin", "Role of %1").replace("%1", user.username)
        )
        super().__init__(runner, title, parent)
        self._users = users
        self._actor = actor
        self._user = user
        form = QFormLayout(self.form)
        self.username = QLineEdit(self.form)
        self.display_name = QLineEdit(self.form)
        self.role = QComboBox(self.form)
        for role in Role:
            self.role.addItem(role_text(role.value), role.value)
        self.department = QComboBox(self.form)
        self.street = QComboBox(self.form)
        if user is None:
            form.addRow(translate("Admin", "User name"), self.username)
            form.addRow(translate("Admin", "Name shown"), self.display_name)
        else:
            self.role.setCurrentIndex(self.role.findData(user.role.value))
        form.addRow(translate("Admin", "Role"), self.role)
        form.addRow(translate("Admin", "Department"), self.department)
        form.addRow(translate("Admin", "Street"), self.street)
        self._form = form
        self.role.currentIndexChanged.connect(self._role_changed)
        self.setMinimumWidth(420)
        self._role_changed()
        self.answered.connect(self._saved)
        runner.query(
            "scope choices", partial(users.scope_choices, actor), self._choices
        )

    def _choices(self, choices: ScopeChoices) -> None:
        for combo, options in (
            (self.department, choices.departments),
            (self.street, choices.streets),
        ):
            combo.clear()
            for code, name in options:
                combo.addItem(f"{code} {name}", code)

    def _role_changed(self) -> None:
        role = self.role.currentData()
        self._form.setRowVisible(self.department, role == Role.HANDLER.value)
        self._form.setRowVisible(self.street, role == Role.GRID_WORKER.value)

    def _scope(self) -> Scope:
        role = self.role.currentData()
        return Scope(
            department=self.department.currentData()
            if role == Role.HANDLER.value
            else None,
            street=self.street.currentData()
            if role == Role.GRID_WORKER.value
            else None,
        )

    def operation(self) -> Callable[[], Any] | None:
        role = Role(self.role.currentData())
        if self._user is None:
            return partial(
                self._users.add,
                self._actor,
                self.username.text().strip(),
                self.display_name.text(),
                role,
                self._scope(),
            )
        return partial(
            self._users.set_role, self._actor, self._user.username, role, self._scope()
        )

    def _saved(self, answer: object) -> None:
        username = self._user.username if self._user else self.username.text().strip()
        self.saved.emit(username, answer if isinstance(answer, str) else "")
