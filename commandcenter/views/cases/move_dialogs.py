"""The dialogs of the case moves that need input: a reason or note, hours of
postponement, the case to merge into, and dispatch with its preview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from commandcenter.services.cases.api import (
    MAX_POSTPONE_HOURS,
)
from commandcenter.views.cases.case_moves import MoveInput, Needs, move_text
from commandcenter.views.cases.case_panel import district_time
from commandcenter.views.kernel.domain_text import unit_text
from commandcenter.views.kernel.operation_dialog import OperationDialog

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from commandcenter.services.cases.api import (
        DispatchPreview,
        Move,
    )
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


class MoveDialog(OperationDialog):
    """A reason or note (required or not), plus hours or a merge target."""

    def __init__(
        self,
        runner: TaskRunner,
        move: Move,
        needs: Needs,
        case_number: str,
        build: Callable[[MoveInput], Callable[[], Changes]],
        targets: Sequence[tuple[int, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        title = f"{move_text(move).rstrip('…')} · {case_number}"
        super().__init__(runner, title, parent)
        self._needs = needs
        self._build = build
        layout = QFormLayout(self.form)
        self.hours = QSpinBox()
        self.hours.setRange(1, MAX_POSTPONE_HOURS)
        self.hours.setValue(8)
        self.target = QComboBox()
        for case_id, label in targets:
            self.target.addItem(label, case_id)
        # only the fields this move asks for join the form (and get a parent)
        if needs is Needs.HOURS_AND_TEXT:
            layout.addRow(translate("MoveDialogs", "Extra working hours"), self.hours)
        if needs is Needs.TARGET:
            layout.addRow(translate("MoveDialogs", "Merge into"), self.target)
        self.text = QPlainTextEdit(self.form)
        self.text.setTabChangesFocus(True)
        self.text.setMinimumSize(360, 90)
        required = needs in (Needs.TEXT, Needs.HOURS_AND_TEXT)
        label = (
            translate("MoveDialogs", "Reason (required)")
            if required
            else translate("MoveDialogs", "Note (optional)")
        )
        layout.addRow(label, self.text)
        self._required = required
        self.text.setFocus()

    def operation(self) -> Callable[[], Changes] | None:
        text = self.text.toPlainText().strip()
        if self._required and not text:
            self.show_error(translate("MoveDialogs", "Please give a reason."))
            return None
        if self._needs is Needs.TARGET and self.target.currentData() is None:
            self.show_error(translate("MoveDialogs", "There is no case to merge into."))
            return None
        return self._build(
            MoveInput(
                text=text,
                hours=self.hours.value(),
                target_id=self.target.currentData(),
            )
        )


class DispatchDialog(OperationDialog):
    """Dispatch with the suggested department, its reason, and the deadline that
    dispatching now sets on the working calendar; the operator may override."""

    def __init__(
        self,
        runner: TaskRunner,
        case_number: str,
        preview: DispatchPreview,
        build: Callable[[MoveInput], Callable[[], Changes]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            runner,
            translate("MoveDialogs", "Dispatch %1").replace("%1", case_number),
            parent,
        )
        self._build = build
        self._preview = preview
        layout = QFormLayout(self.form)
        self.department = QComboBox(self.form)
        self.department.setEditable(True)  # type to search
        self.department.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for choice in preview.departments:
            self.department.addItem(choice.name, choice.id)
        self.department.setCurrentIndex(self.department.findData(preview.suggested.id))
        self.reason = QLabel(preview.reason, self.form)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.reason.setWordWrap(True)
        self.deadline = QLabel(
            translate("MoveDialogs", "%1 (%2 %3)")
            .replace("%1", district_time(preview.deadline_at, preview.zone))
            .replace("%2", str(preview.limit))
            .replace("%3", unit_text(preview.unit)),
            self.form,
        )
        self.override = QLabel(self.form)
        self.override.setStyleSheet("color: #b26a00;")
        self.note = QLineEdit(self.form)
        self.note.setPlaceholderText(
            translate("MoveDialogs", "Instructions (optional)")
        )
        layout.addRow(translate("MoveDialogs", "Department"), self.department)
        layout.addRow(translate("MoveDialogs", "Suggested because"), self.reason)
        layout.addRow(translate("MoveDialogs", "Deadline"), self.deadline)
        layout.addRow("", self.override)
        layout.addRow(translate("MoveDialogs", "Note"), self.note)
        self.department.currentIndexChanged.connect(self._on_department)
        self.setMinimumWidth(520)

    def _on_department(self) -> None:
        overridden = self.department.currentData() != self._preview.suggested.id
        self.override.setText(
            translate("MoveDialogs", "Overrides the suggestion: say why in the note.")
            if overridden
            else ""
        )

    def operation(self) -> Callable[[], Changes] | None:
        department_id = self.department.currentData()
        if department_id is None:
            self.show_error(translate("MoveDialogs", "Choose a department."))
            return None
        return self._build(
            MoveInput(text=self.note.text().strip(), department_id=department_id)
        )
