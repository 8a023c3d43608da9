"""The one place where the change feed enters Qt (ARCHITECTURE.md §2).

A worker thread waits on the feed (PostgreSQL LISTEN/NOTIFY or the SQLite poll)
and hands each batch of events to the GUI thread as the `events_arrived` signal;
views subscribe to that signal only and never poll the database themselves. When
the database cannot be reached the bridge says so (`connection_changed(False)`),
retries with backoff, and resumes from the last event it delivered, so nothing
committed meanwhile is lost.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from commandcenter.services.kernel.feed import Follower

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.kernel.feed import Feed

WAIT_SECONDS = 1.0


class FeedBridge(QObject):
    """Tails one database's event log into Qt signals: the core's `Follower`
    on a thread of its own, its deliveries emitted as signals."""

    events_arrived = Signal(list)
    """A batch of `FeedEvent`s, oldest first, delivered on the GUI thread."""
    connection_changed = Signal(bool)
    """False when the database stopped answering, True when it answers again."""

    def __init__(
        self,
        open_feed: Callable[[], Feed],
        after_id: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._follower = Follower(
            open_feed,
            after_id,
            deliver=self.events_arrived.emit,
            connection_changed=self.connection_changed.emit,
            wait_seconds=WAIT_SECONDS,
        )
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def last_id(self) -> int:
        """The id of the newest event delivered so far."""
        return self._follower.last_id

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._follower.run,
                args=(self._stop,),
                name="cc-feed",
                daemon=True,
            )
            self._thread.start()

    def stop(self) -> None:
        """Stop tailing; returns once the worker has finished its current wait."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=WAIT_SECONDS + 5)
            self._thread = None
