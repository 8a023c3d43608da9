"""The first run of the app on an empty database (PRODUCT §10): set up a
real district (its code and name, the first administrator, the default
reference tables: `commandcenter init` in a dialog), or load the demo.
Either runs off the GUI thread; the sign-in follows."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from commandcenter.services.admin.api import District, set_up
from commandcenter.services.demo.api import DemoOptions, build_demo
from commandcenter.views.kernel.operation_dialog import error_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.container import Services
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


class FirstRunDialog(QDialog):
    """A district of one's own, or the demo."""

    def __init__(
        self, runner: TaskRunner, services: Services, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("FirstRun", "First run — set up the database"))
        self._runner = runner
        self._services = services
        self.admin_username = ""
        intro = QLabel(
            translate(
                "FirstRun",
                "This database is empty. Set up your district (no demo account "
                "exists in it), or load the demo district to try the product.",
            )
        )
        intro.setWordWrap(True)
        self.real = QRadioButton(translate("FirstRun", "Set up my district"), self)
        self.demo = QRadioButton(
            translate("FirstRun", "Load the demo (Xuhui, about a minute)"), self
        )
        self.real.setChecked(True)
        self.form = QWidget(self)
        form = QFormLayout(self.form)
        self.code = QLineEdit(self.form)
        self.code.setPlaceholderText(translate("FirstRun", "6 digits of GB/T 2260"))
        self.name = QLineEdit(self.form)
        self.username = QLineEdit(self.form)
        self.display_name = QLineEdit(self.form)
        self.password = QLineEdit(self.form)
        self.repeated = QLineEdit(self.form)
        for field in (self.password, self.repeated):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(translate("FirstRun", "District code"), self.code)
        form.addRow(translate("FirstRun", "District name"), self.name)
        form.addRow(translate("FirstRun", "Administrator"), self.username)
        form.addRow(translate("FirstRun", "Administrator's name"), self.display_name)
        form.addRow(translate("FirstRun", "Password"), self.password)
        form.addRow(translate("FirstRun", "Password again"), self.repeated)
        self.real.toggled.connect(self.form.setEnabled)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.buttons.accepted.connect(self._go)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (intro, self.real, self.form, self.demo, self.status):
            layout.addWidget(widget)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def _go(self) -> None:
        self.status.setStyleSheet("")
        if self.demo.isChecked():
            self.status.setText(translate("FirstRun", "Building the demo district…"))
            self._run(lambda: build_demo(self._services.db, DemoOptions.preset(False)))
            return
        if self.password.text() != self.repeated.text():
            self._refused_with(translate("FirstRun", "The two passwords differ."))
            return
        username = self.username.text().strip()
        district = District(self.code.text().strip(), self.name.text().strip())
        display = self.display_name.text().strip() or username
        password = self.password.text()
        self.admin_username = username
        self.status.setText(translate("FirstRun", "Setting up…"))
        self._run(
            lambda: set_up(
                self._services.db,
                district,
                username,
                display,
                password,
                datetime.now(UTC),
            )
        )

    def _run(self, work: Callable[[], object]) -> None:
        self.buttons.setEnabled(False)
        self._runner.query("first run", work, self._done, failed=self._refused)

    def _done(self, _result: object) -> None:
        self._services.calendars.refresh()  # the district's calendar is in now
        self.buttons.setEnabled(True)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self._refused_with(error_text(error))

    def _refused_with(self, text: str) -> None:
        self.status.setStyleSheet("color: #c62828;")
        self.status.setText(text)
