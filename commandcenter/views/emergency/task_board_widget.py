"""The task board as a widget: the table of tasks and, under it, the moves the
user may make on the selected one (a dialog for those that need a reason or
evidence), each also on a key while the board has the focus (Alt+1 接收 …
Alt+7 取消, in the order of the task machine's table). The incident command
view shows an incident's tasks in one; a department's incident tasks are
another. Who may do what is the caller's rule
(`allowed`); the service checks it again."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from commandcenter.services.emergency.api import TaskMove, TaskStep
from commandcenter.views.emergency.task_board import TaskBoardModel, lay_out_columns
from commandcenter.views.emergency.task_dialogs import (
    NEEDS_DIALOG,
    TaskStepDialog,
    task_move_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from commandcenter.services.container import Services
    from commandcenter.services.emergency.api import TaskRow
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.views.kernel.task_runner import TaskRunner


class TaskBoard(QWidget):
    """A table of tasks with the selected task's moves as buttons."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        allowed: Callable[[TaskRow], tuple[TaskMove, ...]],
        failed: Callable[[Exception], None],
        with_incident: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._actor = actor
        self._runner = runner
        self._allowed = allowed
        self._failed = failed
        self.model = TaskBoardModel(services.clock, with_incident, parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        lay_out_columns(self.table, self.model)
        self.table.selectionModel().selectionChanged.connect(self.offer_moves)
        self.buttons: dict[TaskMove, QPushButton] = {}
        row = QHBoxLayout()
        for number, move in enumerate(TaskMove, 1):
            button = QPushButton(task_move_text(move))
            button.clicked.connect(partial(self.run_move, move))
            keys = QKeySequence(f"Alt+{number}")
            button.setToolTip(keys.toString(QKeySequence.SequenceFormat.NativeText))
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(partial(self._by_key, move))
            button.hide()
            row.addWidget(button)
            self.buttons[move] = button
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addLayout(row)

    def load(self, tasks: Sequence[TaskRow]) -> None:
        """Show fresh rows; the selected task stays selected."""
        selected = self.selected()
        self.model.load(tasks)
        if selected is not None:
            self.select_task(selected.id)
        self.offer_moves()

    def selected(self) -> TaskRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.task(rows[0].row()) if rows else None

    def select_task(self, task_id: int) -> None:
        row = self.model.row_of(task_id)
        if row is not None:
            self.table.selectRow(row)

    def offer_moves(self) -> None:
        task = self.selected()
        offered = set(self._allowed(task)) if task is not None else set()
        for move, button in self.buttons.items():
            button.setVisible(move in offered)

    def _by_key(self, move: TaskMove) -> None:
        """Alt+1 … Alt+7 while the board has the focus: the move, if offered."""
        if self.buttons[move].isVisible():
            self.run_move(move)

    def run_move(self, move: TaskMove) -> TaskStepDialog | None:
        """Run `move` on the selected task; the dialog when it needs input."""
        task = self.selected()
        if task is None:
            return None
        if move in NEEDS_DIALOG:
            dialog = TaskStepDialog(
                self._runner, self._services, self._actor, task, move, self
            )
            dialog.open()
            return dialog
        actor, incidents = self._actor, self._services.incidents
        step = TaskStep(task.id, task.version, move)
        self._runner.mutate(
            task_move_text(move),
            lambda: incidents.move_task(actor, step),
            failed=self._failed,
        )
        return None
