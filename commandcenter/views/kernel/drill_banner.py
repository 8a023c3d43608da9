"""The DRILL banner (演练横幅): while a drill is on, every window of every
workstation and the big screen says so, with the scenario and its clock
(PRODUCT §6: nobody mistakes a drill for real work).

`DrillWatch` is the one reader of the drill that is on per window tree: it
follows the change hub (drill events from any process) and reads the drill's
status once per change; the banner ticks the drill clock locally from the
status' last clock change, so it needs no read per second.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from commandcenter.services.drills.api import DrillStatus, drill_clock
from commandcenter.services.kernel.events import EntityKind
from commandcenter.views.kernel.coalesced_read import CoalescedRead
from commandcenter.views.kernel.pdf_document import BANNER_RED

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from commandcenter.services.container import Services
    from commandcenter.views.kernel.change_hub import ChangeHub, EntitiesChanged
    from commandcenter.views.kernel.task_runner import TaskRunner

translate = QCoreApplication.translate
TICK_MS = 250
"""How often the banner's clock is shown again: a quarter second of wall
time is fifteen seconds of drill time at ×60."""


class DrillWatch(QObject):
    """Says which drill is on, at start and after every change to any drill."""

    changed = Signal(object)
    """The `DrillStatus` of the drill that is on, or None."""

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        hub: ChangeHub,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.current: DrillStatus | None = None
        self._reader = CoalescedRead(
            runner,
            "drill",
            services.drill_queries.current,
            self._arrived,
            parent=self,
        )
        hub.entities_changed.connect(self._on_changed)

    def start(self) -> None:
        self._reader.request()

    def stop(self) -> None:
        self._reader.stop()

    def _on_changed(self, change: EntitiesChanged) -> None:
        if change.kind is EntityKind.DRILL:
            self._reader.request()

    def _arrived(self, status: DrillStatus | None) -> None:
        self.current = status
        self.changed.emit(status)


class DrillBanner(QLabel):
    """A red strip: 演练 · the scenario · the drill clock (and its speed)."""

    def __init__(
        self,
        watch: DrillWatch,
        clock: Callable[[], datetime],
        parent: QWidget | None = None,
        font_px: int = 0,
        holder: QWidget | None = None,
    ) -> None:
        """`holder`: what shows and hides with the drill, when not the banner
        itself (a tool bar's widget is shown and hidden through the bar)."""
        super().__init__(parent)
        self._clock = clock
        self._status: DrillStatus | None = None
        self.holder: QWidget = holder or self
        self.setObjectName("drillBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        size = f"font-size: {font_px}px;" if font_px else ""
        self.setStyleSheet(
            f"QLabel#drillBanner {{ background: {BANNER_RED}; color: white; "
            f"font-weight: bold; padding: 3px; {size} }}"
        )
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._show)
        watch.changed.connect(self.set_status)
        self.set_status(watch.current)

    def set_status(self, status: DrillStatus | None) -> None:
        self._status = status if status is not None and status.on else None
        self.holder.setVisible(self._status is not None)
        if self._status is None:
            self._tick.stop()
        else:
            self._tick.start()
        self._show()

    def _show(self) -> None:
        status = self._status
        if status is None:
            self.clear()
            return
        seconds = status.clock.seconds_at(self._clock())
        paused = status.clock.since is None
        state = (
            translate("Drill", "paused")
            if paused
            else translate("Drill", "×%1").replace("%1", f"{status.clock.speed:g}")
        )
        self.setText(
            translate("Drill", "DRILL · %1 · drill time %2 (%3) · not real work")
            .replace("%1", status.title)
            .replace("%2", drill_clock(seconds))
            .replace("%3", state)
        )


def banner_bar(
    window: QMainWindow, watch: DrillWatch, clock: Callable[[], datetime]
) -> DrillBanner:
    """The banner across the top of a main window, above its tool bars; it
    shows only while a drill is on."""
    bar = QToolBar(window)
    bar.setObjectName("drillBannerBar")  # saveState needs names
    bar.setMovable(False)
    bar.setFloatable(False)
    bar.toggleViewAction().setEnabled(False)  # not something to hide
    banner = DrillBanner(watch, clock, bar, holder=bar)
    bar.addWidget(banner)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
    # a row of its own, the whole width: the window's tool bars go below it
    window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    return banner
