"""Python's cyclic garbage is collected on the GUI thread, never elsewhere.

The collector runs in whichever thread happens to allocate when a generation
fills up. A worker thread (the task runner's, the feed's) that frees a Qt
object that way runs its C++ destructor off the GUI thread: the destructor
takes Qt's lock of the object's connections, then asks for the interpreter
lock to reach the Python side; the GUI thread, holding the interpreter lock,
waits for that Qt lock to delete a widget. Both wait for ever (seen in CI: a
workstation test stuck with a worker in `QObject::~QObject` under
`gc_collect_main` inside `json.loads`, and the GUI thread in `~QWidget`).

So while a Qt application runs, automatic collection is off and a timer on
the GUI thread collects each generation when its threshold is reached, as
the automatic collector would have (the recipe PySide and PyQt users know).
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

if TYPE_CHECKING:
    from collections.abc import Iterator

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Collects garbage on the thread it lives on (create it on the GUI
    thread) while it runs; automatic collection is off meanwhile."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._was_enabled = False

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    @staticmethod
    def collect_due() -> None:
        """Collect the oldest generation whose count passed its threshold."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        due = [g for g in range(3) if counts[g] > thresholds[g]]
        if due:
            gc.collect(max(due))


@contextmanager
def collecting_on_this_thread(parent: QObject | None = None) -> Iterator[None]:
    """Garbage collected on this (the GUI) thread while the block runs."""
    collector = GuiThreadCollector(parent)
    collector.start()
    try:
        yield
    finally:
        collector.stop()
