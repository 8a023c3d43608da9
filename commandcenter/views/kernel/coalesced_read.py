"""A read that follows changes without piling up: asked again while it runs, it
runs once more when it ends; asked when idle, it runs at once. No fixed delay
(a change shows as soon as one read takes), never two reads of the same thing
at a time (a burst of changes costs two reads, not one each), never a change
missed (the read after the last request starts after it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.views.kernel.task_runner import TaskRunner

T = TypeVar("T")


class CoalescedRead(QObject, Generic[T]):
    """`request()` after each change; `done(result)` on the GUI thread."""

    def __init__(
        self,
        runner: TaskRunner,
        name: str,
        read: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._name = name
        self._read = read
        self._done = done
        self._failed = failed
        self._busy = False
        self._again = False
        self._stopped = False

    def request(self) -> None:
        if self._stopped:
            return
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._runner.query(self._name, self._read, self._finished, self._error)

    def stop(self) -> None:
        """No more reads (the view is closing); one under way is dropped."""
        self._stopped = True

    def _finished(self, result: Any) -> None:
        self._busy = False
        if self._stopped:
            return
        self._done(result)
        self._next()

    def _error(self, error: Exception) -> None:
        self._busy = False
        if self._stopped:
            return
        if self._failed is not None:
            self._failed(error)
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self.request()
