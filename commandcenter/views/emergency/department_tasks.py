"""A department's incident tasks (应急任务), first in its handlers' queue: every
open task of every incident under way given to the department, the earliest due
first, with the same countdowns as the command view's board and the same moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QLabel,
    QVBoxLayout,
    QWidget,
)

from commandcenter.services.emergency.api import task_moves
from commandcenter.services.kernel.events import EntityKind
from commandcenter.views.emergency.task_board_widget import TaskBoard
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
        self.tasks = TaskBoard(
            services,
            actor,
            runner,
            lambda task: task_moves(actor.role, task.state),
            self._failed,
            with_incident=True,
            parent=self,
        )
        self.board = self.tasks.model
        self.table = self.tasks.table
        self.buttons = self.tasks.buttons
        self.run_move = self.tasks.run_move
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tasks, 1)
        layout.addWidget(self.message)
        self._reader = CoalescedRead(
            runner,
            "incident tasks",
            self._read,
            self._loaded,
            self._failed,
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
        self.tasks.load(tasks)
        self.message.clear()
        self.counted.emit(len(tasks))

    def _failed(self, error: Exception) -> None:
        self.message.setText(error_text(error))
