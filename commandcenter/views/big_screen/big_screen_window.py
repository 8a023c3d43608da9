"""The big screen (大屏): an unattended, full-screen, dark view of the district.

Counters for today against yesterday, the hourly trend against the 30-day mean,
the live map in display mode, the department league, the newest cases, the
streets and four video tiles, placed by a layout (`layout.py`: one
16:9 screen by default, or a 3x3 LCD wall). Nothing here asks anything of
anyone: no dialog ever opens. Changes arrive through the feed bridge: changed
cases go onto the map one by one, and the numbers are coalesced into one
snapshot read at most four times a second. When the database stops answering a
"reconnecting" badge shows, the last picture stays, and the wall catches up by
itself when it answers again. Type scales with the screen's height so that it
reads from 10 m.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from commandcenter.services.cases.api import (
    CaseFilter,
    MapLayers,
    markers,
)
from commandcenter.services.evaluation.api import (
    WallSnapshot,
    take_snapshot,
)
from commandcenter.services.kernel.events import EntityKind
from commandcenter.views.big_screen.incident_board import LATEST_LINES, IncidentBoard
from commandcenter.views.big_screen.layout import DEFAULT_LAYOUT, load_layout
from commandcenter.views.big_screen.panels import (
    BACKGROUND,
    TEXT,
    CounterGrid,
    StreetBars,
    TrendChart,
    WallCounter,
    WallHeader,
    WallPanel,
    rate_text,
)
from commandcenter.views.kernel.domain_text import state_text
from commandcenter.views.kernel.drill_banner import DrillBanner, DrillWatch
from commandcenter.views.kernel.operation_dialog import error_text
from commandcenter.views.map.map_page import build_map_page
from commandcenter.views.map.map_view import MapView
from commandcenter.views.video.video_wall import VideoWall

if TYPE_CHECKING:
    from PySide6.QtGui import QResizeEvent

    from commandcenter.services.cameras.api import (
        CameraInfo,
    )
    from commandcenter.services.cases.api import (
        CaseRow,
    )
    from commandcenter.services.container import Services
    from commandcenter.services.emergency.api import IncidentDetail, TimelineEntry
    from commandcenter.services.evaluation.api import (
        KpiRow,
    )
    from commandcenter.views.big_screen.layout import WallLayout
    from commandcenter.views.kernel.change_hub import (
        CasesChanged,
        ChangeHub,
        EntitiesChanged,
    )
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate
REFRESH_MS = 250  # at most 4 snapshot reads a second, however busy the feed
RETRY_MS = 2000
VIDEO_TILES = 4


class BigScreenWindow(QWidget):
    """The whole wall; `start()` loads it and follows the feed."""

    refreshed = Signal()
    """A snapshot was applied (tests wait for it)."""

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        hub: ChangeHub,
        height: int = 1080,
        layout: WallLayout | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.runner = runner
        self.hub = hub
        self._started_once = False
        self._map_page_asked = False
        self.unit = max(12, height // 56)
        self.layout_spec = layout or load_layout(DEFAULT_LAYOUT)
        self.snapshot: WallSnapshot | None = None
        self.connected = True
        self._zone = ZoneInfo("Asia/Shanghai")
        self._page_dir = Path(tempfile.mkdtemp(prefix="cc-wall-"))
        self.setWindowTitle(translate("WallDisplay", "Command center wall"))
        self.setObjectName("wall")
        # the background on the window only: labels stay transparent on panels
        self.setStyleSheet(
            f"#wall {{ background: {BACKGROUND}; }} QLabel {{ color: {TEXT}; }}"
        )
        self.setCursor(Qt.CursorShape.BlankCursor)

        unit = self.unit
        self.header = WallHeader(unit)
        self.badge, self.clock = self.header.badge, self.header.clock
        self.counters = {
            key: WallCounter(name, unit) for key, name in self._counter_names()
        }
        self.trend = TrendChart(unit)
        self.map = MapView(self)
        self.league = QLabel()
        self.newest = QLabel()
        for label in (self.league, self.newest):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.setStyleSheet(f"font-size: {int(unit * 0.95)}px; color: {TEXT};")
        self.streets = StreetBars(unit)
        self.incidents = IncidentBoard(unit)
        self.video = VideoWall(services.clock, max_decoders=VIDEO_TILES, controls=False)
        self.video.set_layout("4")
        self.panels: dict[str, QWidget] = {
            "header": self.header,
            "counters": WallPanel(
                translate("WallDisplay", "Today"),
                CounterGrid(list(self.counters.values()), unit),
                unit,
            ),
            "trend": WallPanel(
                translate(
                    "WallDisplay", "Reports per hour (bars) · 30-day mean (line)"
                ),
                self.trend,
                unit,
            ),
            "map": self.map,
            "league": WallPanel(
                translate("WallDisplay", "Departments this month"), self.league, unit
            ),
            "newest": WallPanel(
                translate("WallDisplay", "Newest cases"), self.newest, unit
            ),
            "streets": WallPanel(
                translate(
                    "WallDisplay", "Streets today: reported (blue) · closed (green)"
                ),
                self.streets,
                unit,
            ),
            "video": WallPanel(translate("WallDisplay", "Video"), self.video, unit),
            "incident": WallPanel(
                translate("WallDisplay", "Emergency response"), self.incidents, unit
            ),
        }
        placed = self.layout_spec.names()
        for name, panel in self.panels.items():
            panel.setParent(self)
            panel.setVisible(name in placed and name != "incident")
        self.drill_watch = DrillWatch(services, runner, hub, self)
        self.drill_banner = DrillBanner(
            self.drill_watch, services.clock, self, font_px=int(unit * 1.1)
        )
        """Across the top while a drill is on (PRODUCT §6); the panels make room."""
        self.drill_watch.changed.connect(self._lay_out)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.setInterval(RETRY_MS)
        self._retry_timer.timeout.connect(self._retry)
        self._incident_timer = QTimer(self)
        self._incident_timer.setSingleShot(True)
        self._incident_timer.setInterval(REFRESH_MS)
        self._incident_timer.timeout.connect(self.refresh_incidents)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._tick)
        runner.task_failed.connect(self._failed)

    def has_panel(self, name: str) -> bool:
        return name in self.layout_spec.names()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._lay_out()
        super().resizeEvent(event)

    def _lay_out(self, *_drill: object) -> None:
        """Each panel at its layout cell; half a gap on every side, so the gaps
        between panels straddle the cell lines (the bezels of a 3x3 wall).
        While a drill is on, its banner takes a strip across the top and the
        panels share the rest, so no figure is hidden under it."""
        size = self.size()
        half = self.unit // 4
        banner = self.unit * 2 if self.drill_banner.isVisibleTo(self) else 0
        tall = size.height() - banner
        for placement in self.layout_spec.panels:
            left, top, width, height = self.layout_spec.fractions(placement)
            x0, y0 = round(left * size.width()), banner + round(top * tall)
            x1 = round((left + width) * size.width())
            y1 = banner + round((top + height) * tall)
            self.panels[placement.panel].setGeometry(
                QRect(x0 + half, y0 + half, x1 - x0 - 2 * half, y1 - y0 - 2 * half)
            )
        self.drill_banner.setGeometry(QRect(0, 0, size.width(), banner))

    @staticmethod
    def _counter_names() -> list[tuple[str, str]]:
        return [
            ("reported", translate("WallDisplay", "New")),
            ("registered", translate("WallDisplay", "Registered")),
            ("dispatched", translate("WallDisplay", "Dispatched")),
            ("closed", translate("WallDisplay", "Closed")),
            ("overdue_now", translate("WallDisplay", "Overdue now")),
            ("closure_rate", translate("WallDisplay", "Closure rate")),
            ("on_time_rate", translate("WallDisplay", "On-time closure rate")),
            ("rework_rate", translate("WallDisplay", "Rework rate")),
        ]

    # -- running ---------------------------------------------------------------------

    def start(self) -> None:
        self._build_map_page()
        self._load()
        self._clock_timer.start()
        self._tick()
        self.drill_watch.start()

    def _load(self) -> None:
        """The feed position, cameras and open cases; then follow the feed."""
        services = self.services

        def load() -> tuple[int, list[CameraInfo], list[CaseRow]]:
            newest = services.events.newest_id()  # first: nothing can fall between
            rows = services.queries.find(CaseFilter.for_status("open"))
            return newest, services.cameras.cameras(), rows

        self.runner.query("wall start", load, self._started)

    def _write_map_page(self) -> Path:
        path = self._page_dir / "map.html"
        page = build_map_page(MapLayers(self.services.db), display_unit=self.unit)
        path.write_text(page, encoding="utf-8")
        return path

    def _started(self, started: tuple[int, list[CameraInfo], list[CaseRow]]) -> None:
        newest, cameras, rows = started
        if self.has_panel("video"):
            self.video.set_cameras(cameras)
            self.video.show_cameras([c.code for c in cameras[:VIDEO_TILES]])
        if self.has_panel("map"):
            self.map.show_markers(markers(rows, self.services.clock()))
        self._started_once = True
        self.hub.cases_changed.connect(self._on_cases_changed)
        self.hub.entities_changed.connect(self._on_entities_changed)
        self.hub.connection_changed.connect(self._connection)
        self.hub.start(newest)
        self.refresh()

    def _on_cases_changed(self, change: CasesChanged) -> None:
        """Changed cases onto the map one by one; the numbers at the next beat
        (started once, not pushed back: a steady feed must not starve it)."""
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()
        ids = list(change.ids)
        if ids and self.has_panel("map"):
            self.runner.query(
                "wall cases",
                lambda: self.services.queries.by_ids(ids),
                lambda rows: self.map.update_cases(rows, self.services.clock()),
            )

    def _on_entities_changed(self, change: EntitiesChanged) -> None:
        if change.kind is EntityKind.INCIDENT and not self._incident_timer.isActive():
            self._incident_timer.start()

    def refresh(self) -> None:
        """Read one snapshot (on the worker) and show it; the incidents too."""
        self.runner.query(
            "wall snapshot", lambda: take_snapshot(self.services), self._apply
        )
        self.refresh_incidents()

    def refresh_incidents(self) -> None:
        """The incidents under way with their latest timeline lines."""
        if not (self.has_panel("incident") or self.has_panel("map")):
            return
        queries = self.services.incident_queries

        def read() -> list[tuple[IncidentDetail, list[TimelineEntry]]]:
            return [
                (detail, queries.timeline(detail.id)[-LATEST_LINES:])
                for detail in queries.active()
            ]

        self.runner.query("wall incidents", read, self._show_incidents)

    def _show_incidents(
        self, incidents: list[tuple[IncidentDetail, list[TimelineEntry]]]
    ) -> None:
        """The panel while there are incidents (over its neighbour), the areas
        pulsing on the map; with none, the neighbour has its space back."""
        if self.has_panel("map"):
            self.map.show_incidents([detail for detail, _lines in incidents])
        if not self.has_panel("incident"):
            return
        self.incidents.show_incidents(incidents, self.services.clock(), self._zone)
        under = self.layout_spec.under_incident()
        self.panels["incident"].setVisible(bool(incidents))
        if under is not None:
            self.panels[under].setVisible(not incidents)

    def stop(self) -> None:
        self.drill_watch.stop()
        self._clock_timer.stop()
        self._refresh_timer.stop()
        self._incident_timer.stop()
        self._retry_timer.stop()
        self.video.stop()
        shutil.rmtree(self._page_dir, ignore_errors=True)

    def _connection(self, connected: bool) -> None:
        self._set_connected(connected)
        if connected:
            self.refresh()  # whatever happened meanwhile

    def _failed(self, _name: str, error: Exception) -> None:
        """A read failed (the database is away): keep the picture, say so, and
        try again shortly (one retry pending at a time); never a dialog."""
        self._set_connected(False, error_text(error))
        self._retry_timer.start()

    def _retry(self) -> None:
        """After a failure: the map page and the first load if they never
        finished (the wall may start while the database is away), else a refresh."""
        self._build_map_page()
        if not self._started_once:
            self._load()
        else:
            self.refresh()

    def _build_map_page(self) -> None:
        """Write the map page (it reads the grids) unless it is written or on
        its way; a failure is retried with the rest."""
        if not self.has_panel("map") or self._map_page_asked:
            return
        self._map_page_asked = True
        self.runner.io(
            "wall map page",
            self._write_map_page,
            self.map.load_page,
            failed=self._map_page_failed,
        )

    def _map_page_failed(self, error: Exception) -> None:
        self._map_page_asked = False
        self._failed("wall map page", error)

    def _set_connected(self, connected: bool, detail: str = "") -> None:
        self.connected = connected
        self.badge.setText(translate("WallDisplay", "Reconnecting to the database…"))
        self.badge.setToolTip(detail)
        self.badge.setVisible(not connected)

    # -- showing ---------------------------------------------------------------------

    def _apply(self, snapshot: WallSnapshot) -> None:
        self.snapshot = snapshot
        self._zone = ZoneInfo(snapshot.zone)
        self.header.title.setText(
            translate("WallDisplay", "%1 grid management command center").replace(
                "%1", snapshot.district
            )
        )
        self.video.set_zone(snapshot.zone)
        if not self.connected:
            self._set_connected(True)
        today, yesterday = snapshot.today, snapshot.yesterday
        for key, counter in self.counters.items():
            rate = key.endswith("_rate")
            now_value = getattr(today, key)
            before = getattr(yesterday, key)
            text = rate_text(now_value) if rate else str(now_value)
            change = None if now_value is None or before is None else now_value - before
            counter.show_value(text, change, rate)
        hour = snapshot.taken_at.astimezone(self._zone).hour
        self.trend.show_trend(snapshot.hourly, hour)
        self.league.setText(self._league_text(snapshot.league))
        self.newest.setText(self._newest_text(snapshot))
        self.streets.show_rows(snapshot.streets)
        self.refreshed.emit()

    def _league_text(self, league: tuple[KpiRow, ...]) -> str:
        lines = [
            f"{rank}. {row.name}  {rate_text(row.on_time_rate)}"
            for rank, row in enumerate(league, 1)
        ]
        return "\n".join(lines)

    def _newest_text(self, snapshot: WallSnapshot) -> str:
        lines = []
        for row in snapshot.newest:
            at = row.reported_at.astimezone(self._zone).strftime("%H:%M")
            lines.append(
                f"{at}  {row.category_name}  {row.street_name}  {state_text(row.state)}"
            )
        return "\n".join(lines)

    def _tick(self) -> None:
        now = self.services.clock().astimezone(self._zone)
        self.clock.setText(now.strftime("%Y-%m-%d %H:%M:%S"))
