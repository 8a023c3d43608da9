"""The video wall against the camera simulator (in its own process): tiles go
live and count frames, a camera that dies shows "no signal" and comes back by
itself, maximising switches to the main stream, tours advance, the GUI thread
never stalls, and the decoder cap holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from commandcenter.camsim.process import CamsimProcess
from commandcenter.camsim.server import generic_cameras
from commandcenter.views.video.video_tile import (
    CAMERA_MIME,
    STALL_S,
    TileState,
    camera_code,
)
from commandcenter.views.video.video_wall import DEFAULT_TOUR_SECONDS, VideoWall
from tests.views.display import require_display

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from pytestqt.qtbot import QtBot

    from commandcenter.services.cameras.registry import CameraInfo

pytestmark = pytest.mark.media


def wall_cameras(sim: CamsimProcess) -> list[CameraInfo]:
    return sim.generic_cameras(16)


@pytest.fixture(scope="module")
def sim() -> Iterator[CamsimProcess]:
    require_display("the video wall")
    with CamsimProcess.generic(16) as process:
        yield process


@pytest.fixture
def wall(qtbot: QtBot, sim: CamsimProcess) -> Iterator[VideoWall]:
    wall = VideoWall()
    qtbot.addWidget(wall)
    wall.set_cameras(wall_cameras(sim))
    wall.resize(1280, 760)
    wall.show()
    qtbot.waitExposed(wall)
    yield wall
    wall.stop()


def _live(wall: VideoWall, indexes: range | list[int]) -> bool:
    return all(wall.tiles[i].state is TileState.LIVE for i in indexes)


def test_four_tiles_go_live_and_count_frames(qtbot: QtBot, wall: VideoWall) -> None:
    wall.set_layout("4")
    wall.show_cameras(["SIM001", "SIM002", "SIM003", "SIM004"])
    qtbot.waitUntil(lambda: _live(wall, range(4)), timeout=10_000)
    before = [wall.tiles[i].frames for i in range(4)]
    # pictures keep coming on every tile (the rate is bench/videowall.py's)
    qtbot.waitUntil(
        lambda: all(wall.tiles[i].frames >= before[i] + 25 for i in range(4)),
        timeout=10_000,
    )
    assert wall.tiles[0].frame_size.toTuple() == (640, 360)
    assert wall.budget.in_use == 4


def test_a_dead_camera_shows_no_signal_then_comes_back_alone(
    qtbot: QtBot, wall: VideoWall, sim: CamsimProcess
) -> None:
    wall.set_layout("4")
    wall.show_cameras(["SIM005", "SIM006", "SIM007", "SIM008"])
    qtbot.waitUntil(lambda: _live(wall, range(4)), timeout=10_000)
    sim.stop_camera("SIM006")
    try:
        # a tile says "no signal" once STALL_S pass without a picture (PRODUCT:
        # within 3 s); the test waits for the state, not the clock
        assert STALL_S < 3.0
        qtbot.waitUntil(
            lambda: wall.tiles[1].state is TileState.NO_SIGNAL, timeout=10_000
        )
        others = [wall.tiles[i].frames for i in (0, 2, 3)]
        qtbot.waitUntil(
            lambda: all(
                wall.tiles[i].frames > before + 15
                for i, before in zip((0, 2, 3), others, strict=True)
            ),
            timeout=10_000,
        )
        assert all(wall.tiles[i].state is TileState.LIVE for i in (0, 2, 3))
    finally:
        sim.start_camera("SIM006")
    # no user action: the tile's back-off brings it back
    qtbot.waitUntil(lambda: wall.tiles[1].state is TileState.LIVE, timeout=15_000)


def test_maximise_plays_the_main_stream_and_restore_the_sub_stream(
    qtbot: QtBot, wall: VideoWall
) -> None:
    wall.set_layout("4")
    wall.show_cameras(["SIM009", "SIM010"])
    qtbot.waitUntil(lambda: _live(wall, [0, 1]), timeout=10_000)
    tile = wall.tiles[0]
    wall.toggle_maximise(0)
    qtbot.waitUntil(
        lambda: (
            tile.state is TileState.LIVE and tile.frame_size.toTuple() == (1280, 720)
        ),
        timeout=10_000,
    )
    assert not wall.tiles[1].isVisible()
    qtbot.waitUntil(lambda: not wall.tiles[1].decoding, timeout=2_000)  # released
    wall.toggle_maximise(0)
    qtbot.waitUntil(
        lambda: _live(wall, [0, 1]) and tile.frame_size.toTuple() == (640, 360),
        timeout=10_000,
    )


def test_the_large_tile_of_an_asymmetric_layout_plays_the_main_stream(
    qtbot: QtBot, wall: VideoWall
) -> None:
    wall.set_layout("1+5")
    wall.show_cameras(["SIM001", "SIM002"])
    big, small = wall.tiles[0], wall.tiles[1]
    qtbot.waitUntil(
        lambda: _live(wall, [0, 1]) and big.frame_size.toTuple() == (1280, 720),
        timeout=10_000,
    )
    assert small.frame_size.toTuple() == (640, 360)
    wall.set_layout("4")  # the same tile is small now: back to the sub stream
    qtbot.waitUntil(
        lambda: big.state is TileState.LIVE and big.frame_size.toTuple() == (640, 360),
        timeout=10_000,
    )


def test_a_tour_moves_the_tile_through_a_street(qtbot: QtBot, wall: VideoWall) -> None:
    wall.set_layout("1")
    wall.start_tour(0, wall.street_codes("街道2"), seconds=1)
    seen: list[str] = []

    def record() -> bool:
        camera = wall.tiles[0].camera
        if camera is not None and camera.code not in seen:
            seen.append(camera.code)
        return len(seen) >= 3

    qtbot.waitUntil(record, timeout=6_000)
    assert seen[:3] == ["SIM005", "SIM006", "SIM007"]


def test_the_decoder_cap_leaves_a_tile_waiting_with_a_reason(
    qtbot: QtBot, sim: CamsimProcess
) -> None:
    wall = VideoWall(max_decoders=2)
    qtbot.addWidget(wall)
    wall.set_cameras(wall_cameras(sim))
    wall.show()
    wall.show_cameras(["SIM011", "SIM012", "SIM013"])
    try:
        qtbot.waitUntil(lambda: wall.tiles[2].state is TileState.WAITING, timeout=5_000)
        assert wall.budget.in_use == 2
        assert "2" in wall.tiles[2]._message.text()
        wall.clear_tile(0)  # a decoder comes free: the waiting tile takes it
        qtbot.waitUntil(lambda: wall.tiles[2].state is TileState.LIVE, timeout=10_000)
    finally:
        wall.stop()


def test_presets_and_the_wall_survive_a_restart(
    qtbot: QtBot, wall: VideoWall, sim: CamsimProcess, tmp_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "wall.ini"), QSettings.Format.IniFormat)
    wall.set_layout("1+5")
    wall.show_cameras(["SIM014", "SIM015"])
    wall.save_preset("路口")
    wall.set_layout("9")
    wall.save_settings(settings)
    wall.stop()
    settings.setValue("videowall/tour_seconds", "20s")  # a hand-edited typo

    again = VideoWall()
    qtbot.addWidget(again)
    again.set_cameras(wall_cameras(sim))
    again.restore_settings(settings)
    try:
        assert again.layout_name == "9"
        assert again.tour_seconds.value() == DEFAULT_TOUR_SECONDS  # not a crash
        assert again.preset_names() == ["路口"]
        again.apply_preset("路口")
        assert again.layout_name == "1+5"
        codes = [t.camera.code if t.camera else "" for t in again.tiles[:2]]
        assert codes == ["SIM014", "SIM015"]
    finally:
        again.stop()


def test_sixteen_tiles_ride_out_a_flapping_camera(
    qtbot: QtBot, wall: VideoWall, sim: CamsimProcess
) -> None:
    """A camera going down and up again, three times, takes only its own tile
    with it (how long the GUI thread is held meanwhile is bench/videowall.py's
    `gui_stall_*`)."""
    wall.set_layout("16")
    wall.show_cameras([code for code, _ in generic_cameras(16)])
    qtbot.waitUntil(lambda: _live(wall, range(16)), timeout=20_000)
    flapping = wall.tiles[15]
    try:
        for _ in range(3):
            sim.stop_camera("SIM016")
            qtbot.waitUntil(
                lambda: flapping.state is TileState.NO_SIGNAL, timeout=10_000
            )
            assert _live(wall, range(15))
            sim.start_camera("SIM016")
            qtbot.waitUntil(lambda: flapping.state is TileState.LIVE, timeout=30_000)
    finally:
        sim.start_camera("SIM016")
    assert _live(wall, range(16))


def test_a_camera_dropped_from_the_tree_or_the_map_plays_on_that_tile(
    qtbot: QtBot, wall: VideoWall
) -> None:
    wall.set_layout("4")
    from_tree = QMimeData()
    from_tree.setData(CAMERA_MIME, b"SIM003")
    from_map = QMimeData()
    from_map.setText("camera:SIM004")  # what the map page's dragstart sets
    for index, mime in ((1, from_tree), (2, from_map)):
        tile = wall.tiles[index]
        where = tile.rect().center()
        for event in (
            QDragEnterEvent(  # Qt takes a whole point here, a real one below
                where,
                Qt.DropAction.CopyAction,
                mime,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            ),
            QDropEvent(
                QPointF(where),
                Qt.DropAction.CopyAction,
                mime,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        ):
            QApplication.sendEvent(tile, event)
            assert event.isAccepted()
    assert [t.camera.code if t.camera else "" for t in wall.tiles[:3]] == [
        "",
        "SIM003",
        "SIM004",
    ]
    assert wall.focused == 2
    ignored = QMimeData()
    ignored.setText("hello")
    assert camera_code(ignored) is None
