"""A coalesced read runs at once when idle, once more after a burst of requests
while it runs, and never two at a time."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from commandcenter.views.kernel.coalesced_read import CoalescedRead
from commandcenter.views.kernel.task_runner import TaskRunner

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_a_burst_while_reading_costs_one_more_read(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    state = {"value": 0, "reads": 0, "running": 0, "most": 0}
    shown: list[int] = []

    def read() -> int:
        state["running"] += 1
        state["most"] = max(state["most"], state["running"])
        gate.wait(5)
        state["reads"] += 1
        state["running"] -= 1
        return state["value"]

    reader: CoalescedRead[int] = CoalescedRead(runner, "test", read, shown.append)
    try:
        reader.request()  # idle: runs at once
        for value in range(1, 6):  # a burst while it runs
            state["value"] = value
            reader.request()
        gate.set()
        qtbot.waitUntil(lambda: shown[-1:] == [5], timeout=5000)
        runner.wait_until_idle()
        assert state["reads"] == 2  # the first and one for the whole burst
        assert state["most"] == 1  # never two at a time
        reader.request()  # idle again: at once
        qtbot.waitUntil(lambda: len(shown) == 3, timeout=5000)
        reader.stop()
        reader.request()
        runner.wait_until_idle()
        assert len(shown) == 3  # stopped: no more reads
    finally:
        runner.shutdown()
