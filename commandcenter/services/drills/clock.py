"""The controller's clock (演练时钟): drill time runs at a chosen speed of wall
time from the start, stands still while paused, and can jump forward to an
inject. Every drill event carries both times (PRODUCT §6); this is where the
one becomes the other.

Plain arithmetic over a monotonic wall clock (injectable, so tests and the
headless runner move time themselves): drill time = the drill time at the last
change of speed or state + speed × the wall time since.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from commandcenter.services.kernel.errors import ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_SPEED = 60


class DrillClock:
    """Drill seconds since the start; not started, running or paused."""

    def __init__(self, wall: Callable[[], float] = time.monotonic) -> None:
        self._wall = wall
        self._speed = 1.0
        self._base = 0.0  # drill seconds at `_since`
        self._since: float | None = None  # wall time of the last change; None: stopped

    @property
    def speed(self) -> float:
        return self._speed

    @property
    def running(self) -> bool:
        return self._since is not None

    def now(self) -> float:
        """Drill seconds since the start (the start itself is 0)."""
        if self._since is None:
            return self._base
        return self._base + (self._wall() - self._since) * self._speed

    def start(self, at: float | None = None) -> None:
        """Start from drill time 0 (or go on after `pause`, like `resume`), at
        wall time `at` if given (when the drill's record says it began)."""
        if self._since is None:
            self._since = self._wall() if at is None else at

    def resume(self) -> None:
        self.start()

    def pause(self) -> None:
        if self._since is not None:
            self._base = self.now()
            self._since = None

    def set_speed(self, speed: float) -> None:
        """×1 to ×60; drill time so far is kept."""
        if not 1 <= speed <= MAX_SPEED:
            raise ValidationError(
                f"a drill runs at 1 to {MAX_SPEED} times real time",
                "drill.speed",
                most=MAX_SPEED,
            )
        self._rebase()
        self._speed = float(speed)

    def skip_to(self, drill_seconds: float) -> None:
        """Jump forward to a drill time (to an inject); never back."""
        if drill_seconds < self.now():
            raise ValidationError(
                "a drill's clock only moves forward", "drill.clock_back"
            )
        self._base = drill_seconds
        if self._since is not None:
            self._since = self._wall()

    def wall_seconds_until(self, drill_seconds: float) -> float | None:
        """Wall seconds until drill time reaches `drill_seconds` at the current
        speed (0 if it has); None while paused (it will not by itself)."""
        if self._since is None:
            return None
        return max(0.0, (drill_seconds - self.now()) / self._speed)

    def _rebase(self) -> None:
        if self._since is not None:
            self._base = self.now()
            self._since = self._wall()
