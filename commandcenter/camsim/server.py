"""The camera simulator: synthetic live cameras over HTTP MPEG-TS on loopback.

Each camera answers at `/{code}/sub.ts` (640x360) and `/{code}/main.ts`
(1280x720), 25 frames a second, MPEG-2 video in an MPEG-TS stream that Qt's
FFmpeg backend (and any player) plays. Every connection gets its own encoder,
paced to the wall clock, so a stream is only encoded while someone watches.
A camera can be stopped and started again (`POST /{code}/stop`, `/{code}/start`,
or `Simulator.stop_camera`): stopping ends its open streams at once and answers
503 until it is started, which is how the wall's reconnects are exercised.
`GET /stats` answers the frames sent so far per camera and stream, as JSON.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import av

from commandcenter.camsim.picture import Picture

if TYPE_CHECKING:
    from collections.abc import Iterable

FPS = 25
GOP = 12  # a keyframe every half second: a new viewer sees a picture at once


@dataclass(frozen=True, slots=True)
class StreamKind:
    width: int
    height: int
    bit_rate: int


STREAMS = {
    "sub": StreamKind(640, 360, 1_200_000),
    "main": StreamKind(1280, 720, 4_000_000),
}


def generic_cameras(count: int) -> list[tuple[str, str]]:
    """`count` cameras as (code, name): SIM001 模拟摄像头 001, …"""
    return [(f"SIM{n:03d}", f"模拟摄像头 {n:03d}") for n in range(1, count + 1)]


class _Sink:
    """A file-like object PyAV writes the muxed stream into: straight to the
    HTTP client."""

    def __init__(self, handler: BaseHTTPRequestHandler) -> None:
        self._handler = handler

    def write(self, data: bytes) -> int:
        self._handler.wfile.write(data)
        return len(data)

    def flush(self) -> None:
        self._handler.wfile.flush()


class Simulator:
    """Serves a set of cameras on one loopback port until `close`."""

    def __init__(
        self, cameras: Iterable[tuple[str, str]], host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.names = dict(cameras)
        self._stopped: set[str] = set()
        self._generation: dict[str, int] = dict.fromkeys(self.names, 0)
        self._sent: dict[str, int] = {}
        self._lock = threading.Lock()
        simulator = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def do_GET(self) -> None:
                simulator._serve(self)

            def do_POST(self) -> None:
                simulator._control(self)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: a wall opens and closes streams all the time."""

        self._server = ThreadingHTTPServer((host, port), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="camsim", daemon=True
        )
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, code: str, stream: str = "sub") -> str:
        return f"http://127.0.0.1:{self.port}/{code}/{stream}.ts"

    def stop_camera(self, code: str) -> None:
        """The camera goes dark: open streams end, new ones get 503."""
        with self._lock:
            self._stopped.add(code)
            self._generation[code] += 1

    def start_camera(self, code: str) -> None:
        with self._lock:
            self._stopped.discard(code)

    def frames_sent(self) -> dict[str, int]:
        """Frames handed to viewers so far, per `code/stream` (e.g. `CAM1/sub`):
        what a benchmark compares the frames a wall showed against."""
        with self._lock:
            return dict(self._sent)

    def close(self) -> None:
        with self._lock:
            self._stopped.update(self.names)
            for code in self._generation:
                self._generation[code] += 1
        self._server.shutdown()
        self._server.server_close()

    # -- requests -------------------------------------------------------------------

    def _route(self, path: str) -> tuple[str, str] | None:
        parts = path.strip("/").split("/")
        if len(parts) != 2:
            return None
        code, leaf = parts
        stream = leaf.removesuffix(".ts")
        if code not in self.names or (leaf.endswith(".ts") and stream not in STREAMS):
            return None
        return code, stream

    def _control(self, request: BaseHTTPRequestHandler) -> None:
        route = self._route(request.path)
        if route is None or route[1] not in ("stop", "start"):
            request.send_error(HTTPStatus.NOT_FOUND)
            return
        code, action = route
        (self.stop_camera if action == "stop" else self.start_camera)(code)
        request.send_response(HTTPStatus.NO_CONTENT)
        request.end_headers()

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        if request.path == "/stats":
            body = json.dumps(self.frames_sent()).encode()
            request.send_response(HTTPStatus.OK)
            request.send_header("Content-Type", "application/json")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
            return
        route = self._route(request.path)
        if route is None or route[1] not in STREAMS:
            request.send_error(HTTPStatus.NOT_FOUND)
            return
        code, stream = route
        with self._lock:
            if code in self._stopped:
                request.send_error(HTTPStatus.SERVICE_UNAVAILABLE, "camera offline")
                return
            generation = self._generation[code]
        request.send_response(HTTPStatus.OK)
        request.send_header("Content-Type", "video/mp2t")
        request.send_header("Cache-Control", "no-store")
        request.end_headers()
        # the viewer may go away at any moment (PyAV wraps the broken pipe)
        with contextlib.suppress(OSError, av.error.FFmpegError):
            self._stream(request, code, stream, generation)

    def _alive(self, code: str, generation: int) -> bool:
        with self._lock:
            return self._generation[code] == generation

    def _stream(
        self,
        request: BaseHTTPRequestHandler,
        code: str,
        stream: str,
        generation: int,
    ) -> None:
        kind = STREAMS[stream]
        picture = Picture(self.names[code], kind.width, kind.height)
        with av.open(_Sink(request), mode="w", format="mpegts") as container:
            video = container.add_stream("mpeg2video", rate=FPS)
            video.width = kind.width
            video.height = kind.height
            video.pix_fmt = "yuv420p"
            video.bit_rate = kind.bit_rate
            video.gop_size = GOP
            # the first group of pictures goes out at once, as a streaming server's
            # GOP cache does: the player's probe finds the stream without waiting
            start = time.monotonic() - GOP / FPS
            index = 0
            while self._alive(code, generation):
                due = start + index / FPS
                delay = due - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
                image = picture.frame(index / FPS, datetime.now(UTC))
                frame = av.VideoFrame.from_ndarray(image, format="yuv420p")
                frame.pts = index
                for packet in video.encode(frame):
                    container.mux(packet)
                index += 1
                with self._lock:
                    key = f"{code}/{stream}"
                    self._sent[key] = self._sent.get(key, 0) + 1
