"""How long the GUI thread was kept from its event loop: a timer asks to run
every few milliseconds and every late arrival is a stall the user felt.

Used by the wall's tests and benchmark; cheap enough to leave running.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Qt, QTimer

INTERVAL_MS = 5


class StallMeter(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._beat)
        self._last = 0.0
        self.stalls_ms: list[float] = []
        """Per beat: how much later than asked it came (0 when on time)."""

    def start(self) -> None:
        self.stalls_ms.clear()
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.stalls_ms.append(max(0.0, (now - self._last) * 1000 - INTERVAL_MS))
        self._last = now

    @property
    def samples(self) -> int:
        return len(self.stalls_ms)

    @property
    def longest_ms(self) -> float:
        return max(self.stalls_ms, default=0.0)

    def percentile_ms(self, share: float) -> float:
        ordered = sorted(self.stalls_ms)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
