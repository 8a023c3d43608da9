"""One tile of the video wall: a camera's live picture under a header with its
name, the district clock and the connection state.

A tile owns at most one `QMediaPlayer` (one decoder) and only while it is shown:
the wall calls `check()` a few times a second and the tile connects, notices a
dead stream, waits out its back-off and reconnects by itself. Frames are
counted as they reach the video widget's `QVideoSink`; the widget itself draws
them (its own window and renderer, so 16 tiles do not queue on the GUI thread).

The header is where the operator points: click to focus, double-click to
maximise, right-click for the menu, and drop a camera on it or on the frame
around the picture (the picture is a native window of its own).
"""

from __future__ import annotations

import enum
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMimeData, QSize, Qt, QUrl, Signal
from PySide6.QtMultimedia import QMediaPlayer, QPlaybackOptions, QVideoFrame
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtGui import (
        QContextMenuEvent,
        QDragEnterEvent,
        QDropEvent,
        QImage,
        QMouseEvent,
    )

    from commandcenter.services.cameras.api import (
        CameraInfo,
    )

translate = QCoreApplication.translate

CAMERA_MIME = "application/x-commandcenter-camera"
"""A dragged camera: its code, from the camera tree."""
CAMERA_TEXT_PREFIX = "camera:"
"""A dragged camera as plain text (`camera:CODE`), from the map page."""

STALL_S = 2.0
"""A live stream with no frame for this long has no signal (3 s is promised)."""
CONNECT_TIMEOUT_S = 8.0
RETRY_DELAYS_S = (1.0, 2.0, 4.0, 8.0, 15.0)
"""Back-off between reconnects; the last one repeats."""
NETWORK_TIMEOUT_MS = 2000
PROBE_BYTES = 8192  # a live TS stream tells its format in the first packets


class TileState(enum.Enum):
    EMPTY = "empty"
    WAITING = "waiting"  # no decoder free under the cap
    CONNECTING = "connecting"
    LIVE = "live"
    NO_SIGNAL = "no_signal"


def state_text(state: TileState) -> str:
    return {
        TileState.EMPTY: translate("VideoTile", "No camera"),
        TileState.WAITING: translate("VideoTile", "Waiting for a decoder"),
        TileState.CONNECTING: translate("VideoTile", "Connecting…"),
        TileState.LIVE: translate("VideoTile", "Live"),
        TileState.NO_SIGNAL: translate("VideoTile", "No signal"),
    }[state]


_STATE_COLOURS = {
    TileState.EMPTY: "#9e9e9e",
    TileState.WAITING: "#f9a825",
    TileState.CONNECTING: "#f9a825",
    TileState.LIVE: "#43a047",
    TileState.NO_SIGNAL: "#e53935",
}


def camera_code(mime: QMimeData) -> str | None:
    """The camera a drag carries, from the tree or from the map page."""
    if mime.hasFormat(CAMERA_MIME):
        return bytes(mime.data(CAMERA_MIME).data()).decode("utf-8")
    text = mime.text().strip() if mime.hasText() else ""
    if text.startswith(CAMERA_TEXT_PREFIX):
        return text.removeprefix(CAMERA_TEXT_PREFIX) or None
    return None


class DecoderBudget:
    """How many tiles may decode at once. A workstation's CPU decodes every
    stream in software; past the cap a tile waits and says why instead of
    dragging every other tile down with it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._holders: set[int] = set()

    def acquire(self, holder: object) -> bool:
        if id(holder) in self._holders:
            return True
        if len(self._holders) >= self.limit:
            return False
        self._holders.add(id(holder))
        return True

    def release(self, holder: object) -> None:
        self._holders.discard(id(holder))

    @property
    def in_use(self) -> int:
        return len(self._holders)


class _Header(QWidget):
    """The tile's name strip: the part that takes clicks above the picture."""

    pressed = Signal()
    double_clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.pressed.emit()
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.double_clicked.emit()


