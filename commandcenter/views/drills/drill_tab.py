"""The drill tab of a workstation (演练): while a drill is on, the injects the
hall received (orders, messages, alarms, requests to change level) and the
drill's own cases, which no other queue tab lists (PRODUCT §6, isolation).

A case chosen here opens in the ordinary case panel, where the ordinary moves
apply to it; the drill's response is activated from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commandcenter.services.drills.api import drill_clock
from commandcenter.services.emergency.api import ACTIVATE_ROLES
from commandcenter.services.kernel.events import EntityKind
from commandcenter.views.kernel.coalesced_read import CoalescedRead
from commandcenter.views.kernel.domain_text import channel_text, state_text

if TYPE_CHECKING:
    from commandcenter.services.cases.api import CaseRow
    from commandcenter.services.container import Services
    from commandcenter.services.drills.api import DrillStatus, InjectMessage
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.views.kernel.change_hub import (
        CasesChanged,
        ChangeHub,
        EntitiesChanged,
    )
    from commandcenter.views.kernel.drill_banner import DrillWatch
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate


class DrillTab(QWidget):
    """The injects received and the drill's cases, for the drill that is on."""

    case_chosen = Signal(int)
    activate_requested = Signal()

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        hub: ChangeHub,
        watch: DrillWatch,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._drill: DrillStatus | None = None
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.activate = QPushButton(
            translate("Drill", "Activate the drill's response…")
        )
        self.activate.setVisible(actor.role in ACTIVATE_ROLES)
        self.activate.clicked.connect(self.activate_requested)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.activate)
        self.injects = QListWidget()
        self.injects.setWordWrap(True)
        self.cases = QTableWidget(0, 5)
        self.cases.setHorizontalHeaderLabels(
            [
                translate("Drill", "Number"),
                translate("Drill", "State"),
                translate("Drill", "Category"),
                translate("Drill", "Address"),
                translate("Drill", "Description"),
            ]
        )
        self.cases.horizontalHeader().setStretchLastSection(True)
        self.cases.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.cases.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.cases.verticalHeader().hide()
        self.cases.cellClicked.connect(self._clicked)
        split = QSplitter()
        split.addWidget(self.injects)
        split.addWidget(self.cases)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        self._queries = services.drill_queries
        self._reader = CoalescedRead(
            runner,
            "drill tab",
            self._read,
            self._arrived,
            parent=self,
        )
        watch.changed.connect(self.set_drill)
        hub.entities_changed.connect(self._on_entities)
        hub.cases_changed.connect(self._on_cases)
        self.row_ids: list[int] = []
        self._last_inject = 0
        """The event id of the newest inject listed: only newer ones are read."""

    def set_drill(self, status: DrillStatus | None) -> None:
        self._drill = status if status is not None and status.on else None
        if self._drill is None:
            self.title.clear()
            self.injects.clear()
            self.cases.setRowCount(0)
            self.row_ids = []
            self._last_inject = 0
            return
        mode = (
            translate("Drill", "unannounced")
            if self._drill.mode == "unannounced"
            else translate("Drill", "announced")
        )
        self.title.setText(f"{self._drill.title}（{mode}）")
        self._reader.request()

    def _read(self) -> tuple[int, list[InjectMessage], list[CaseRow]] | None:
        """On the worker: the drill's injects and cases (the drill as it was
        when asked; a reply for another drill is dropped on arrival)."""
        drill, queries, after = self._drill, self._queries, self._last_inject
        if drill is None:
            return None
        return drill.id, queries.injects(drill.id, after), queries.cases(drill.id)

    def _on_entities(self, change: EntitiesChanged) -> None:
        if change.kind is EntityKind.DRILL and self._drill is not None:
            self._reader.request()

    def _on_cases(self, _change: CasesChanged) -> None:
        if self._drill is not None:
            self._reader.request()

    def _arrived(
        self, found: tuple[int, list[InjectMessage], list[CaseRow]] | None
    ) -> None:
        if found is None or self._drill is None or found[0] != self._drill.id:
            return
        _drill_id, injects, cases = found
        for message in injects:  # only the new ones, each on top
            if message.event_id <= self._last_inject:
                continue
            self._last_inject = message.event_id
            lines = [
                f"{drill_clock(message.drill_t)}  [{channel_text(message.channel)}] "
                f"{message.title}"
            ]
            if message.to:
                lines.append(translate("Drill", "To: %1").replace("%1", message.to))
            if message.text:
                lines.append(message.text)
            if message.camera:
                lines.append(
                    translate("Drill", "Camera: %1").replace("%1", message.camera)
                )
            self.injects.insertItem(0, QListWidgetItem("\n".join(lines)))
        first_fill = not self.row_ids
        self.cases.setRowCount(len(cases))
        self.row_ids = [row.id for row in cases]
        for index, row in enumerate(cases):
            for column, text in enumerate(
                (
                    row.number,
                    state_text(row.state),
                    row.category_name,
                    row.address,
                    row.description,
                )
            ):
                self.cases.setItem(index, column, QTableWidgetItem(text))
        if first_fill and cases:  # sized once: measuring every row on every
            self.cases.resizeColumnsToContents()  # change stalls the window

    def _clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.row_ids):
            self.case_chosen.emit(self.row_ids[row])

    def stop(self) -> None:
        self._reader.stop()
