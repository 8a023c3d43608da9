"""The video wall: tiles in a layout, camera tours, presets and snapshots.

One timer drives the whole wall (4 times a second): it lets each tile check its
stream (connect, no signal, reconnect), moves tours along and, once a second,
sets the tiles' clocks. Nothing here touches the database: the cameras come in
through `set_cameras` and a snapshot leaves as a signal for the window to turn
into a new case.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from commandcenter.views.kernel.settings import setting_int
from commandcenter.views.video.tile_layouts import (
    DEFAULT_LAYOUT,
    LAYOUTS,
    MAX_TILES,
    smallest_layout_for,
)
from commandcenter.views.video.video_tile import DecoderBudget, TileState, VideoTile

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from PySide6.QtCore import QSettings

    from commandcenter.services.cameras.api import (
        CameraInfo,
    )

translate = QCoreApplication.translate
TICK_MS = 250
DEFAULT_DECODERS = 16
DEFAULT_TOUR_SECONDS = 15


@dataclass(slots=True)
class Tour:
    """A group of cameras taking turns on one tile (轮巡)."""

    codes: tuple[str, ...]
    seconds: int
    position: int = 0
    next_at: float = 0.0


class VideoWall(QWidget):
    snapshot_taken = Signal(object, QImage)  # CameraInfo, the frame
    pop_out_requested = Signal()
    layout_changed = Signal(str)

    def __init__(
        self,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        max_decoders: int = DEFAULT_DECODERS,
        parent: QWidget | None = None,
        controls: bool = True,
    ) -> None:
        """`controls` False leaves out the layout, preset and tour bar (the big
        screen shows tiles only)."""
        super().__init__(parent)
        self._clock = clock
        self._zone = ZoneInfo("Asia/Shanghai")
        self.budget = DecoderBudget(max_decoders)
        self.cameras: dict[str, CameraInfo] = {}
        self.layout_name = DEFAULT_LAYOUT
        self.focused = 0
        self.maximised: int | None = None
        self.tours: dict[int, Tour] = {}
        self._presets: dict[str, dict[str, object]] = {}
        self._last_second = -1

        self._grid = QGridLayout()
        self._grid.setSpacing(2)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.tiles = [VideoTile(i, self.budget, self) for i in range(MAX_TILES)]
        for tile in self.tiles:
            tile.focus_requested.connect(partial(self.focus_tile, tile.index))
            tile.maximise_toggled.connect(partial(self.toggle_maximise, tile.index))
            tile.camera_dropped.connect(partial(self.play_on, tile.index))
            tile.menu_requested.connect(partial(self._tile_menu, tile.index))
            tile.hide()
        area = QWidget(self)
        area.setLayout(self._grid)
        area.setStyleSheet("background: #0b0e11;")

        self.snapshot_action = QAction(
            translate("VideoWall", "Snapshot to new case"), self
        )
        self.snapshot_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.snapshot_action.setShortcutContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.snapshot_action.triggered.connect(self.snapshot)
        self.addAction(self.snapshot_action)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        bar = QWidget(self)
        bar.setLayout(self._make_controls())
        bar.setVisible(controls)
        column.addWidget(bar)
        column.addWidget(area, 1)
        self.set_layout(DEFAULT_LAYOUT)
        self.focus_tile(0)

        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self.tick)
        self._timer.start()

    # -- controls --------------------------------------------------------------------

    def _make_controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setContentsMargins(4, 2, 4, 2)
        self._layout_buttons = QButtonGroup(self)
        for name in LAYOUTS:
            button = QToolButton(self)
            button.setText(name)
            button.setCheckable(True)
            button.setToolTip(translate("VideoWall", "Layout %1").replace("%1", name))
            button.clicked.connect(partial(self.set_layout, name))
            self._layout_buttons.addButton(button)
            row.addWidget(button)
        row.addSpacing(12)
        self.presets_box = QComboBox(self)
        self.presets_box.setMinimumContentsLength(10)
        self.presets_box.setPlaceholderText(translate("VideoWall", "Presets"))
        self.presets_box.activated.connect(
            lambda i: self.apply_preset(self.presets_box.itemText(i))
        )
        row.addWidget(self.presets_box)
        save = QToolButton(self)
        save.setText(translate("VideoWall", "Save preset…"))
        save.clicked.connect(self._ask_preset_name)
        row.addWidget(save)
        delete = QToolButton(self)
        delete.setText(translate("VideoWall", "Delete preset"))
        delete.clicked.connect(
            lambda: self.delete_preset(self.presets_box.currentText())
        )
        row.addWidget(delete)
        row.addSpacing(12)
        row.addWidget(QLabel(translate("VideoWall", "Tour every"), self))
        self.tour_seconds = QSpinBox(self)
        self.tour_seconds.setRange(5, 600)
        self.tour_seconds.setValue(DEFAULT_TOUR_SECONDS)
        self.tour_seconds.setSuffix(translate("VideoWall", " s"))
        row.addWidget(self.tour_seconds)
        row.addStretch(1)
        self.decoders_label = QLabel(self)
        row.addWidget(self.decoders_label)
        pop = QToolButton(self)
        pop.setText(translate("VideoWall", "Pop out"))
        pop.setToolTip(translate("VideoWall", "Show the wall in its own window"))
        pop.clicked.connect(self.pop_out_requested)
        row.addWidget(pop)
        return row

    # -- cameras and tiles -----------------------------------------------------------

    def set_cameras(self, cameras: Sequence[CameraInfo]) -> None:
        self.cameras = {camera.code: camera for camera in cameras}

    def set_zone(self, zone: str) -> None:
        """The district's zone: tile clocks read its time, not the desk's."""
        self._zone = ZoneInfo(zone)

    def visible_tiles(self) -> list[VideoTile]:
        if self.maximised is not None:
            return [self.tiles[self.maximised]]
        return self.tiles[: len(LAYOUTS[self.layout_name])]

    def set_layout(self, name: str) -> None:
        if name not in LAYOUTS:
            return
        self.layout_name = name
        self.maximised = None
        self._arrange()
        for button in self._layout_buttons.buttons():
            button.setChecked(button.text() == name)
        if self.focused >= len(LAYOUTS[name]):
            self.focus_tile(0)
        self.layout_changed.emit(name)

    def _arrange(self) -> None:
        """Put the shown tiles into the grid; the others are hidden (and so
        release their decoders at the next tick)."""
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        if self.maximised is not None:
            cells = [(self.tiles[self.maximised], 0, 0, 1, 1)]
            side = 1
        else:
            layout = LAYOUTS[self.layout_name]
            cells = [
                (self.tiles[i], c.row, c.column, c.rows, c.columns)
                for i, c in enumerate(layout)
            ]
            side = max(c.row + c.rows for c in layout)
        for n in range(4):
            self._grid.setRowStretch(n, 1 if n < side else 0)
            self._grid.setColumnStretch(n, 1 if n < side else 0)
        shown = {id(tile) for tile, *_ in cells}
        for tile in self.tiles:
            if id(tile) not in shown:
                tile.hide()
        for tile, row, column, rows, columns in cells:
            self._grid.addWidget(tile, row, column, rows, columns)
            tile.show()
            tile.set_stream(self.stream_for(tile.index))
        self.tick()

    def focus_tile(self, index: int) -> None:
        self.focused = index
        for tile in self.tiles:
            tile.set_focused(tile.index == index)

    def play_on(self, index: int, code: str) -> None:
        """Play a camera on a tile (it stops that tile's tour)."""
        camera = self.cameras.get(code)
        if camera is None:
            return
        self.tours.pop(index, None)
        self._show(index, camera)
        self.focus_tile(index)

    def play_focused(self, code: str) -> None:
        self.play_on(self.focused, code)

    def show_cameras(self, codes: Sequence[str]) -> None:
        """Several cameras at once, from the focused tile on; the layout grows
        to fit them."""
        codes = [code for code in codes if code in self.cameras]
        if not codes:
            return
        if len(self.visible_tiles()) < len(codes):
            self.set_layout(smallest_layout_for(len(codes)))
        count = len(self.visible_tiles())
        first = self.focused
        for offset, code in enumerate(codes):
            self.play_on((first + offset) % count, code)
        self.focus_tile(first)

    def clear_tile(self, index: int) -> None:
        self.tours.pop(index, None)
        self.tiles[index].show_camera(None)

    def _show(self, index: int, camera: CameraInfo | None) -> None:
        self.tiles[index].show_camera(camera, self.stream_for(index))

    def stream_for(self, index: int) -> str:
        """The main stream for a tile that fills the wall (maximised, layout 1)
        or spans several cells (the large tile of 1+5 and 1+7), else the sub."""
        if self.maximised is not None:
            return "main" if index == self.maximised else "sub"
        layout = LAYOUTS[self.layout_name]
        if index >= len(layout):
            return "sub"
        return "main" if len(layout) == 1 or layout[index].rows > 1 else "sub"

    def toggle_maximise(self, index: int) -> None:
        """Double-click: one tile fills the wall on the main stream, and back."""
        if self.maximised is None:
            self.maximised = index
            self.focus_tile(index)
        else:
            self.maximised = None
        self._arrange()

    # -- the beat --------------------------------------------------------------------

    def tick(self) -> None:
        now = time.monotonic()
        for index, tour in self.tours.items():
            if now >= tour.next_at:
                tour.position = (tour.position + 1) % len(tour.codes)
                tour.next_at = now + tour.seconds
                self._show(index, self.cameras.get(tour.codes[tour.position]))
        # tiles that lost their stream first, so a waiting tile can take a decoder
        for tile in sorted(self.tiles, key=lambda t: t.state is TileState.WAITING):
            tile.check(now)
        second = int(time.time())
        if second != self._last_second:
            self._last_second = second
            clock = self._clock().astimezone(self._zone).strftime("%H:%M:%S")
            for tile in self.visible_tiles():
                tile.set_clock(clock)
        self.decoders_label.setText(
            translate("VideoWall", "Decoders %1/%2")
            .replace("%1", str(self.budget.in_use))
            .replace("%2", str(self.budget.limit))
        )

    def stop(self) -> None:
        """Release every decoder (the window is closing)."""
        self._timer.stop()
        for tile in self.tiles:
            tile.release()

    # -- tours -----------------------------------------------------------------------

    def start_tour(self, index: int, codes: Sequence[str], seconds: int) -> None:
        codes = tuple(code for code in codes if code in self.cameras)
        if not codes:
            return
        self.tours[index] = Tour(codes, seconds, 0, time.monotonic() + seconds)
        self._show(index, self.cameras[codes[0]])

    def street_codes(self, street: str) -> list[str]:
        return [c.code for c in self.cameras.values() if c.street == street]

    # -- snapshot --------------------------------------------------------------------

    def snapshot(self) -> bool:
        """Grab the focused tile's frame for a new case; False if it has none."""
        tile = self.tiles[self.focused]
        image = tile.snapshot()
        if image is None or tile.camera is None:
            return False
        self.snapshot_taken.emit(tile.camera, image)
        return True

    # -- menu ------------------------------------------------------------------------

    def _tile_menu(self, index: int, where: QPoint) -> None:
        tile = self.tiles[index]
        menu = QMenu(self)
        snap = menu.addAction(self.snapshot_action.text(), self.snapshot)
        snap.setEnabled(tile.state is TileState.LIVE)
        menu.addAction(
            translate("VideoWall", "Restore")
            if self.maximised == index
            else translate("VideoWall", "Maximise (main stream)"),
            partial(self.toggle_maximise, index),
        )
        tours = menu.addMenu(translate("VideoWall", "Tour a street's cameras"))
        seconds = self.tour_seconds.value()
        for street in sorted({c.street for c in self.cameras.values()}):
            tours.addAction(
                street,
                partial(self.start_tour, index, self.street_codes(street), seconds),
            )
        if index in self.tours:
            menu.addAction(
                translate("VideoWall", "Stop the tour"),
                lambda: self.tours.pop(index, None),
            )
        menu.addAction(
            translate("VideoWall", "Clear tile"), partial(self.clear_tile, index)
        )
        menu.popup(where)

    # -- presets and state -----------------------------------------------------------

    def state(self) -> dict[str, object]:
        """Layout and cameras, as a preset and the saved wall store them."""
        return {
            "layout": self.layout_name,
            "cameras": [t.camera.code if t.camera else "" for t in self.tiles],
            "tours": {
                str(i): {"codes": list(t.codes), "seconds": t.seconds}
                for i, t in self.tours.items()
            },
        }

    def apply_state(self, state: dict[str, object]) -> None:
        if self.maximised is not None:
            self.toggle_maximise(self.maximised)
        layout = state.get("layout")
        self.set_layout(layout if isinstance(layout, str) else DEFAULT_LAYOUT)
        codes = state.get("cameras")
        codes = codes if isinstance(codes, list) else []
        self.tours.clear()
        for index, tile in enumerate(self.tiles):
            code = codes[index] if index < len(codes) else ""
            tile.show_camera(self.cameras.get(code) if code else None)
        tours = state.get("tours")
        if isinstance(tours, dict):
            for index, tour in tours.items():
                self.start_tour(int(index), tour["codes"], int(tour["seconds"]))

    def save_preset(self, name: str) -> None:
        name = name.strip()
        if not name:
            return
        self._presets[name] = self.state()
        self._show_presets(name)

    def apply_preset(self, name: str) -> None:
        preset = self._presets.get(name)
        if preset is not None:
            self.apply_state(preset)

    def delete_preset(self, name: str) -> None:
        if self._presets.pop(name, None) is not None:
            self._show_presets("")

    def preset_names(self) -> list[str]:
        return sorted(self._presets)

    def _show_presets(self, current: str) -> None:
        self.presets_box.clear()
        self.presets_box.addItems(self.preset_names())
        self.presets_box.setCurrentIndex(self.presets_box.findText(current))

    def _ask_preset_name(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            translate("VideoWall", "Save preset"),
            translate("VideoWall", "Name of the layout and its cameras:"),
        )
        if ok:
            self.save_preset(name)

    def save_settings(self, settings: QSettings) -> None:
        settings.setValue("videowall/state", json.dumps(self.state()))
        settings.setValue(
            "videowall/presets", json.dumps(self._presets, ensure_ascii=False)
        )
        settings.setValue("videowall/tour_seconds", self.tour_seconds.value())

    def restore_settings(self, settings: QSettings) -> None:
        """Presets and the wall as it was left (after `set_cameras`)."""
        self._presets = _json(settings.value("videowall/presets"))
        self._show_presets("")
        self.tour_seconds.setValue(
            setting_int(settings, "videowall/tour_seconds", DEFAULT_TOUR_SECONDS)
        )
        state = _json(settings.value("videowall/state"))
        if state:
            self.apply_state(state)


def _json(value: object) -> dict[str, Any]:
    """A dict saved as JSON text, or empty when missing or unreadable."""
    if not isinstance(value, str):
        return {}
    try:
        loaded = json.loads(value)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}
