"""The incident command view (应急指挥): one tab per incident under way.

At the top the level bar (the plan's levels, the one in force in its colour;
raising or lowering shows what changes first), the time since activation and
the commands; then the area on the map with the places the plan calls on, the
task board by department with live countdowns, and the timeline (the
incident's events from the log) with the box for a log entry.

It reads its incident off the GUI thread when it opens and again after each
change to it the change hub reports (its own or another workstation's); the
countdowns move with a one-second tick, without reading.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from commandcenter.models.types import IncidentState, Role
from commandcenter.services.emergency.api import (
    IncidentMove,
    IncidentReport,
    TaskMove,
    build_incident_report,
    incident_moves,
    task_moves,
    write_incident_xlsx,
)
from commandcenter.services.kernel.changes import Changes
from commandcenter.services.kernel.events import EntityKind
from commandcenter.views.emergency.incident_report_pdf import write_incident_pdf
from commandcenter.views.emergency.replay_view import ReplayView
from commandcenter.views.emergency.task_board_widget import TaskBoard
from commandcenter.views.emergency.task_dialogs import (
    LevelChangeDialog,
    StandDownDialog,
)
from commandcenter.views.kernel.coalesced_read import CoalescedRead
from commandcenter.views.kernel.domain_text import (
    incident_state_text,
    level_text,
    state_text,
)
from commandcenter.views.kernel.level_colours import LEVEL_NUMERALS, level_colour
from commandcenter.views.kernel.operation_dialog import error_text
from commandcenter.views.kernel.timeline_text import timeline_line
from commandcenter.views.map.map_view import MapView

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QShowEvent

    from commandcenter.services.container import Services
    from commandcenter.services.emergency.api import (
        IncidentDetail,
        Level,
        LevelDiff,
        Replay,
        TaskRow,
        TimelineEntry,
    )
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.views.kernel.change_hub import ChangeHub, EntitiesChanged
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate
LINK_ROLE = Qt.ItemDataRole.UserRole + 1
"""A link line's (kind, id)."""


