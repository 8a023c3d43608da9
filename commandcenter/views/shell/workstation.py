"""The operator workstation: the live grid map in the middle, the case queue, the
case panel and the video wall in docks, a status bar, and every case move as a
QAction.

Data flow (ARCHITECTURE.md §2-3): one task runner for all database work, one feed
bridge for all changes. When events arrive, the window reads the changed cases
once and hands the snapshots to the queue (in place), the map (one small message
per case) and the panel (if it shows one of them). Nothing polls the database.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QBuffer,
    QCoreApplication,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QGuiApplication, QImage
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QWidget,
)

from commandcenter.models.types import CaseState
from commandcenter.services.cases.api import (
    MapLayers,
    markers,
)
from commandcenter.services.kernel.events import EntityKind
from commandcenter.services.kernel.work_calendar import DeadlineStatus
from commandcenter.views.cases.case_panel import CasePanel
from commandcenter.views.cases.case_queue_widget import CaseQueueWidget
from commandcenter.views.cases.contact_reveal import RevealDialog
from commandcenter.views.cases.move_controller import MoveController
from commandcenter.views.cases.new_case_controller import NewCaseController
from commandcenter.views.kernel.domain_text import role_text
from commandcenter.views.kernel.operation_dialog import error_text
from commandcenter.views.kernel.settings import setting_int
from commandcenter.views.map.map_page import build_map_page
from commandcenter.views.map.map_view import MapView, use_tiles
from commandcenter.views.shell.admin_wiring import AdminParts
from commandcenter.views.shell.command_palette import CommandPalette
from commandcenter.views.shell.drill_wiring import wire_drills
from commandcenter.views.shell.emergency_wiring import (
    department_tasks_dock,
    wire_emergency,
)
from commandcenter.views.shell.urgent_sound import urgent_sound
from commandcenter.views.shell.workstation_actions import (
    Commands,
    WorkstationActions,
)
from commandcenter.views.statistics.statistics_view import StatisticsView
from commandcenter.views.video.camera_tree import CameraTree
from commandcenter.views.video.video_wall import (
    DEFAULT_DECODERS,
    VideoWall,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.cameras.api import (
        CameraInfo,
    )
    from commandcenter.services.cases.api import (
        CaseDetail,
        CaseRow,
        Move,
    )
    from commandcenter.services.container import Services
    from commandcenter.services.kernel.auth import Actor
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.views.cases.new_case_dialog import NewCaseDialog
    from commandcenter.views.kernel.change_hub import (
        CasesChanged,
        ChangeHub,
        EntitiesChanged,
    )
    from commandcenter.views.kernel.task_runner import Task, TaskRunner
    from commandcenter.views.map.tile_source import TileSource

translate = QCoreApplication.translate


FIRST_RUN_ROWS = 12
"""Queue rows a first run shows at least (PRODUCT §2: readable at a glance)."""
QUEUE_CHROME_PX = 120
"""The queue dock's title, tabs, filters and header, before it is laid out."""
PANEL_SHARE = 0.27
"""The case panel's share of the width on a first run; the map has the rest."""
DESK_ENDED_HOURS = 24
"""Hours an ended case stays on the desk unless the settings say otherwise."""


