"""The camera simulator in a process of its own.

The demo, the wall's tests and its benchmark all run it this way: encoding 16
streams in Python would otherwise hold the interpreter lock the GUI thread needs,
and a benchmark would count the simulator's CPU as the wall's.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request
from typing import TYPE_CHECKING

from commandcenter.camsim.server import generic_cameras
from commandcenter.services.cameras.api import (
    CameraInfo,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import TracebackType


class CamsimProcess:
    """A camera simulator on a loopback port: one this object started (and
    stops on `close()`), or one it attached to. Also a context manager."""

    def __init__(self, port: int, process: subprocess.Popen[str] | None = None) -> None:
        self.port = port
        self._process = process

    @classmethod
    def start(cls, args: Sequence[str]) -> CamsimProcess:
        """Run `commandcenter camsim ARGS` and wait until it serves."""
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from commandcenter.cli import main; raise SystemExit(main())",
                "camsim",
                *args,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.search(r"127\.0\.0\.1:(\d+)/", line)
        if not found:
            process.wait(10)
            raise RuntimeError(f"the camera simulator did not start: {line.strip()}")
        return cls(int(found.group(1)), process)

    @classmethod
    def attach(cls, port: int) -> CamsimProcess:
        """A simulator some other process started (closing leaves it running)."""
        return cls(port)

    @classmethod
    def generic(cls, count: int, port: int = 0) -> CamsimProcess:
        """N cameras named SIM001…, on a free port unless one is given."""
        return cls.start(["--count", str(count), "--port", str(port)])

    def generic_cameras(self, count: int) -> list[CameraInfo]:
        """`generic(count)`'s cameras as the wall receives them, four to a
        street (for tours), at made-up places."""
        return [
            CameraInfo(
                id=n,
                code=code,
                name=name,
                lon=121.43 + n / 1000,
                lat=31.18,
                grid_code="",
                street=f"街道{(n - 1) // 4 + 1}",
                group="",
                main_url=self.url(code, "main"),
                sub_url=self.url(code, "sub"),
            )
            for n, (code, name) in enumerate(generic_cameras(count), start=1)
        ]

    def url(self, code: str, stream: str = "sub") -> str:
        return f"http://127.0.0.1:{self.port}/{code}/{stream}.ts"

    def stop_camera(self, code: str) -> None:
        self._post(f"/{code}/stop")

    def start_camera(self, code: str) -> None:
        self._post(f"/{code}/start")

    def frames_sent(self) -> dict[str, int]:
        """Frames sent so far per `code/stream`."""
        with urllib.request.urlopen(
            f"http://127.0.0.1:{self.port}/stats", timeout=5
        ) as reply:
            return dict(json.load(reply))

    def _post(self, path: str) -> None:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", method="POST"
        )
        urllib.request.urlopen(request, timeout=5).close()

    def close(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(10)

    def __enter__(self) -> CamsimProcess:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()
