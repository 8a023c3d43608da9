"""The big screen (大屏): an unattended, full-screen, dark view of the district.

Counters for today against yesterday, the hourly trend against the 30-day mean,
the live map, the department league, the newest cases and four video tiles.
Nothing here asks anything of anyone: no dialog ever opens. Changes arrive
through the feed bridge: changed cases go onto the map one by one, and the
numbers are coalesced into one snapshot read at most four times a second.
When the database stops answering a "reconnecting" badge shows, the last
picture stays, and the wall catches up by itself when it answers again.
Type scales with the screen's height so that it reads from 10 m.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from commandcenter.services.case_queries import CaseFilter
from commandcenter.services.feed import Feed, case_ids
from commandcenter.services.map_layers import MapLayers, markers
from commandcenter.services.wall_snapshot import WallSnapshot, take_snapshot
from commandcenter.views.case_queue_table_model import state_text
from commandcenter.views.feed_bridge import FeedBridge
from commandcenter.views.map_page import build_map_page
from commandcenter.views.map_view import MapView
from commandcenter.views.operation_dialog import error_text
from commandcenter.views.video_wall import VideoWall

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from commandcenter.services.camera_registry import CameraInfo
    from commandcenter.services.case_queries import CaseRow
    from commandcenter.services.container import Services
    from commandcenter.services.feed import FeedEvent
    from commandcenter.services.kpi import HourlyTrend, KpiRow
    from commandcenter.views.task_runner import TaskRunner

translate = QCoreApplication.translate
REFRESH_MS = 250  # at most 4 snapshot reads a second, however busy the feed
RETRY_MS = 2000
VIDEO_TILES = 4
BACKGROUND = "#0b1220"
PANEL = "#111a2e"
TEXT = "#e8eefc"
MUTED = "#8fa3c7"
ACCENT = "#4fc3f7"
UP = "#ef5350"  # more cases is worse on this wall
DOWN = "#66bb6a"


def _rate_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


class _Panel(QFrame):
    """A titled dark box."""

    def __init__(self, title: str, body: QWidget | None, unit: int) -> None:
        super().__init__()
        self.setObjectName("panel")
        self.setStyleSheet(
            f"#panel {{ background: {PANEL}; border: 1px solid #1d2b4a;"
            f" border-radius: {unit // 3}px; }}"
        )
        column = QVBoxLayout(self)
        column.setContentsMargins(unit // 2, unit // 3, unit // 2, unit // 3)
        heading = QLabel(title)
        heading.setStyleSheet(
            f"color: {ACCENT}; font-size: {int(unit * 1.05)}px; font-weight: 600;"
        )
        column.addWidget(heading)
        if body is not None:
            column.addWidget(body, 1)
        self.column = column


class _Counter(QWidget):
    """A name, today's number, and the change against yesterday."""

    def __init__(self, name: str, unit: int) -> None:
        super().__init__()
        self.name = QLabel(name)
        self.value = QLabel("–")
        self.change = QLabel("")
        self.name.setStyleSheet(f"color: {MUTED}; font-size: {unit}px;")
        self.value.setStyleSheet(
            f"color: {TEXT}; font-size: {int(unit * 2.6)}px; font-weight: 700;"
        )
        self.change.setStyleSheet(f"font-size: {int(unit * 0.9)}px;")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        for label in (self.name, self.value, self.change):
            column.addWidget(label)

    def show_value(self, text: str, change: float | None, rate: bool) -> None:
        self.value.setText(text)
        if change is None:
            self.change.setText("")
            return
        sign = "+" if change > 0 else ""
        amount = f"{sign}{change * 100:.1f} %" if rate else f"{sign}{change:.0f}"
        self.change.setText(
            translate("WallDisplay", "vs yesterday %1").replace("%1", amount)
        )
        colour = MUTED if change == 0 else (UP if change > 0 else DOWN)
        if rate:  # a higher rate is better
            colour = MUTED if change == 0 else (DOWN if change > 0 else UP)
        self.change.setStyleSheet(
            f"color: {colour}; font-size: {self.change.font().pixelSize()}px;"
        )


