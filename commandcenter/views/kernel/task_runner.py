"""Slow work off the GUI thread (ARCHITECTURE.md §3).

One single-worker executor runs database work (each task opens its own session
through the services), so reads and writes from the GUI happen one at a time and
in order; a small pool runs other I/O. Results and errors come back to the GUI
thread through a queued Qt signal, so callbacks may touch widgets. A mutation's
`Changes` are also published on `changes_published` for every view to react to.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.kernel.changes import Changes

T = TypeVar("T")


SLOW_AFTER_S = 0.5
"""Work running longer than this is shown as going on (ARCHITECTURE §3)."""


@dataclass(eq=False)  # identity: tasks live in a set until delivered
class Task:
    """A handle on submitted work: cancelling means its callbacks never run."""

    name: str
    started: float = 0.0
    cancelled: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        self.cancelled.set()


class TaskRunner(QObject):
    """Runs queries, mutations and I/O off the GUI thread."""

    changes_published = Signal(object, object)
    """A mutation committed: the `Changes` it returned, and what the follow-up
    read returned for them (None without one; see `set_follow_up`)."""
    task_failed = Signal(str, object)
    """Task name and the exception, for tasks submitted without an error callback."""
    slow = Signal(object)
    """The name of the oldest work running longer than SLOW_AFTER_S, for a busy
    indicator; None once nothing is running any more."""
    _finished = Signal(object, object, object, object)

    def __init__(
        self,
        synchronous: bool = False,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._synchronous = synchronous
        self._clock = clock
        self._slow_shown: str | None = None
        self._slow_check = QTimer(self)
        self._slow_check.setInterval(100)
        self._slow_check.timeout.connect(self._check_slow)
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cc-db")
        self._io = ThreadPoolExecutor(max_workers=4, thread_name_prefix="cc-io")
        self._pending = 0
        self._open: set[Task] = set()  # submitted, not yet delivered
        self._follow_up: Callable[[Changes], object] | None = None
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    def query(
        self,
        name: str,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None] | None = None,
    ) -> Task:
        """Read on the database worker; `done(result)` runs on the GUI thread."""
        return self._submit(self._db, name, work, done, failed, publish=False)

    def set_follow_up(self, read: Callable[[Changes], object] | None) -> None:
        """A read to run on the database worker right after each successful
        mutation, in the same trip; its result is published with the Changes,
        so a window shows its own change without another round trip."""
        self._follow_up = read

    def mutate(
        self,
        name: str,
        work: Callable[[], Changes],
        done: Callable[[Changes], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> Task:
        """A service operation on the database worker; its Changes are published."""
        return self._submit(
            self._db, name, partial(_then, work, self._follow_up), done, failed, True
        )

    def io(
        self,
        name: str,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None] | None = None,
    ) -> Task:
        """Other blocking work (files, network) on the I/O pool."""
        return self._submit(self._io, name, work, done, failed, publish=False)

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        name: str,
        work: Callable[[], Any],
        done: Callable[[Any], None] | None,
        failed: Callable[[Exception], None] | None,
        publish: bool,
    ) -> Task:
        task = Task(name, self._clock())
        callbacks = (done, failed, publish)
        self._pending += 1
        self._open.add(task)
        if not self._slow_check.isActive():
            self._slow_check.start()
        if self._synchronous:
            self._complete(task, callbacks, *_run(work))
            return task
        future: Future[Any] = pool.submit(_run, work)
        future.add_done_callback(partial(self._deliver, task, callbacks))
        return task

    def _deliver(
        self, task: Task, callbacks: tuple[Any, Any, bool], future: Future[Any]
    ) -> None:
        """On the worker: hand the outcome to the GUI thread. Work dropped at
        shutdown was never run and has nothing to deliver."""
        if not future.cancelled():
            self._finished.emit(task, callbacks, *future.result())

    def _on_finished(
        self, task: Task, callbacks: tuple[Any, Any, bool], result: Any, error: Any
    ) -> None:
        self._complete(task, callbacks, result, error)

    def _complete(
        self,
        task: Task,
        callbacks: tuple[Any, Any, bool],
        result: Any,
        error: Exception | None,
    ) -> None:
        self._pending -= 1
        self._open.discard(task)
        if not self._open:
            self._check_slow()
        done, failed, publish = callbacks
        if task.cancelled.is_set():
            return
        if error is not None:
            if failed is not None:
                failed(error)
            else:
                self.task_failed.emit(task.name, error)
            return
        if publish:
            result, extra = result
            self.changes_published.emit(result, extra)
        if done is not None:
            done(result)

    def _check_slow(self) -> None:
        """Say when work has run past SLOW_AFTER_S, and when all of it is over."""
        if not self._open:
            self._slow_check.stop()
            shown = None
        else:
            oldest = min(self._open, key=lambda task: task.started)
            slow = self._clock() - oldest.started >= SLOW_AFTER_S
            shown = oldest.name if slow else self._slow_shown
        if shown != self._slow_shown:
            self._slow_shown = shown
            self.slow.emit(shown)

    @property
    def pending(self) -> int:
        return self._pending

    def wait_until_idle(self, timeout: float = 10.0) -> None:
        """Process events until every submitted task has delivered (tests)."""
        deadline = time.monotonic() + timeout
        while self._pending:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self._pending} tasks still running")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.001)

    def shutdown(self) -> None:
        """Wait for running work, drop what has not started, and deliver
        nothing more: the widgets the callbacks belong to are going away."""
        self._slow_check.stop()
        for task in list(self._open):
            task.cancel()
        self._db.shutdown(wait=True, cancel_futures=True)
        self._io.shutdown(wait=True, cancel_futures=True)


def _run(work: Callable[[], Any]) -> tuple[Any, Exception | None]:
    try:
        return work(), None
    except Exception as error:  # noqa: BLE001 - delivered to the GUI thread as data
        return None, error


def _then(
    work: Callable[[], Changes], read: Callable[[Changes], object] | None
) -> tuple[Changes, object]:
    """A mutation and its follow-up read. A failing read does not fail the
    committed mutation: the change feed brings the same data a moment later."""
    changes = work()
    if read is None:
        return changes, None
    try:
        return changes, read(changes)
    except Exception:  # noqa: BLE001 - see the docstring
        return changes, None
