"""A department's incident tasks (应急任务), first in its handlers' queue: every
open task of every incident under way given to the department, the earliest due
first, with the same countdowns as the command view's board and the same moves.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from commandcenter.services.emergency.api import TaskMove, TaskStep, task_moves
from commandcenter.services.kernel.events import EntityKind
from commandcenter.views.emergency.task_board import TaskBoardModel, lay_out_columns
from commandcenter.views.emergency.task_dialogs import (
    NEEDS_DIALOG,
    TaskStepDialog,
    task_move_text,
)
from commandcenter.views.kernel.coalesced_read import CoalescedRead
from commandcenter.views.kernel.operation_dialog import error_text

if TYPE_CHECKING:
    from commandcenter.services.container import Services
    from commandcenter.services.emergency.api import TaskRow
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.views.kernel.change_hub import ChangeHub, EntitiesChanged
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


class DepartmentTasks(QWidget):
    """The open incident tasks of the actor's department."""

    counted = Signal(int)
    """How many open tasks the department has, after each read."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        hub: ChangeHub,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.runner = runner
        self.board = TaskBoardModel(services.clock, with_incident=True, parent=self)
        self.table = QTableView()
        self.table.setModel(self.board)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        lay_out_columns(self.table, self.board)
        self.table.selectionModel().selectionChanged.connect(self._offer_moves)
        self.buttons: dict[TaskMove, QPushButton] = {}
        row = QHBoxLayout()
        for move in TaskMove:
            button = QPushButton(task_move_text(move))
            button.clicked.connect(partial(self.run_move, move))
            button.hide()
            row.addWidget(button)
            self.buttons[move] = button
        row.addStretch(1)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.message)
        self._reader = CoalescedRead(
            runner,
            "incident tasks",
            self._read,
            self._loaded,
            lambda error: self.message.setText(error_text(error)),
            self,
        )
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self.board.tick)
        hub.entities_changed.connect(self._on_changed)

    def start(self) -> None:
        self.reload()
        self._tick.start()

    def stop(self) -> None:
        self._tick.stop()
        self._reader.stop()

    def reload(self) -> None:
        if self.actor.department_id is not None:
            self._reader.request()

    def _read(self) -> list[TaskRow]:
        assert self.actor.department_id is not None
        return self.services.incident_queries.department_tasks(self.actor.department_id)

    def _on_changed(self, change: EntitiesChanged) -> None:
        if change.kind is EntityKind.INCIDENT:
            self.reload()

    def _loaded(self, tasks: list[TaskRow]) -> None:
        selected = self._selected()
        self.board.load(tasks)
        if selected is not None:
            row = self.board.row_of(selected.id)
            if row is not None:
                self.table.selectRow(row)
        self._offer_moves()
        self.message.clear()
        self.counted.emit(len(tasks))

    def _selected(self) -> TaskRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.board.task(rows[0].row()) if rows else None

    def select_task(self, task_id: int) -> None:
        row = self.board.row_of(task_id)
        if row is not None:
            self.table.selectRow(row)

    def _offer_moves(self) -> None:
        task = self._selected()
        offered = set(task_moves(self.actor.role, task.state)) if task else set()
        for move, button in self.buttons.items():
            button.setVisible(move in offered)

    def run_move(self, move: TaskMove) -> TaskStepDialog | None:
        """Run `move` on the selected task; the dialog when it needs input."""
        task = self._selected()
        if task is None:
            return None
        if move in NEEDS_DIALOG:
            dialog = TaskStepDialog(
                self.runner, self.services, self.actor, task, move, self
            )
            dialog.open()
            return dialog
        actor, incidents = self.actor, self.services.incidents
        step = TaskStep(task.id, task.version, move)
        self.runner.mutate(
            task_move_text(move),
            lambda: incidents.move_task(actor, step),
            failed=lambda error: self.message.setText(error_text(error)),
        )
        return None
