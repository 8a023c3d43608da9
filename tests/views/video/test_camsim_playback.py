"""Qt's FFmpeg backend plays the simulator's streams: frames reach a QVideoSink,
and a camera that goes dark ends its stream promptly."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtMultimedia import QMediaPlayer, QVideoFrame, QVideoSink

from commandcenter.camsim.server import Simulator

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

pytestmark = pytest.mark.media


def test_qt_plays_a_simulated_camera_and_notices_it_going_dark(qtbot: QtBot) -> None:
    simulator = Simulator([("CAM00101", "漕溪北路天钥桥路路口")])
    player = QMediaPlayer()
    sink = QVideoSink()
    player.setVideoSink(sink)
    sizes: list[tuple[int, int]] = []

    def frame(video: QVideoFrame) -> None:
        if video.isValid():
            sizes.append((video.width(), video.height()))

    sink.videoFrameChanged.connect(frame)
    try:
        player.setSource(QUrl(simulator.url("CAM00101", "sub")))
        player.play()
        qtbot.waitUntil(lambda: len(sizes) >= 25, timeout=15_000)
        assert sizes[-1] == (640, 360)
        simulator.stop_camera("CAM00101")
        qtbot.waitUntil(
            lambda: (
                player.mediaStatus()
                in (
                    QMediaPlayer.MediaStatus.EndOfMedia,
                    QMediaPlayer.MediaStatus.InvalidMedia,
                )
                or player.error() != QMediaPlayer.Error.NoError
            ),
            timeout=3_000,
        )
    finally:
        player.stop()
        simulator.close()


def _ended(player: QMediaPlayer) -> bool:
    status = player.mediaStatus()
    return (
        status
        in (QMediaPlayer.MediaStatus.EndOfMedia, QMediaPlayer.MediaStatus.InvalidMedia)
        or player.error() != QMediaPlayer.Error.NoError
    )
