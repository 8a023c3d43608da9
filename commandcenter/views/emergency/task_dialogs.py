"""The dialogs of the incident moves that need words or evidence: a task blocked
or cancelled (a reason), a task done (the evidence its plan asks: photos, a
count), a level change (the preview of what it adds or stands down, and why),
the stand-down (a summary). Each runs its one operation through the task runner
and stays open, input kept, when it is refused."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
)

from commandcenter.services.cases.api import NewAttachment
from commandcenter.services.emergency.api import TaskMove, TaskStep
from commandcenter.views.kernel.domain_text import level_text
from commandcenter.views.kernel.operation_dialog import OperationDialog

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget

    from commandcenter.services.container import Services
    from commandcenter.services.emergency.api import Level, LevelDiff, TaskRow
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate

NEEDS_DIALOG = frozenset({TaskMove.BLOCK, TaskMove.CANCEL, TaskMove.DONE})
"""The task moves that ask for input; the others run at once."""


def task_move_text(move: TaskMove) -> str:
    return {
        TaskMove.ACKNOWLEDGE: translate("TaskBoard", "Acknowledge"),
        TaskMove.EN_ROUTE: translate("TaskBoard", "En route"),
        TaskMove.ON_SCENE: translate("TaskBoard", "On scene"),
        TaskMove.DONE: translate("TaskBoard", "Done…"),
        TaskMove.BLOCK: translate("TaskBoard", "Blocked…"),
        TaskMove.RESUME: translate("TaskBoard", "Resume"),
        TaskMove.CANCEL: translate("TaskBoard", "Cancel task…"),
    }[move]


class TaskStepDialog(OperationDialog):
    """A reason (blocked, cancelled) or the evidence of a task done."""

    def __init__(
        self,
        runner: TaskRunner,
        services: Services,
        actor: Actor,
        task: TaskRow,
        move: TaskMove,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, task_move_text(move).rstrip("…"), parent)
        self._services = services
        self._actor = actor
        self._task = task
        self._move = move
        self._photos: list[Path] = []
        form = QFormLayout(self.form)
        form.addRow(QLabel(f"{task.department_name} · {task.text}"))
        self.note = QLineEdit()
        label = (
            translate("TaskBoard", "Reason")
            if move in (TaskMove.BLOCK, TaskMove.CANCEL)
            else translate("TaskBoard", "Note")
        )
        form.addRow(label, self.note)
        self.count = QSpinBox()
        self.count.setRange(0, 1_000_000)
        self.photo_list = QListWidget()
        self.photo_list.setMaximumHeight(80)
        add = QPushButton(translate("TaskBoard", "Add photo…"))
        add.clicked.connect(self._choose_photo)
        if move is TaskMove.DONE:
            if task.evidence == "count":
                form.addRow(translate("TaskBoard", "Count"), self.count)
            form.addRow(translate("TaskBoard", "Photos"), self.photo_list)
            form.addRow("", add)
            if task.evidence == "photo":
                form.addRow(
                    QLabel(translate("TaskBoard", "The plan asks for a photo."))
                )
        self.resize(460, self.sizeHint().height())

    def add_photo(self, path: Path) -> None:
        self._photos.append(path)
        self.photo_list.addItem(path.name)

    def _choose_photo(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            translate("TaskBoard", "Photo"),
            "",
            translate("TaskBoard", "Images (*.png *.jpg *.jpeg)"),
        )
        if chosen:
            self.add_photo(Path(chosen))

    def operation(self) -> Callable[[], Changes] | None:
        task, move, actor = self._task, self._move, self._actor
        note = self.note.text()
        count = (
            self.count.value()
            if move is TaskMove.DONE and task.evidence == "count"
            else None
        )
        paths = list(self._photos)
        incidents = self._services.incidents

        def run() -> Changes:
            photos = tuple(_attachment(path) for path in paths)  # off the GUI thread
            step = TaskStep(task.id, task.version, move, note, count, photos)
            return incidents.move_task(actor, step)

        return run


def _attachment(path: Path) -> NewAttachment:
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return NewAttachment(path.name, media_type, path.read_bytes())


class LevelChangeDialog(OperationDialog):
    """Raise or lower the response: what it adds or stands down, then why."""

    def __init__(
        self,
        runner: TaskRunner,
        services: Services,
        actor: Actor,
        incident: tuple[int, int],
        change: LevelDiff,
        parent: QWidget | None = None,
    ) -> None:
        title = (
            translate("Incident", "Raise the response to %1")
            if change.raising
            else translate("Incident", "Lower the response to %1")
        ).replace("%1", level_text(change.after.value))
        super().__init__(runner, title, parent)
        self._services = services
        self._actor = actor
        self._incident = incident
        self._level: Level = change.after
        form = QFormLayout(self.form)
        preview = QPlainTextEdit()
        preview.setReadOnly(True)
        lines = [
            translate("Incident", "New task: %1 — %2 (within %3 min)")
            .replace("%1", item.template.department)
            .replace("%2", item.template.task)
            .replace("%3", str(item.template.target_minutes))
            for item in change.added
        ]
        lines += [
            translate("Incident", "Notify: %1 within %2 min")
            .replace("%1", n.role)
            .replace("%2", str(n.within_minutes))
            for n in change.notify
        ]
        if change.stood_down:
            lines.append(
                translate("Incident", "Open tasks of %1 are stood down").replace(
                    "%1", ", ".join(change.stood_down)
                )
            )
        preview.setPlainText("\n".join(lines))
        form.addRow(translate("Incident", "What changes"), preview)
        self.reason = QLineEdit()
        form.addRow(translate("Incident", "Reason"), self.reason)
        self.resize(560, 360)

    def operation(self) -> Callable[[], Changes] | None:
        incident_id, version = self._incident
        reason, level, actor = self.reason.text(), self._level, self._actor
        incidents = self._services.incidents
        return lambda: incidents.change_level(
            actor, incident_id, version, level, reason
        )


class StandDownDialog(OperationDialog):
    """End the response with a summary; open tasks are cancelled."""

    def __init__(
        self,
        runner: TaskRunner,
        services: Services,
        actor: Actor,
        incident: tuple[int, int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(runner, translate("Incident", "Stand down"), parent)
        self._services = services
        self._actor = actor
        self._incident = incident
        form = QFormLayout(self.form)
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText(
            translate("Incident", "What happened, what was done, what is left")
        )
        form.addRow(translate("Incident", "Summary"), self.summary)
        self.resize(520, 280)

    def operation(self) -> Callable[[], Changes] | None:
        incident_id, version = self._incident
        summary, actor = self.summary.toPlainText(), self._actor
        incidents = self._services.incidents
        return lambda: incidents.stand_down(actor, incident_id, version, summary)
