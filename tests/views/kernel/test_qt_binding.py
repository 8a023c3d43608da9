"""The Qt binding itself keeps reference counts: a window that runs for a shift
emits its own signals hundreds of thousands of times.

PySide6 6.12.0 dropped one reference to `True` on every emit of a
Python-defined signal to a Python slot; once the count reached zero the
interpreter aborted ("bool_dealloc: deallocating True or False"). A
workstation or wall following a busy feed would die within hours, so
pyproject.toml keeps PySide6 below 6.12 and this test refuses a binding with
the fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    changed = Signal(object)


def test_emitting_a_python_signal_keeps_the_count_of_true() -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.changed.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(200):
        emitter.changed.emit([1])
    assert len(received) == 200
    assert sys.getrefcount(True) - before >= 0  # 6.12.0: -200
