"""The task runner: work off the GUI thread, results back on it, in order."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from commandcenter.services.kernel.changes import Changes
from commandcenter.services.kernel.errors import PermissionDeniedError
from commandcenter.views.kernel.task_runner import SLOW_AFTER_S, TaskRunner
from tests.services.factories import actor, new_case, place

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.shutdown()


def _on_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def test_query_runs_off_and_delivers_on_the_gui_thread(runner: TaskRunner) -> None:
    seen: list[tuple[str, bool]] = []
    runner.query(
        "where",
        lambda: threading.current_thread().name,
        lambda name: seen.append((name, _on_gui_thread())),
    )
    runner.wait_until_idle()
    assert len(seen) == 1
    worker, delivered_on_gui = seen[0]
    assert worker.startswith("cc-db")
    assert delivered_on_gui


def test_database_work_runs_one_at_a_time_in_order(runner: TaskRunner) -> None:
    order: list[int] = []
    active = threading.Semaphore(1)

    def work(n: int) -> int:
        assert active.acquire(blocking=False), "two database tasks at once"
        try:
            return n
        finally:
            active.release()

    for n in range(20):
        runner.query(f"q{n}", lambda n=n: work(n), order.append)
    runner.wait_until_idle()
    assert order == list(range(20))


def test_mutation_publishes_its_changes(
    runner: TaskRunner, services: Services, qtbot: QtBot
) -> None:
    operator = actor(services, "operator")
    delivered: list[Changes] = []
    with qtbot.waitSignal(runner.changes_published, timeout=5000) as published:
        runner.mutate(
            "report",
            lambda: services.cases.report(operator, new_case(place(services))),
            delivered.append,
        )
    assert isinstance(published.args[0], Changes)
    assert published.args[0].kinds == frozenset({"case"})
    assert published.args[1] is None  # no follow-up read was set
    runner.wait_until_idle()
    assert delivered == [published.args[0]]


def test_a_follow_up_read_travels_with_the_changes(
    runner: TaskRunner, services: Services, qtbot: QtBot
) -> None:
    operator = actor(services, "operator")
    runner.set_follow_up(lambda changes: services.queries.by_ids(changes.ids["case"]))
    with qtbot.waitSignal(runner.changes_published, timeout=5000) as published:
        runner.mutate(
            "report", lambda: services.cases.report(operator, new_case(place(services)))
        )
    changes, rows = published.args
    assert [row.id for row in rows] == list(changes.ids["case"])
    assert rows[0].state == "reported"


def test_refusals_reach_the_error_callback(
    runner: TaskRunner, services: Services
) -> None:
    wall = actor(services, "wall")
    errors: list[Exception] = []
    runner.mutate(
        "report",
        lambda: services.cases.report(wall, new_case(place(services))),
        lambda _changes: pytest.fail("a wall account may not report"),
        errors.append,
    )
    runner.wait_until_idle()
    assert len(errors) == 1
    assert isinstance(errors[0], PermissionDeniedError)


def test_errors_without_a_callback_are_signalled(
    runner: TaskRunner, qtbot: QtBot
) -> None:
    def broken() -> Any:
        raise ValueError("boom")

    with qtbot.waitSignal(runner.task_failed, timeout=5000) as failed:
        runner.query("broken", broken, lambda _r: None)
    assert failed.args[0] == "broken"
    assert str(failed.args[1]) == "boom"


def test_cancelled_task_never_calls_back(runner: TaskRunner) -> None:
    started = threading.Event()
    release = threading.Event()
    results: list[str] = []

    def slow() -> str:
        started.set()
        release.wait(5)
        return "late"

    task = runner.query("slow", slow, results.append)
    assert started.wait(5)
    task.cancel()
    release.set()
    runner.wait_until_idle()
    assert results == []


def test_io_runs_on_its_own_pool(runner: TaskRunner) -> None:
    seen: list[str] = []
    runner.io("file", lambda: threading.current_thread().name, seen.append)
    runner.wait_until_idle()
    assert seen[0].startswith("cc-io")


def test_synchronous_mode_completes_before_returning(qtbot: QtBot) -> None:
    runner = TaskRunner(synchronous=True)
    results: list[int] = []
    runner.query("now", lambda: 42, results.append)
    assert results == [42]
    assert runner.pending == 0
    runner.shutdown()


def test_work_past_half_a_second_is_announced_and_its_end_too(qtbot: QtBot) -> None:
    """The runner names work that runs past SLOW_AFTER_S on its clock (injected
    here: no test waits half a second), and says None when all of it is done."""
    now = [100.0]
    runner = TaskRunner(clock=lambda: now[0])
    release = threading.Event()
    announced: list[str | None] = []
    runner.slow.connect(announced.append)
    try:
        runner.io("export", lambda: release.wait(10), lambda _ok: None)
        now[0] += SLOW_AFTER_S / 2
        with qtbot.assertNotEmitted(runner.slow, wait=250):  # it looks, too early
            pass
        now[0] += SLOW_AFTER_S
        with qtbot.waitSignal(runner.slow, timeout=2000) as shown:
            pass
        assert shown.args == ["export"]
        with qtbot.waitSignal(runner.slow, timeout=5000) as over:
            release.set()
        assert over.args == [None]
        assert announced == ["export", None]
    finally:
        release.set()
        runner.shutdown()