class Workstation(QMainWindow):
    """One operator's window onto one database."""

    loaded = Signal()
    """The queue is filled and the map shows the open cases: the window is usable."""

    def __init__(
        self,
        services: Services,
        actor: Actor,
        runner: TaskRunner,
        hub: ChangeHub,
        settings: QSettings,
        tiles: TileSource | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.actor = actor
        self.runner = runner
        self.hub = hub
        self.settings = settings
        self._tiles = tiles
        if tiles is not None:
            use_tiles(tiles)
        self._page_dir = Path(tempfile.mkdtemp(prefix="cc-map-"))
        self._page_version = 0
        self._map_rewrite: Task | None = None
        """The map page being written again after a territory import."""
        self._stopped = False
        self._queue_loaded = False
        self._select_on_arrival: int | None = None
        self.setWindowTitle(
            translate("Workstation", "Grid management command center — %1").replace(
                "%1", actor.display_name
            )
        )

        self.map = MapView(self)
        self.statistics = StatisticsView(services, runner, hub, self)
        self.centre = QTabWidget(self)
        self.centre.setDocumentMode(True)
        self.centre.addTab(self.map, translate("Workstation", "Map"))
        self.centre.addTab(self.statistics, translate("Workstation", "Statistics"))
        # the statistics page's charts would claim ~450 px of height even while
        # the map tab shows, and squeeze the queue on a 768-line screen
        self.centre.setMinimumSize(320, 200)
        self.setCentralWidget(self.centre)
        self.queue = CaseQueueWidget(services.clock, self)
        self.panel = CasePanel(runner, services.details, self)
        self.queue_dock = self.dock(
            "queue", translate("Workstation", "Case queue"), self.queue
        )
        self.panel_dock = self.dock(
            "panel", translate("Workstation", "Case"), self.panel
        )
        self.wall = VideoWall(
            services.clock,
            setting_int(settings, "videowall/max_decoders", DEFAULT_DECODERS),
        )
        self.camera_tree = CameraTree()
        wall_split = QSplitter()
        wall_split.addWidget(self.camera_tree)
        wall_split.addWidget(self.wall)
        wall_split.setStretchFactor(1, 1)
        wall_split.setSizes([180, 720])
        # its buttons would make the wall's tab as wide as 850 px and so the
        # case panel beside the map; the wall is mostly popped out anyway
        wall_split.setMinimumWidth(320)
        self.wall_dock = self.dock(
            "wall", translate("Workstation", "Video wall"), wall_split
        )
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.queue_dock)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel_dock)
        self.tabifyDockWidget(self.panel_dock, self.wall_dock)
        self.panel_dock.raise_()

        self.map_page: Path | None = None
        self.emergency = wire_emergency(self)
        self.incident_tasks = department_tasks_dock(self)
        self.drills = wire_drills(self)
        self.admin = AdminParts(self)
        self.moves = MoveController(services, actor, runner, self.panel, self)
        self.new_cases = NewCaseController(services, actor, runner, self)
        self.key_actions = WorkstationActions(
            self,
            Commands(
                run_move=self.run_move,
                new_case=lambda: self.open_new_case(),
                palette=self.open_palette,
                search=self._focus_search,
                all_grids=lambda: self.queue.narrow_grid(None),
                statistics=self.show_statistics,
                district=self.show_district,
                quit=self.close,
            ),
            muted=self.settings.value("alerts/muted", "false") == "true",
            extra_view=(
                self.queue_dock.toggleViewAction(),
                self.panel_dock.toggleViewAction(),
                self.wall_dock.toggleViewAction(),
                self.wall.snapshot_action,
                self.emergency.activate_action,
                self.emergency.link_action,
            ),
        )
        self.move_actions = self.key_actions.moves
        self.panel.set_actions(self.move_actions)
        self._make_status_bar()
        self._sound = urgent_sound(self)

        self.queue.case_selected.connect(self.show_case)
        self.map.case_clicked.connect(self._case_clicked)
        self.map.grid_clicked.connect(self.queue.narrow_grid)
        self.map.location_picked.connect(self.new_cases.set_picked)
        self.new_cases.pick_requested.connect(self.map.pick_location)
        self.new_cases.case_saved.connect(self._new_case_saved)
        self.moves.message.connect(self._show_message)
        self.moves.case_stale.connect(self.show_case)
        self.panel.duplicate_activated.connect(self._case_clicked)
        self.panel.reveal_requested.connect(self._reveal_contact)
        self.panel.camera_activated.connect(self._camera_activated)
        self.panel.cameras_to_wall.connect(self.show_on_wall)
        self.map.camera_clicked.connect(self._map_camera_clicked)
        self.camera_tree.camera_activated.connect(self.wall.play_focused)
        self.wall.snapshot_taken.connect(self._snapshot_taken)
        self.wall.pop_out_requested.connect(self.pop_out_wall)
        self.statistics.department_chosen.connect(self.show_department)
        runner.task_failed.connect(self._task_failed)
        runner.set_follow_up(self._changed_rows)
        hub.cases_changed.connect(self._on_cases_changed)
        hub.entities_changed.connect(self._on_entities_changed)
        hub.connection_changed.connect(self._set_connected)

        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)
        # ended cases leave the desk `desk/ended_hours` after they ended (24 by
        # default), so a desk left open for a week holds what it held on day one
        self._linger = timedelta(
            hours=setting_int(settings, "desk/ended_hours", DESK_ENDED_HOURS)
        )
        self._prune = QTimer(self)
        self._prune.setInterval(60_000)
        self._prune.timeout.connect(self.tidy_desk)
        self._blink = QTimer(self)
        self._blink.setInterval(500)
        self._blink.timeout.connect(self.queue.model.blink)
        self.map.ready.connect(self._check_loaded)

    # -- building --------------------------------------------------------------------

    def dock(self, name: str, title: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # saveState needs names
        dock.setWidget(widget)
        return dock

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.connection_label = QLabel(self)
        self.counts_label = QLabel(self)
        actor = self.actor
        user = QLabel(
            f"{actor.display_name} ({actor.username}) · {role_text(actor.role)}", self
        )
        database = QLabel(self.services_label(), self)
        self.busy = QProgressBar(self)  # work past half a second, no percentage
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setFormat(translate("Workstation", "Working…"))
        self.busy.setTextVisible(True)
        self.busy.hide()
        bar.addPermanentWidget(self.busy)
        for label in (self.counts_label, user, database, self.connection_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
            bar.addPermanentWidget(label)
        self._set_connected(True)
        self.runner.slow.connect(self._show_busy)

    def _show_busy(self, name: str | None) -> None:
        """Work has run past half a second, or is over (the task's name is
        internal, for the log, not for the operator)."""
        self.busy.setVisible(name is not None)

    def services_label(self) -> str:
        return translate("Workstation", "Database: %1").replace(
            "%1", self._database_label()
        )

    def _database_label(self) -> str:
        url = self.services.db.engine.url
        if url.get_backend_name() == "sqlite":
            return Path(url.database or "").name or "sqlite"
        return f"{url.get_backend_name()}://{url.host}/{url.database}"

    # -- start and stop --------------------------------------------------------------

    def start(self) -> None:
        """Restore the layout, load the desk and the map, then follow the feed."""
        geometry = self.settings.value("window/geometry")
        if geometry:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state:
            self.restoreState(state)
        else:
            self.lay_out_first_time()
        services = self.services

        def desk() -> tuple[int, list[CaseRow]]:
            newest = services.events.newest_id()  # first: nothing can fall between
            return newest, services.queries.desk(self._linger)

        self.runner.query("desk", desk, self._desk_loaded)
        self.runner.query(
            "filters", services.details.filter_choices, self._choices_loaded
        )
        self.runner.io("map page", self._write_map_page, self._map_page_written)
        self.runner.query("cameras", services.cameras.cameras, self._cameras_loaded)
        self._tick.start()
        self._prune.start()
        self._blink.start()
        self.emergency.start()
        self.drills.start()

    def _write_map_page(self) -> Path:
        self._page_version += 1  # a new name: no engine cache serves the old page
        path = self._page_dir / f"map-{self._page_version}.html"
        path.write_text(
            build_map_page(MapLayers(self.services.db), self._tiles),
            encoding="utf-8",
        )
        return path

    def _on_entities_changed(self, change: EntitiesChanged) -> None:
        """Territory imported (here or on another machine): the map is drawn
        again with it, keeping what it showed. A stopped window draws no
        more (its pending page is cancelled in `stop`)."""
        if change.kind is not EntityKind.AREA or self.map_page is None:
            return
        if self._stopped:
            return
        if self._map_rewrite is not None:
            self._map_rewrite.cancel()  # a newer import: one page for both
        self._map_rewrite = self.runner.io(
            "map page", self._catch_up_and_write, self._map_page_rewritten
        )

    def _catch_up_and_write(self) -> Path:
        """The new territory in this process's grid index too (a click on the
        map and the new-case dialog find its grids), then in the page."""
        with self.services.db.read() as session:
            self.services.territory.catch_up(session)
        return self._write_map_page()

    def _map_page_rewritten(self, path: Path) -> None:
        old, self.map_page = self.map_page, path
        self.map.reload_page(path)
        if old is not None and old != path:
            old.unlink(missing_ok=True)

    def _map_page_written(self, path: Path) -> None:
        self.map_page = path
        self.map.load_page(path)
        self.emergency.map_page_ready(path)

    def _desk_loaded(self, loaded: tuple[int, list[CaseRow]]) -> None:
        newest, rows = loaded
        self.queue.load(rows)
        self.map.show_markers(markers(rows, self.queue.model.now()))
        self._queue_loaded = True
        self._on_tick()
        self.hub.start(newest)
        self._check_loaded()

    def _choices_loaded(self, choices: Any) -> None:
        self.queue.set_choices(choices)
        self.queue.restore_state(self.settings)
        self.wall.set_zone(choices.zone)

    def _cameras_loaded(self, cameras: list[CameraInfo]) -> None:
        self.map.show_cameras(
            [
                {"id": c.id, "code": c.code, "name": c.name, "lon": c.lon, "lat": c.lat}
                for c in cameras
            ]
        )
        self.camera_tree.set_cameras(cameras)
        self.wall.set_cameras(cameras)
        self.wall.restore_settings(self.settings)

    def lay_out_first_time(self) -> None:
        """No saved layout (a first run): the map takes most of the width, the
        case panel the rest, and the queue below shows at least `FIRST_RUN_ROWS`
        rows (or 40 % of the height if that is more). Sized from the window as
        it is shown (the shell maximises it on the available screen)."""
        queue, table = self.queue, self.queue.table
        rows = FIRST_RUN_ROWS * table.verticalHeader().defaultSectionSize()
        chrome = (
            self.queue_dock.height() - table.viewport().height()
            if table.viewport().height() > 0
            else QUEUE_CHROME_PX
        )
        height = max(rows + chrome, int(self.height() * 0.4))
        self.resizeDocks([self.queue_dock], [height], Qt.Orientation.Vertical)
        width = int(self.width() * PANEL_SHARE)
        self.resizeDocks([self.panel_dock], [width], Qt.Orientation.Horizontal)
        queue.table.scrollToTop()

    def _check_loaded(self) -> None:
        if self._queue_loaded and self.map.is_ready:
            self.map.show_district()  # fitted to the map's size as laid out
            self.loaded.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue(
            "alerts/muted", "true" if self.key_actions.mute.isChecked() else "false"
        )
        self.queue.save_state(self.settings)
        self.wall.save_settings(self.settings)
        self.settings.sync()
        self.stop()
        shutil.rmtree(self._page_dir, ignore_errors=True)  # the page is loaded
        super().closeEvent(event)

    def stop(self) -> None:
        """Stop the clocks and the video (the window may still be shown); the
        change hub is the process's, stopped by the composition root."""
        self._stopped = True
        if self._map_rewrite is not None:
            self._map_rewrite.cancel()
        self._tick.stop()
        self._prune.stop()
        self._blink.stop()
        self.wall.stop()
        self.emergency.stop()
        self.drills.stop()
        self.admin.stop()

    # -- live updates ----------------------------------------------------------------

    def _on_cases_changed(self, change: CasesChanged) -> None:
        """Cases changed, here or elsewhere (the hub says each change once): the
        rows read with this window's own change, or fresh ones from the worker."""
        if change.rows is not None:
            self.apply_rows(list(change.rows), change.reported)
            return
        ids = list(change.ids)
        self.runner.query(
            "changed cases",
            lambda: self.services.queries.by_ids(ids),
            lambda rows: self.apply_rows(rows, change.reported),
        )

    def _changed_rows(self, changes: Changes) -> list[CaseRow]:
        """On the worker, right after this window's own operation committed."""
        return self.services.queries.by_ids(
            sorted(changes.ids.get(EntityKind.CASE, ()))
        )

    def apply_rows(self, rows: list[CaseRow], reported: frozenset[int]) -> None:
        """Fresh snapshots of changed cases: into the queue, the map and the panel.
        A case that ended long ago (closed elsewhere, weeks after it was last on
        this desk) updates its row if the desk has one, and is not added."""
        now, model = self.queue.model.now(), self.queue.model
        rows = [
            row
            for row in rows
            if not row.is_drill
            and (row.on_desk(now, self._linger) or model.row_of(row.id) is not None)
        ]
        self.queue.upsert(rows)
        waiting = self._select_on_arrival
        if waiting is not None and any(row.id == waiting for row in rows):
            self._select_on_arrival = None
            self.queue.select_case(waiting)
        self.map.update_cases(rows, self.queue.model.now())
        urgent = [r.id for r in rows if r.id in reported and r.priority == 1]
        if urgent:
            self.queue.model.flash(urgent)
            if not self.key_actions.mute.isChecked() and self._sound is not None:
                self._sound.play()
        shown = self.panel.detail
        if shown is not None and any(row.id == shown.row.id for row in rows):
            self.show_case(shown.row.id)
        self._on_tick()

    def tidy_desk(self) -> int:
        """Let cases that ended longer ago than `desk/ended_hours` leave the
        queue (every minute); returns how many left."""
        return self.queue.prune(self._linger)

    def _on_tick(self) -> None:
        model = self.queue.model
        relit = self.queue.tick()
        if relit:  # the map's markers follow the clock as the queue's lights do
            self.map.update_cases(relit, model.now())
        reported = overdue = 0
        now = model.now()
        for position in range(model.rowCount()):
            row = model.snapshot(position)
            reported += row.state is CaseState.REPORTED
            overdue += row.deadline_status(now) is DeadlineStatus.RED
        self.counts_label.setText(
            translate("Workstation", "To register %1 · overdue %2")
            .replace("%1", str(reported))
            .replace("%2", str(overdue))
        )

    def _set_connected(self, connected: bool) -> None:
        self.connection_label.setText(
            translate("Workstation", "● online")
            if connected
            else translate("Workstation", "○ reconnecting…")
        )
        self.connection_label.setStyleSheet(
            "color: #2e7d32;" if connected else "color: #c62828; font-weight: 600;"
        )

    # -- selection -------------------------------------------------------------------

    def show_case(self, case_id: int) -> None:
        """Show a case in the panel and on the map."""
        self.runner.query(
            "case detail",
            lambda: self.services.details.detail(self.actor, case_id),
            self._detail_loaded,
        )
        self.map.select_case(case_id)

    def _detail_loaded(self, detail: CaseDetail) -> None:
        self.panel.show_detail(detail)
        for move, action in self.move_actions.items():
            action.setEnabled(move in detail.moves)

    def _reveal_contact(self, case_id: int) -> None:
        """Ask why, reveal the reporter's contact (an audited event), show it
        in the panel for a while."""
        detail = self.panel.detail
        if detail is None or detail.row.id != case_id:
            return
        dialog = RevealDialog(
            self.runner,
            detail.row.number,
            partial(self.services.details.reveal_contact, self.actor, case_id),
            self,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.contact:
            self.panel.show_contact(case_id, dialog.contact)

    def _case_clicked(self, case_id: int) -> None:
        if not self.queue.select_case(case_id):
            self.show_case(case_id)

    def _new_case_saved(self, case_id: int) -> None:
        """Show the new case at once; the queue selects it as soon as its row is
        there (with this window's change, or a moment later when the feed was
        quicker and the row is still being read)."""
        if not self.queue.select_case(case_id):
            self._select_on_arrival = case_id
            self.show_case(case_id)

    # -- video -----------------------------------------------------------------------

    def _camera_activated(self, code: str) -> None:
        """A camera of the shown case: on the focused tile, and where it is."""
        self.show_on_wall([code])
        camera = self.wall.cameras.get(code)
        if camera is not None:
            self.map.fly_to(camera.lon, camera.lat, 18)

    def _map_camera_clicked(self, camera_id: int) -> None:
        camera = next(
            (c for c in self.wall.cameras.values() if c.id == camera_id), None
        )
        if camera is not None:
            self.show_on_wall([camera.code])

    def show_on_wall(self, codes: list[str]) -> None:
        self.wall_dock.show()
        self.wall_dock.raise_()
        if len(codes) == 1:
            self.wall.play_focused(codes[0])
        else:
            self.wall.show_cameras(codes)

    def show_department(self, code: str) -> None:
        """A department picked in the statistics: its cases in the queue."""
        if self.queue.narrow_department(code):
            self.queue_dock.show()
            self.queue_dock.raise_()

    def show_district(self) -> None:
        self.centre.setCurrentWidget(self.map)
        self.map.show_district()

    def show_statistics(self) -> None:
        self.centre.setCurrentWidget(self.statistics)

    def pop_out_wall(self) -> None:
        """The wall in a window of its own, on another screen when there is one."""
        dock = self.wall_dock
        dock.show()
        dock.setFloating(True)
        screens = QGuiApplication.screens()
        mine = self.screen()
        other = next((s for s in screens if s is not mine), mine)
        dock.setGeometry(other.availableGeometry().adjusted(40, 40, -40, -40))
        dock.raise_()

    def _snapshot_taken(self, camera: CameraInfo, image: QImage) -> None:
        buffer = QBuffer()
        buffer.open(QBuffer.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")  # type: ignore[call-overload]  # stubs say bytes
        png = bytes(buffer.data().data())
        taken = self.services.clock().strftime("%Y%m%dT%H%M%SZ")
        self.open_new_case(lambda dialog: dialog.add_snapshot(camera, png, taken))

    # -- moves and new cases -------------------------------------------------------

    def run_move(self, move: Move) -> None:
        """Run a move on the shown case (the move controller asks what it needs)."""
        self.moves.run_move(move)

    def open_new_case(
        self, prepare: Callable[[NewCaseDialog], None] | None = None
    ) -> None:
        """Open the new-case dialog (or raise the open one), then `prepare` it."""
        self.new_cases.open(prepare)

    def _task_failed(self, name: str, error: Exception) -> None:
        self.statusBar().showMessage(f"{name}: {error_text(error)}", 15_000)

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 15_000)

    # -- the palette -------------------------------------------------------------------

    def open_palette(self) -> None:
        palette = CommandPalette(self.key_actions.palette_entries(), self)
        palette.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        palette.open()

    def _focus_search(self) -> None:
        self.queue_dock.show()
        self.queue.search.setFocus()
        self.queue.search.selectAll()
