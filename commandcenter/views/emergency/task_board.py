"""The task board (任务看板): an incident's tasks by department, each with its
state and a live countdown against its target (amber at 80 % of the target
used, red when overdue, marked once escalated). A department's own queue of
incident tasks is the same model over its tasks of every running incident.

Rows are `TaskRow` snapshots; the countdowns move with the clock (`tick`), not
with reads: a board read once turns amber and red by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QHeaderView

from commandcenter.services.kernel.work_calendar import DeadlineStatus
from commandcenter.views.kernel.domain_text import task_state_text
from commandcenter.views.kernel.level_colours import LEVEL_NUMERALS

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import datetime, timedelta

    from PySide6.QtWidgets import QTableView

    from commandcenter.services.emergency.api import TaskRow

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex
TASK_ROLE = Qt.ItemDataRole.UserRole + 1
"""The row's `TaskRow`."""

AMBER = QColor("#ffe0b2")
RED = QColor("#ffcdd2")
ENDED = QColor("#9e9e9e")


def countdown_text(task: TaskRow, now: datetime) -> str:
    """`剩余 12:30` before the due time, `超时 3:05` after it; the time it took
    once done; nothing once cancelled."""
    if task.done_at is not None:
        return translate("TaskBoard", "took %1").replace(
            "%1", _clock(task.done_at - task.created_at)
        )
    if not task.is_open:
        return ""
    if now <= task.due_at:
        return translate("TaskBoard", "%1 left").replace(
            "%1", _clock(task.due_at - now)
        )
    return translate("TaskBoard", "%1 over").replace("%1", _clock(now - task.due_at))


def _clock(span: timedelta) -> str:
    seconds = max(0, int(span.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return (
        f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
    )


class TaskBoardModel(QAbstractTableModel):
    """Tasks sorted by department, then by when they are due."""

    def __init__(
        self,
        clock: Callable[[], datetime],
        with_incident: bool = False,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._now = clock()
        self._rows: list[TaskRow] = []
        self.with_incident = with_incident
        self.task_column = 3 if with_incident else 2
        self._headers = [
            *([translate("TaskBoard", "Incident")] if with_incident else []),
            translate("TaskBoard", "Level"),
            translate("TaskBoard", "Department"),
            translate("TaskBoard", "Task"),
            translate("TaskBoard", "State"),
            translate("TaskBoard", "Time"),
            translate("TaskBoard", "Escalated"),
        ]

    # -- contents --------------------------------------------------------------------

    def load(self, tasks: Sequence[TaskRow]) -> None:
        self.beginResetModel()
        key = (
            (lambda t: (t.due_at, t.id))
            if self.with_incident
            else (lambda t: (t.department_name, t.due_at, t.id))
        )
        self._rows = sorted(tasks, key=key)
        self._now = self._clock()
        self.endResetModel()

    def task(self, row: int) -> TaskRow:
        return self._rows[row]

    def row_of(self, task_id: int) -> int | None:
        return next((i for i, t in enumerate(self._rows) if t.id == task_id), None)

    def tasks(self) -> list[TaskRow]:
        return list(self._rows)

    def tick(self) -> None:
        """Move the countdowns on to now (and the lights with them)."""
        self._now = self._clock()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(self._headers) - 1),
            )

    def now(self) -> datetime:
        return self._now

    # -- Qt's model interface ------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
        ):
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        task = self._rows[index.row()]
        column = index.column() + (0 if self.with_incident else 1)
        if role == TASK_ROLE:
            return task
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(task, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            light = task.status(self._now)
            if light is DeadlineStatus.RED:
                return QBrush(RED)
            if light is DeadlineStatus.AMBER:
                return QBrush(AMBER)
        if role == Qt.ItemDataRole.ForegroundRole and not task.is_open:
            return QBrush(ENDED)
        if role == Qt.ItemDataRole.ToolTipRole:
            return task.note or None
        return None

    def _text(self, task: TaskRow, column: int) -> str:
        match column:
            case 0:
                return task.incident_number
            case 1:
                return LEVEL_NUMERALS.get(task.level.value, task.level.value)
            case 2:
                return task.department_name
            case 3:
                return task.text
            case 4:
                return task_state_text(task.state.value)
            case 5:
                return countdown_text(task, self._now)
            case 6:
                return translate("TaskBoard", "escalated") if task.escalated_at else ""
        return ""


def lay_out_columns(table: QTableView, model: TaskBoardModel) -> None:
    """Column widths for the widest text each column usually holds, set once,
    the task's column taking the rest. Sizing columns to their contents would
    measure every row on every change: with 200 tasks that was most of an
    update's time (bench/emergency.py)."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    metrics = table.fontMetrics()
    samples = [
        *(["YJ20261201-01"] if model.with_incident else []),
        "Ⅲ",
        "徐家汇街道办事处",
        "",
        task_state_text("acknowledged"),
        translate("TaskBoard", "%1 over").replace("%1", "1:00:00"),
        translate("TaskBoard", "escalated"),
    ]
    for column, sample in enumerate(samples):
        heading = str(model.headerData(column, Qt.Orientation.Horizontal))
        widest = max(
            metrics.horizontalAdvance(sample), metrics.horizontalAdvance(heading)
        )
        header.resizeSection(column, widest + 24)
    header.setSectionResizeMode(model.task_column, QHeaderView.ResizeMode.Stretch)
