"""The camera simulator: real MPEG-TS over HTTP, live-paced, stoppable per camera."""

from __future__ import annotations

import io
import json
import threading
import time
import urllib.error
import urllib.request
from typing import TYPE_CHECKING

import av
import numpy as np
import pytest

from commandcenter.camsim.server import FPS, GOP, Simulator

if TYPE_CHECKING:
    from collections.abc import Iterator

CAMERAS = [("CAM00101", "漕溪北路天钥桥路路口"), ("CAM00102", "肇嘉浜路口")]


@pytest.fixture
def simulator() -> Iterator[Simulator]:
    sim = Simulator(CAMERAS)
    yield sim
    sim.close()


def _record(url: str, seconds: float) -> bytes:
    data = io.BytesIO()
    end = time.monotonic() + seconds
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.headers["Content-Type"] == "video/mp2t"
        while time.monotonic() < end:
            chunk = response.read1(65536)
            if not chunk:
                break
            data.write(chunk)
    return data.getvalue()


def _settled(simulator: Simulator) -> dict[str, int]:
    """The frame counts once a closed stream's server thread stopped writing: it
    notices the client left only when a write fails, so one more frame may go
    out after the client closed."""
    last = simulator.frames_sent()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        time.sleep(3 / FPS)
        now = simulator.frames_sent()
        if now == last:
            return now
        last = now
    raise AssertionError(f"the frame counts never settled: {last}")


def _frames(data: bytes) -> list[av.VideoFrame]:
    with av.open(io.BytesIO(data), format="mpegts") as container:
        return list(container.decode(video=0))


@pytest.mark.parametrize(
    ("stream", "size"), [("sub", (640, 360)), ("main", (1280, 720))]
)
def test_streams_play_live_at_their_resolution(
    simulator: Simulator, stream: str, size: tuple[int, int]
) -> None:
    frames = _frames(_record(simulator.url("CAM00101", stream), 2.0))
    # paced to the clock: one GOP at once, then about FPS a second
    assert 0.7 * 2 * FPS <= len(frames) <= 2 * FPS + GOP + 5
    assert (frames[0].width, frames[0].height) == size
    first = frames[0].to_ndarray(format="rgb24").astype(int)
    last = frames[-1].to_ndarray(format="rgb24").astype(int)
    assert np.abs(first - last).mean() > 1  # the picture moves
    # the count a benchmark compares against, served as JSON too
    settled = _settled(simulator)
    with urllib.request.urlopen(f"http://127.0.0.1:{simulator.port}/stats") as reply:
        sent = json.load(reply)
    assert sent == settled
    assert sent[f"CAM00101/{stream}"] >= len(frames)


def test_a_stopped_camera_ends_its_streams_and_comes_back(simulator: Simulator) -> None:
    ended = threading.Event()

    def watch() -> None:
        with urllib.request.urlopen(simulator.url("CAM00102"), timeout=5) as response:
            while response.read1(65536):
                pass
        ended.set()

    threading.Thread(target=watch, daemon=True).start()
    time.sleep(0.5)
    simulator.stop_camera("CAM00102")
    assert ended.wait(1.0)
    with pytest.raises(urllib.error.HTTPError, match="503"):
        urllib.request.urlopen(simulator.url("CAM00102"), timeout=5)
    # the other camera is not affected
    assert len(_frames(_record(simulator.url("CAM00101"), 0.6))) > 5
    simulator.start_camera("CAM00102")
    assert len(_frames(_record(simulator.url("CAM00102"), 0.6))) > 5


def test_control_and_unknown_paths(simulator: Simulator) -> None:
    base = f"http://127.0.0.1:{simulator.port}"
    stop = urllib.request.Request(f"{base}/CAM00101/stop", method="POST")
    with urllib.request.urlopen(stop, timeout=5) as response:
        assert response.status == 204
    with pytest.raises(urllib.error.HTTPError, match="503"):
        urllib.request.urlopen(simulator.url("CAM00101"), timeout=5)
    start = urllib.request.Request(f"{base}/CAM00101/start", method="POST")
    urllib.request.urlopen(start, timeout=5).close()
    for path in ("/NOPE/sub.ts", "/CAM00101/side.ts", "/CAM00101"):
        with pytest.raises(urllib.error.HTTPError, match="404"):
            urllib.request.urlopen(base + path, timeout=5)
