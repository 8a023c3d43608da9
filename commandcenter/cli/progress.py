"""Progress on a terminal: a bar with the time left, redrawn at most ten times a
second on one line; plain lines (each stage, then every quarter) when the output
is not a terminal, so logs and CI stay readable. It goes to standard output with
the command's result: standard error holds one line, the reason of a failure."""

from __future__ import annotations

import sys
import time
from typing import TextIO

_WIDTH = 30
_REDRAW_S = 0.1


class TerminalProgress:
    """`commandcenter.services.kernel.progress.Progress` for the command line."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stdout
        self._tty = self._stream.isatty()
        self._name = ""
        self._total = 0
        self._done = 0
        self._started = 0.0
        self._drawn = 0.0
        self._quarter = 0

    def stage(self, name: str, total: int = 0) -> None:
        self._end_line()
        self._name, self._total, self._done = name, total, 0
        self._started = self._drawn = time.monotonic()
        self._quarter = 0
        if self._tty and total:
            self._draw()
        else:
            self._write(f"  {name}\n")

    def advance(self, done: int = 1) -> None:
        if not self._total:
            return
        self._done = min(self._total, self._done + done)
        now = time.monotonic()
        if self._tty:
            if now - self._drawn >= _REDRAW_S or self._done == self._total:
                self._drawn = now
                self._draw()
            return
        quarter = self._done * 4 // self._total
        if quarter > self._quarter:
            self._quarter = quarter
            self._write(f"  {self._name}: {quarter * 25} %\n")

    def close(self) -> None:
        """Finish the bar's line (call when the work is done or stopped)."""
        self._end_line()

    def _draw(self) -> None:
        share = self._done / self._total if self._total else 0.0
        filled = int(share * _WIDTH)
        bar = "#" * filled + "-" * (_WIDTH - filled)
        elapsed = time.monotonic() - self._started
        if 0 < share < 1:
            left = elapsed * (1 - share) / share
            eta = f"ETA {int(left) // 60}:{int(left) % 60:02d}"
        else:
            eta = f"{elapsed:.0f} s" if share >= 1 else "ETA …"
        self._write(f"\r  {self._name} [{bar}] {share:4.0%} {eta}\x1b[K")

    def _end_line(self) -> None:
        if self._tty and self._total:
            self._write("\n")
            self._total = 0

    def _write(self, text: str) -> None:
        self._stream.write(text)
        self._stream.flush()