class IncidentView(QWidget):
    """One incident: level bar, map, task board, timeline."""

    cameras_to_wall = Signal(list)
    """Codes of the incident's cameras, for the video wall."""
    loaded = Signal()
    """The incident was read (first time and after each change)."""
    report_written = Signal(str)
    """The path of an incident report just written."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        hub: ChangeHub,
        incident_id: int,
        map_page: Callable[[], Path | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.runner = runner
        self.incident_id = incident_id
        self.detail: IncidentDetail | None = None
        self._allowed = set(incident_moves(actor.role, IncidentState.ACTIVE))
        self._map_page = map_page

        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.level_badge = QLabel()
        self.level_badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.level_badge.setMinimumWidth(120)
        self.elapsed = QLabel()
        self.level_buttons: dict[str, QPushButton] = {}
        self._level_key: tuple[object, ...] = ()
        self.level_bar = QHBoxLayout()
        self.level_bar.setSpacing(2)
        self.wall_button = QPushButton(translate("Incident", "Cameras to the wall"))
        self.wall_button.clicked.connect(self._cameras_to_wall)
        self.map_button = QPushButton(translate("Incident", "Show the area"))
        self.map_button.clicked.connect(self._fit_area)
        self.escalate_button = QPushButton(translate("Incident", "Escalate overdue"))
        self.escalate_button.clicked.connect(self.escalate_overdue)
        self.stand_down_button = QPushButton(translate("Incident", "Stand down…"))
        self.stand_down_button.clicked.connect(self.stand_down)
        self.report_button = QPushButton(translate("Incident", "Report…"))
        self.report_button.clicked.connect(self._choose_report)
        self.replay_button = QPushButton(translate("Incident", "Replay…"))
        self.replay_button.clicked.connect(self.open_replay)
        self.replay: ReplayView | None = None
        """The playback window, once opened."""
        header = QHBoxLayout()
        header.addWidget(self.level_badge)
        header.addWidget(self.title, 1)
        header.addLayout(self.level_bar)
        header.addWidget(self.elapsed)
        commands = QHBoxLayout()
        self.plan_label = QLabel()
        commands.addWidget(self.plan_label, 1)
        for button in (
            self.map_button,
            self.wall_button,
            self.escalate_button,
            self.stand_down_button,
            self.report_button,
            self.replay_button,
        ):
            commands.addWidget(button)

        self.map = MapView(self)
        self.map.ready.connect(self._draw_map)
        self.tasks = TaskBoard(
            services, actor, runner, self.moves_for, self._failed, parent=self
        )
        self.board = self.tasks.model

        self.timeline = QListWidget()
        # one line per entry, all of a height: a timeline of thousands of
        # entries scrolls to its end without measuring each (bench/emergency.py)
        self.timeline.setUniformItemSizes(True)
        self.log_entry = QLineEdit()
        self.log_entry.setPlaceholderText(
            translate("Incident", "Log entry: a call, an order, what was seen")
        )
        self.log_entry.returnPressed.connect(self.add_log_entry)
        self.log_button = QPushButton(translate("Incident", "Log"))
        self.log_button.clicked.connect(self.add_log_entry)
        log_row = QHBoxLayout()
        log_row.addWidget(self.log_entry, 1)
        log_row.addWidget(self.log_button)
        timeline = QWidget()
        timeline_column = QVBoxLayout(timeline)
        timeline_column.setContentsMargins(0, 0, 0, 0)
        timeline_column.addWidget(self.timeline, 1)
        timeline_column.addLayout(log_row)
        self.links = QListWidget()
        self.unlink_button = QPushButton(translate("Incident", "Unlink"))
        self.unlink_button.clicked.connect(self.unlink_selected)
        self.unlink_button.setVisible(IncidentMove.UNLINK in self._allowed)
        links = QWidget()
        links_column = QVBoxLayout(links)
        links_column.setContentsMargins(0, 0, 0, 0)
        links_column.addWidget(self.links, 1)
        links_column.addWidget(self.unlink_button)
        self.lower_tabs = QTabWidget()
        self.lower_tabs.setDocumentMode(True)
        self.lower_tabs.addTab(timeline, translate("Incident", "Timeline"))
        self.lower_tabs.addTab(links, translate("Incident", "Linked"))

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.tasks)
        right.addWidget(self.lower_tabs)
        right.setSizes([420, 300])
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(self.map)
        body.addWidget(right)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 3)
        body.setSizes([560, 840])
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(commands)
        layout.addWidget(body, 1)

        self.message = QLabel()
        layout.addWidget(self.message)

        self._last_event = 0
        self._reader = CoalescedRead(
            runner, "incident", self.read_now, self.apply, self._failed, self
        )
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        hub.entities_changed.connect(self._on_changed)
        QShortcut(QKeySequence("Ctrl+L"), self, self.log_entry.setFocus)
        self.log_entry.setEnabled(IncidentMove.LOG in self._allowed)
        self.log_button.setEnabled(IncidentMove.LOG in self._allowed)
        self.escalate_button.setVisible(IncidentMove.ESCALATE in self._allowed)
        self.stand_down_button.setVisible(IncidentMove.STAND_DOWN in self._allowed)

    # -- reading -----------------------------------------------------------------------

    def start(self) -> None:
        page = self._map_page()
        if page is not None:
            self.load_map(page)
        self.reload()
        self._tick.start()

    def load_map(self, page: Path) -> None:
        """Load the map page (once): the area is drawn when it is ready."""
        if self.map.url().isEmpty():
            self.map.load_page(page)

    def reload(self) -> None:
        """Read the incident again (now, or once more after the read under way)."""
        self._reader.request()

    def read_now(self) -> tuple[IncidentDetail, list[TimelineEntry]]:
        """The incident and its timeline since the last entry shown (on the
        worker: a timeline of thousands of entries is read once)."""
        queries = self.services.incident_queries
        return (
            queries.detail(self.incident_id),
            queries.timeline(self.incident_id, after=self._last_event),
        )

    def _on_changed(self, change: EntitiesChanged) -> None:
        if change.kind is EntityKind.INCIDENT and (
            change.everything or self.incident_id in change.ids
        ):
            self.reload()

    def apply(self, loaded: tuple[IncidentDetail, list[TimelineEntry]]) -> None:
        """Show a fresh read: the board, the new timeline lines, the header."""
        detail, timeline = loaded
        first = self.detail is None
        self.detail = detail
        self.tasks.load(detail.tasks)
        tasks = {task.id: task for task in detail.tasks}
        zone = self.services.calendars.get().zone
        fresh = [e for e in timeline if e.id > self._last_event]
        self.timeline.addItems([timeline_line(e, tasks, zone) for e in fresh])
        if fresh:
            self._last_event = fresh[-1].id
            self.timeline.scrollToBottom()
        self._show_header(detail)
        self._show_links(detail)
        self.tasks.offer_moves()
        if first or self.map.is_ready:
            self._draw_map()
        self.message.clear()
        self.loaded.emit()

    def _failed(self, error: Exception) -> None:
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(error_text(error))

    def _show_header(self, detail: IncidentDetail) -> None:
        level = detail.level.value
        ended = detail.state is not IncidentState.ACTIVE
        self.title.setText(f"{detail.number}  {detail.title}")
        self.level_badge.setText(
            incident_state_text(detail.state.value) if ended else level_text(level)
        )
        colour = "#757575" if ended else level_colour(level)
        self.level_badge.setStyleSheet(
            f"background: {colour}; color: white; font-weight: bold; padding: 4px 8px;"
        )
        self.plan_label.setText(
            translate("Incident", "Plan %1 %2 · commander %3")
            .replace("%1", detail.plan_title)
            .replace("%2", detail.plan_version)
            .replace("%3", detail.commander)
        )
        may_change = IncidentMove.RAISE in self._allowed and not ended
        self._level_bar(detail, may_change)
        for button, move in (
            (self.escalate_button, IncidentMove.ESCALATE),
            (self.stand_down_button, IncidentMove.STAND_DOWN),
            (self.log_button, IncidentMove.LOG),
        ):  # by the role, not by whether the tab happens to be shown
            button.setEnabled(not ended and move in self._allowed)
        self.log_entry.setEnabled(not ended and IncidentMove.LOG in self._allowed)
        self._on_tick()

    def _show_links(self, detail: IncidentDetail) -> None:
        """The linked cases and cameras, one line each, the count on the tab."""
        self.links.clear()
        case_word = translate("Incident", "case")
        camera_word = translate("Incident", "camera")
        for case in detail.cases:
            item = QListWidgetItem(
                f"{case_word} {case.number} · "
                f"{state_text(case.state)} · {case.description}"
            )
            item.setData(LINK_ROLE, ("case", case.id))
            self.links.addItem(item)
        for camera in detail.cameras:
            item = QListWidgetItem(f"{camera_word} {camera.code} · {camera.name}")
            item.setData(LINK_ROLE, ("camera", camera.id))
            self.links.addItem(item)
        self.lower_tabs.setTabText(
            1,
            translate("Incident", "Linked (%1)").replace(
                "%1", str(len(detail.cases) + len(detail.cameras))
            ),
        )
        self.unlink_button.setEnabled(detail.state is IncidentState.ACTIVE)

    def unlink_selected(self) -> None:
        item = self.links.currentItem()
        if item is None:
            return
        kind, target = item.data(LINK_ROLE)
        actor, incidents, incident_id = (
            self.actor,
            self.services.incidents,
            self.incident_id,
        )
        self.runner.mutate(
            translate("Incident", "Unlink"),
            lambda: incidents.unlink(actor, incident_id, kind, target),
            failed=self._failed,
        )

    def _level_bar(self, detail: IncidentDetail, may_change: bool) -> None:
        """One button per level of the plan, the one in force in its colour;
        built again only when the level or what may be done changes."""
        key = (detail.levels, detail.level, may_change)
        if key == self._level_key:
            return
        self._level_key = key
        for button in self.level_buttons.values():
            self.level_bar.removeWidget(button)
            button.deleteLater()
        self.level_buttons = {}
        for plan_level in detail.levels:
            button = QPushButton(LEVEL_NUMERALS.get(plan_level.value, plan_level.value))
            button.setToolTip(level_text(plan_level.value))
            button.setFixedWidth(44)
            if plan_level is detail.level:
                button.setStyleSheet(
                    f"background: {level_colour(plan_level.value)}; color: white;"
                    " font-weight: bold;"
                )
            button.setEnabled(may_change and plan_level is not detail.level)
            button.clicked.connect(partial(self.change_level, plan_level))
            self.level_bar.addWidget(button)
            self.level_buttons[plan_level.value] = button

    def _draw_map(self) -> None:
        if self.detail is None:
            return
        self.map.show_incidents([self.detail])
        self.map.show_markers([])
        self.map.show_cameras(
            [
                {"id": c.id, "code": c.code, "name": c.name, "lon": c.lon, "lat": c.lat}
                for c in self.detail.cameras
            ]
        )
        self.map.fit_area(self.detail.area)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Fit the area again when the tab comes to the front: fitted while the
        tab was hidden, the map had no size and zoomed in all the way."""
        super().showEvent(event)
        QTimer.singleShot(100, self._fit_area)  # once the page has its size

    def _fit_area(self) -> None:
        if self.detail is not None:
            self.map.fit_area(self.detail.area)

    def _on_tick(self) -> None:
        self.board.tick()
        detail = self.detail
        if detail is None:
            return
        end = detail.stood_down_at or self.services.clock()
        minutes = int((end - detail.activated_at).total_seconds() // 60)
        done, open_tasks, late = detail.counts(self.board.now())
        self.elapsed.setText(
            translate("Incident", "%1 min · %2 done · %3 open · %4 overdue")
            .replace("%1", str(minutes))
            .replace("%2", str(done))
            .replace("%3", str(open_tasks))
            .replace("%4", str(late))
        )

    # -- the tasks ---------------------------------------------------------------

    def moves_for(self, task: TaskRow) -> tuple[TaskMove, ...]:
        """What this user may do to the task now (the service checks again)."""
        if self.detail is None or self.detail.state is not IncidentState.ACTIVE:
            return ()
        if (
            self.actor.role is Role.HANDLER
            and task.department_id != self.actor.department_id
        ):
            return ()
        return task_moves(self.actor.role, task.state)

    # -- the incident's commands ------------------------------------------------------

    def add_log_entry(self) -> None:
        text = self.log_entry.text()
        if not text.strip():
            return
        actor, incidents, incident_id = (
            self.actor,
            self.services.incidents,
            self.incident_id,
        )
        self.runner.mutate(
            translate("Incident", "Log"),
            lambda: incidents.log(actor, incident_id, text),
            done=lambda _changes: self.log_entry.clear(),
            failed=self._failed,
        )

    def change_level(self, level: Level) -> None:
        detail = self.detail
        if detail is None:
            return
        incidents, incident_id = self.services.incidents, self.incident_id
        version = detail.version

        def open_dialog(change: LevelDiff) -> None:
            dialog = LevelChangeDialog(
                self.runner,
                self.services,
                self.actor,
                (incident_id, version),
                change,
                self,
            )
            dialog.open()

        self.runner.query(
            "preview",
            lambda: incidents.preview(incident_id, level),
            open_dialog,
            self._failed,
        )

    def escalate_overdue(self) -> None:
        actor, incidents, incident_id = (
            self.actor,
            self.services.incidents,
            self.incident_id,
        )

        def escalate() -> Changes:
            # nothing late: no event, and nothing for the hub to publish
            return incidents.escalate_overdue(actor, incident_id) or Changes(
                frozenset()
            )

        self.runner.mutate(
            translate("Incident", "Escalate overdue"), escalate, failed=self._failed
        )

    def stand_down(self) -> None:
        if self.detail is None:
            return
        dialog = StandDownDialog(
            self.runner,
            self.services,
            self.actor,
            (self.incident_id, self.detail.version),
            self,
        )
        dialog.open()

    def _choose_report(self) -> None:
        name = f"incident-{self.detail.number if self.detail else self.incident_id}"
        path, _ = QFileDialog.getSaveFileName(
            self,
            translate("Incident", "Incident report"),
            f"{name}.pdf",
            translate("Incident", "PDF (*.pdf);;Excel workbook (*.xlsx)"),
        )
        if path:
            self.write_report(Path(path))

    def write_report(self, path: Path) -> None:
        """The incident report as it stands now: read on the database worker,
        written on the I/O pool — the PDF too (Qt paints text documents on
        images and PDF writers in any thread), so a long report never holds
        the window. The status line says where it went."""
        queries, clock = self.services.incident_queries, self.services.clock
        zone = self.services.calendars.get().zone
        incident_id = self.incident_id

        def read() -> IncidentReport:
            return build_incident_report(queries, incident_id, clock(), zone)

        def write(report: IncidentReport) -> None:
            if path.suffix.lower() == ".xlsx":
                write_incident_xlsx(report, path)
            else:
                write_incident_pdf(report, path)

        def then_write(report: IncidentReport) -> None:
            self.runner.io(
                "incident report",
                lambda: write(report),
                lambda _none: self._report_written(path),
                self._failed,
            )

        self.runner.query("incident report", read, then_write, self._failed)

    def open_replay(self) -> None:
        """The incident played back in a window of its own, read once."""
        queries, incident_id = self.services.incident_queries, self.incident_id
        self.runner.query(
            "incident replay",
            lambda: queries.replay(incident_id),
            self._replay_read,
            self._failed,
        )

    def _replay_read(self, replay: Replay) -> None:
        if self.replay is not None:
            self.replay.close()
        self.replay = ReplayView(
            replay,
            self.detail,
            self._map_page(),
            self.services.calendars.get().zone,
        )
        self.replay.resize(1400, 860)
        self.replay.show()

    def _report_written(self, path: Path) -> None:
        self.message.setStyleSheet("")
        self.message.setText(
            translate("Incident", "Report written to %1").replace("%1", str(path))
        )
        self.report_written.emit(str(path))

    def _cameras_to_wall(self) -> None:
        if self.detail is not None and self.detail.cameras:
            self.cameras_to_wall.emit([camera.code for camera in self.detail.cameras])

    def stop(self) -> None:
        self._tick.stop()
        self._reader.stop()
        if self.replay is not None:
            self.replay.close()
