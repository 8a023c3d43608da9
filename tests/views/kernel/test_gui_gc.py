"""Garbage is collected on the GUI thread only (views/kernel/gui_gc.py): a
worker thread that allocates a great deal never frees a Qt object."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject

from commandcenter.views.kernel.gui_gc import GuiThreadCollector


class _Cycle(QObject):
    """A Qt object in a reference cycle: only the cyclic collector frees it."""

    def __init__(self) -> None:
        super().__init__()
        self.me = self


def test_a_worker_thread_never_frees_a_qt_object() -> None:
    collector = GuiThreadCollector()
    collector.start()
    try:
        assert not gc.isenabled()
        garbage = _Cycle()
        freed = weakref.ref(garbage)
        del garbage
        worker = threading.Thread(target=lambda: [[i] for i in range(200_000)])
        worker.start()
        worker.join()
        assert freed() is not None  # a worker's allocations collected nothing
        GuiThreadCollector.collect_due()
        gc.collect()  # what the GUI thread's timer does, in full
        assert freed() is None
    finally:
        collector.stop()