class _TrendChart(QWidget):
    """Today's reports per hour (bars) over the 30-day mean (line)."""

    def __init__(self, unit: int) -> None:
        super().__init__()
        self._unit = unit
        self._trend: HourlyTrend | None = None
        self._hour = 0
        self.setMinimumHeight(unit * 8)

    def show_trend(self, trend: HourlyTrend, hour: int) -> None:
        self._trend, self._hour = trend, hour
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        trend = self._trend
        if trend is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        unit = self._unit
        font = QFont()
        font.setPixelSize(int(unit * 0.8))
        painter.setFont(font)
        area = QRectF(
            unit * 0.5, unit * 0.4, self.width() - unit, self.height() - unit * 1.6
        )
        top = max([*trend.counts, *trend.average, 1.0])
        slot = area.width() / 24
        for hour, count in enumerate(trend.counts):
            if hour > self._hour:
                break
            height = area.height() * count / top
            painter.fillRect(
                QRectF(
                    area.left() + hour * slot + slot * 0.15,
                    area.bottom() - height,
                    slot * 0.7,
                    height,
                ),
                QColor(ACCENT),
            )
        path = QPainterPath()
        for hour, mean in enumerate(trend.average):
            point = QPointF(
                area.left() + (hour + 0.5) * slot,
                area.bottom() - area.height() * mean / top,
            )
            if hour == 0:
                path.moveTo(point)
            else:
                path.lineTo(point)
        painter.setPen(QPen(QColor("#ffca28"), max(2, unit // 8)))
        painter.drawPath(path)
        painter.setPen(QColor(MUTED))
        for hour in range(0, 24, 3):
            painter.drawText(
                QRectF(area.left() + hour * slot, area.bottom() + 2, slot * 3, unit),
                Qt.AlignmentFlag.AlignLeft,
                f"{hour:02d}",
            )
        painter.end()


class WallDisplay(QWidget):
    """The whole wall; `start()` loads it and follows the feed."""

    refreshed = Signal()
    """A snapshot was applied (tests wait for it)."""

    def __init__(
        self, services: Services, runner: TaskRunner, height: int = 1080
    ) -> None:
        super().__init__()
        self.services = services
        self.runner = runner
        self.unit = max(12, height // 56)
        self.snapshot: WallSnapshot | None = None
        self.connected = True
        self._zone = ZoneInfo("Asia/Shanghai")
        self._page_dir = Path(tempfile.mkdtemp(prefix="cc-wall-"))
        self._bridge: FeedBridge | None = None
        self.setWindowTitle(translate("WallDisplay", "Command center wall"))
        self.setObjectName("wall")
        # the background on the window only: labels stay transparent on panels
        self.setStyleSheet(
            f"#wall {{ background: {BACKGROUND}; }} QLabel {{ color: {TEXT}; }}"
        )
        self.setCursor(Qt.CursorShape.BlankCursor)

        unit = self.unit
        self.title = QLabel("")
        self.title.setStyleSheet(f"font-size: {int(unit * 1.9)}px; font-weight: 700;")
        self.badge = QLabel("")
        self.badge.setStyleSheet(
            f"color: white; background: #c62828; font-size: {unit}px;"
            f" padding: {unit // 4}px {unit // 2}px; border-radius: {unit // 3}px;"
        )
        self.badge.hide()
        self.clock = QLabel("")
        self.clock.setStyleSheet(f"font-size: {int(unit * 1.6)}px; color: {MUTED};")
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.badge)
        header.addSpacing(unit)
        header.addWidget(self.clock)

        self.counters: dict[str, _Counter] = {}
        counter_grid = QGridLayout()
        counter_grid.setSpacing(unit // 2)
        for index, (key, name) in enumerate(self._counter_names()):
            counter = _Counter(name, unit)
            self.counters[key] = counter
            counter_grid.addWidget(counter, index // 2, index % 2)
        counters = QWidget()
        counters.setLayout(counter_grid)
        self.trend = _TrendChart(unit)
        left = QVBoxLayout()
        left.addWidget(_Panel(translate("WallDisplay", "Today"), counters, unit), 3)
        left.addWidget(
            _Panel(
                translate(
                    "WallDisplay", "Reports per hour (bars) · 30-day mean (line)"
                ),
                self.trend,
                unit,
            ),
            2,
        )

        self.map = MapView(self)
        self.league = QLabel()
        self.newest = QLabel()
        for label in (self.league, self.newest):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            label.setStyleSheet(f"font-size: {int(unit * 0.95)}px; color: {TEXT};")
        self.video = VideoWall(services.clock, max_decoders=VIDEO_TILES, controls=False)
        self.video.set_layout("4")
        right = QVBoxLayout()
        right.addWidget(
            _Panel(
                translate("WallDisplay", "Departments this month"), self.league, unit
            ),
            3,
        )
        right.addWidget(
            _Panel(translate("WallDisplay", "Newest cases"), self.newest, unit), 3
        )
        right.addWidget(_Panel(translate("WallDisplay", "Video"), self.video, unit), 4)

        body = QHBoxLayout()
        body.addLayout(left, 26)
        body.addWidget(self.map, 48)
        body.addLayout(right, 26)
        column = QVBoxLayout(self)
        column.setContentsMargins(unit, unit // 2, unit, unit)
        column.addLayout(header)
        column.addLayout(body, 1)

        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.setInterval(RETRY_MS)
        self._retry_timer.timeout.connect(self._retry)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._tick)
        runner.task_failed.connect(self._failed)

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
        self.runner.io("wall map page", self._write_map_page, self.map.load_page)
        self._load()
        self._clock_timer.start()
        self._tick()

    def _load(self) -> None:
        """The feed position, cameras and open cases; then follow the feed."""
        services = self.services

        def load() -> tuple[int, list[CameraInfo], list[CaseRow]]:
            newest = services.feed.newest_id()  # first: nothing can fall between
            rows = services.queries.find(CaseFilter.for_status("open"))
            return newest, services.cameras.cameras(), rows

        self.runner.query("wall start", load, self._started)

    def _write_map_page(self) -> Path:
        path = self._page_dir / "map.html"
        path.write_text(build_map_page(MapLayers(self.services.db)), encoding="utf-8")
        return path

    def _started(self, started: tuple[int, list[CameraInfo], list[CaseRow]]) -> None:
        newest, cameras, rows = started
        self.video.set_cameras(cameras)
        self.video.show_cameras([c.code for c in cameras[:VIDEO_TILES]])
        self.map.show_markers(markers(rows))
        self._bridge = FeedBridge(lambda: Feed(self.services.db), newest, self)
        self._bridge.events_arrived.connect(self._on_events)
        self._bridge.connection_changed.connect(self._connection)
        self._bridge.start()
        self.refresh()

    def _on_events(self, events: list[FeedEvent]) -> None:
        """Changed cases onto the map one by one; the numbers at the next beat
        (started once, not pushed back: a steady feed must not starve it)."""
        if not self._refresh_timer.isActive():
            self._refresh_timer.start()
        ids = case_ids(events)
        if ids:
            self.runner.query(
                "wall cases",
                lambda: self.services.queries.by_ids(ids),
                self.map.update_cases,
            )

    def refresh(self) -> None:
        """Read one snapshot (on the worker) and show it."""
        self.runner.query(
            "wall snapshot", lambda: take_snapshot(self.services), self._apply
        )

    def stop(self) -> None:
        self._clock_timer.stop()
        self._refresh_timer.stop()
        self._retry_timer.stop()
        self.video.stop()
        if self._bridge is not None:
            self._bridge.stop()
            self._bridge = None
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
        """After a failure: the first load if it never finished, else a refresh."""
        if self._bridge is None:
            self._load()
        else:
            self.refresh()

    def _set_connected(self, connected: bool, detail: str = "") -> None:
        self.connected = connected
        self.badge.setText(translate("WallDisplay", "Reconnecting to the database…"))
        self.badge.setToolTip(detail)
        self.badge.setVisible(not connected)

    # -- showing ---------------------------------------------------------------------

    def _apply(self, snapshot: WallSnapshot) -> None:
        self.snapshot = snapshot
        self._zone = ZoneInfo(snapshot.zone)
        self.title.setText(
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
            text = _rate_text(now_value) if rate else str(now_value)
            change = None if now_value is None or before is None else now_value - before
            counter.show_value(text, change, rate)
        hour = snapshot.taken_at.astimezone(self._zone).hour
        self.trend.show_trend(snapshot.hourly, hour)
        self.league.setText(self._league_text(snapshot.league))
        self.newest.setText(self._newest_text(snapshot))
        self.refreshed.emit()

    def _league_text(self, league: tuple[KpiRow, ...]) -> str:
        lines = [
            f"{rank}. {row.name}  {_rate_text(row.on_time_rate)}"
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