class VideoTile(QFrame):
    """One camera's picture, state and reconnects."""

    focus_requested = Signal()
    maximise_toggled = Signal()
    camera_dropped = Signal(str)
    menu_requested = Signal(object)  # global QPoint
    state_changed = Signal(object)  # TileState

    def __init__(self, index: int, budget: DecoderBudget, parent: QWidget) -> None:
        super().__init__(parent)
        self.index = index
        self._budget = budget
        self.camera: CameraInfo | None = None
        self.stream = "sub"
        self.state = TileState.EMPTY
        self.frames = 0
        self.frame_size = QSize()
        self._player: QMediaPlayer | None = None
        self._since = 0.0  # when the state was entered (monotonic)
        self._last_frame = 0.0
        self._retry_at = 0.0
        self._attempt = 0
        self.setObjectName("tile")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.Box)
        self.setLineWidth(2)

        self._header = _Header(self)
        self._header.setObjectName("tileHeader")
        self._dot = QLabel("●", self._header)
        self._name = QLabel(self._header)
        self._clock = QLabel(self._header)
        for label in (self._dot, self._name, self._clock):
            label.setTextFormat(Qt.TextFormat.PlainText)
        row = QHBoxLayout(self._header)
        row.setContentsMargins(6, 2, 6, 2)
        row.addWidget(self._dot)
        row.addWidget(self._name, 1)
        row.addWidget(self._clock)
        self._header.pressed.connect(self.focus_requested)
        self._header.double_clicked.connect(self.maximise_toggled)

        self.video = QVideoWidget(self)
        self.video.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.video.videoSink().videoFrameChanged.connect(self._on_frame)
        self._message = QLabel(self)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._message.setObjectName("tileMessage")
        self._body = QStackedLayout()
        self._body.addWidget(self._message)
        self._body.addWidget(self.video)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self._header)
        column.addLayout(self._body, 1)
        self.set_focused(False)
        self._show_state()

    # -- what the wall asks ---------------------------------------------------------

    def show_camera(self, camera: CameraInfo | None, stream: str = "sub") -> None:
        """Play `camera` (None empties the tile) on its sub or main stream."""
        if camera == self.camera and stream == self.stream:
            return
        self.release()
        self.camera = camera
        self.stream = stream
        self._attempt = 0
        self._retry_at = 0.0
        self._name.setText(f"{camera.name}  {camera.code}" if camera else "")
        self._set_state(TileState.EMPTY if camera is None else TileState.CONNECTING)
        self.check(time.monotonic())

    def set_stream(self, stream: str) -> None:
        self.show_camera(self.camera, stream)

    def set_clock(self, text: str) -> None:
        self._clock.setText(text)

    def set_focused(self, focused: bool) -> None:
        self.setStyleSheet(
            "#tile { border: 2px solid %s; background: #111; }"
            "#tileHeader { background: #1e2329; }"
            "#tileHeader QLabel { color: #eceff1; }"
            "#tileMessage { color: #b0bec5; font-size: 15px; }"
            % ("#29b6f6" if focused else "#37474f")
        )
        self._show_state()

    def snapshot(self) -> QImage | None:
        """The frame on screen now, or None when the tile shows no picture."""
        if self.state is not TileState.LIVE:
            return None
        frame = self.video.videoSink().videoFrame()
        if not frame.isValid():
            return None
        image = frame.toImage()
        return None if image.isNull() else image

    def check(self, now: float) -> None:
        """Connect, notice a dead stream, or reconnect after the back-off."""
        if self.camera is None:
            return
        if not self._on_screen():
            self.release()
            if self.state is not TileState.NO_SIGNAL:
                self._set_state(TileState.CONNECTING)
            return
        if self._player is None:
            if now >= self._retry_at:
                self._connect(now)
            return
        if (self.state is TileState.LIVE and now - self._last_frame > STALL_S) or (
            self.state is TileState.CONNECTING and now - self._since > CONNECT_TIMEOUT_S
        ):
            self._lost(now)

    def release(self) -> None:
        """Stop decoding and give the decoder back."""
        player, self._player = self._player, None
        if player is None:
            return
        player.stop()
        player.setVideoOutput(None)  # type: ignore[arg-type]  # None detaches
        player.deleteLater()
        self._budget.release(self)
        self._body.setCurrentWidget(self._message)

    @property
    def decoding(self) -> bool:
        return self._player is not None

    # -- inside ----------------------------------------------------------------------

    def _on_screen(self) -> bool:
        window = self.window()
        return self.isVisible() and not window.isMinimized()

    def _connect(self, now: float) -> None:
        assert self.camera is not None
        if not self._budget.acquire(self):
            self._set_state(TileState.WAITING)
            return
        url = self.camera.main_url if self.stream == "main" else self.camera.sub_url
        player = QMediaPlayer(self)
        options = QPlaybackOptions()
        options.setPlaybackIntent(QPlaybackOptions.PlaybackIntent.LowLatencyStreaming)
        options.setProbeSize(PROBE_BYTES)
        options.setNetworkTimeout(NETWORK_TIMEOUT_MS)
        player.setPlaybackOptions(options)
        player.setVideoOutput(self.video)
        player.mediaStatusChanged.connect(self._on_status)
        player.errorOccurred.connect(self._on_error)
        self._player = player
        self._set_state(TileState.CONNECTING, now)
        player.setSource(QUrl(url))
        player.play()

    def _on_frame(self, frame: QVideoFrame) -> None:
        if self._player is None or not frame.isValid():
            return
        self.frames += 1
        self._last_frame = time.monotonic()
        if self.state is not TileState.LIVE:
            self.frame_size = frame.size()
            self._attempt = 0
            self._set_state(TileState.LIVE)
            self._body.setCurrentWidget(self.video)
        elif self.frames % 25 == 0:
            self.frame_size = frame.size()

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status in (
            QMediaPlayer.MediaStatus.EndOfMedia,
            QMediaPlayer.MediaStatus.InvalidMedia,
        ):
            self._lost(time.monotonic())

    def _on_error(self, error: QMediaPlayer.Error, _text: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self._lost(time.monotonic())

    def _lost(self, now: float) -> None:
        """The stream died: show it, free the decoder, and plan the next try."""
        if self._player is None:
            return
        self.release()
        delay = RETRY_DELAYS_S[min(self._attempt, len(RETRY_DELAYS_S) - 1)]
        self._attempt += 1
        self._retry_at = now + delay
        self._set_state(TileState.NO_SIGNAL, now)

    def _set_state(self, state: TileState, now: float | None = None) -> None:
        self._since = time.monotonic() if now is None else now
        if state is self.state:
            return
        self.state = state
        self._show_state()
        self.state_changed.emit(state)

    def _show_state(self) -> None:
        self._dot.setStyleSheet(f"color: {_STATE_COLOURS[self.state]};")
        self._dot.setToolTip(state_text(self.state))
        if self.state is TileState.EMPTY:
            message = translate("VideoTile", "Drag a camera here")
        elif self.state is TileState.WAITING:
            message = translate(
                "VideoTile",
                "All %1 decoders are in use: close a tile or pick a smaller layout",
            ).replace("%1", str(self._budget.limit))
        elif self.state is TileState.NO_SIGNAL:
            message = translate("VideoTile", "No signal — reconnecting by itself")
        else:
            message = state_text(self.state)
        self._message.setText(message)
        if self.state is not TileState.LIVE:
            self._body.setCurrentWidget(self._message)

    # -- events ---------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.focus_requested.emit()
        super().mousePressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self.maximise_toggled.emit()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        self.focus_requested.emit()
        self.menu_requested.emit(event.globalPos())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if camera_code(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        code = camera_code(event.mimeData())
        if code is not None:
            event.acceptProposedAction()
            self.camera_dropped.emit(code)
