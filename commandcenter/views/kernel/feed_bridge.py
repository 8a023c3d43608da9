"""The one place where the change feed enters Qt (ARCHITECTURE.md §2).

A worker thread waits on the feed (PostgreSQL LISTEN/NOTIFY or the SQLite poll)
and hands each batch of events to the GUI thread as the `events_arrived` signal;
views subscribe to that signal only and never poll the database themselves. When
the database cannot be reached the bridge says so (`connection_changed(False)`),
retries with backoff, and resumes from the last event it delivered, so nothing
committed meanwhile is lost.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from commandcenter.services.kernel.feed import FeedUnavailableError

if TYPE_CHECKING:
    from collections.abc import Callable

    from commandcenter.services.kernel.feed import Feed

WAIT_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 8.0


class FeedBridge(QObject):
    """Tails one database's event log into Qt signals."""

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
        self._open_feed = open_feed
        self._last_id = after_id
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def last_id(self) -> int:
        """The id of the newest event delivered so far."""
        return self._last_id

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._tail, name="cc-feed", daemon=True
            )
            self._thread.start()

    def stop(self) -> None:
        """Stop tailing; returns once the worker has finished its current wait."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=WAIT_SECONDS + 5)
            self._thread = None

    def _tail(self) -> None:
        feed: Feed | None = None
        backoff = 0.5
        connected = True
        while not self._stop.is_set():
            try:
                if feed is None:
                    feed = self._open_feed()
                events = feed.wait(self._last_id, timeout=WAIT_SECONDS)
            except FeedUnavailableError:
                if feed is not None:
                    _close_quietly(feed)
                    feed = None
                if connected:
                    connected = False
                    self.connection_changed.emit(False)
                self._stop.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_SECONDS)
                continue
            if not connected:
                connected = True
                backoff = 0.5
                self.connection_changed.emit(True)
            if events:
                self._last_id = events[-1].id
                self.events_arrived.emit(events)
        if feed is not None:
            _close_quietly(feed)


def _close_quietly(feed: Feed) -> None:
    """Close a feed whose connection may already be gone."""
    with contextlib.suppress(Exception):
        feed.close()
