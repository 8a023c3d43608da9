"""The change feed every screen tails: `since(last_id)` and a wait for news.

On PostgreSQL the wait sleeps on `LISTEN` (the event writer sends `NOTIFY` in the same
transaction, delivered at commit); on SQLite it polls the newest id, which is one
index lookup. Either way the rows themselves always come from the `events` table, so
a missed wake-up only delays, never loses, an event.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.exc import InterfaceError, OperationalError

from commandcenter.models import Event
from commandcenter.services.kernel.event_log import NOTIFY_CHANNEL
from commandcenter.services.kernel.events import EntityKind

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable
    from datetime import datetime

    import psycopg

    from commandcenter.db.database import Database


@dataclass(frozen=True, slots=True)
class FeedEvent:
    """One event as the views see it: plain data, never an ORM row."""

    id: int
    at: datetime
    actor_id: int | None
    kind: str
    entity: EntityKind
    entity_id: int | None
    payload: dict[str, Any]

    @staticmethod
    def of(row: Event) -> FeedEvent:
        return FeedEvent(
            id=row.id,
            at=row.at,
            actor_id=row.actor_id,
            kind=row.kind,
            entity=EntityKind(row.entity),
            entity_id=row.entity_id,
            payload=json.loads(row.payload),
        )


class FeedUnavailableError(Exception):
    """The database behind the feed cannot be reached right now; try again later."""


class EventReader:
    """Reads the event log of one database: the newest id, what came after an
    id. Opens nothing of its own (the services' `events`); following the log
    is `Feed`'s, and one per process is the change hub's."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def newest_id(self) -> int:
        with self._db.read() as session:
            return int(session.execute(select(func.max(Event.id))).scalar() or 0)

    def since(self, last_id: int, limit: int = 1000) -> list[FeedEvent]:
        """Events after `last_id`, oldest first, at most `limit`."""
        with self._db.read() as session:
            rows = session.execute(
                select(Event).where(Event.id > last_id).order_by(Event.id).limit(limit)
            ).scalars()
            return [FeedEvent.of(row) for row in rows]


class Feed(EventReader):
    """Tails the event log of one database: on PostgreSQL it holds a LISTEN
    connection of its own, so each process keeps one (the change hub's)."""

    def __init__(self, db: Database, poll_interval: float = 0.02) -> None:
        super().__init__(db)
        self._poll_interval = poll_interval
        self._listener: psycopg.Connection[Any] | None = None
        if db.backend == "postgresql":
            try:
                self._listener = _listen(db)
            except Exception as error:
                if _is_psycopg_connection_error(error):
                    raise FeedUnavailableError(str(error).splitlines()[0]) from error
                raise

    def wait(self, last_id: int, timeout: float) -> list[FeedEvent]:
        """Block until events after `last_id` exist (returned) or `timeout` passes.

        Raises FeedUnavailableError when the database cannot be reached.
        """
        try:
            return self._wait(last_id, timeout)
        except (OperationalError, InterfaceError) as error:
            raise FeedUnavailableError(str(error).splitlines()[0]) from error
        except Exception as error:
            if _is_psycopg_connection_error(error):
                raise FeedUnavailableError(str(error).splitlines()[0]) from error
            raise

    def _wait(self, last_id: int, timeout: float) -> list[FeedEvent]:
        deadline = time.monotonic() + timeout
        while True:
            if self.newest_id() > last_id:
                return self.since(last_id)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            if self._listener is not None:
                for _ in self._listener.notifies(timeout=remaining, stop_after=1):
                    break
            else:
                time.sleep(min(self._poll_interval, remaining))

    async def wait_async(self, last_id: int, timeout: float) -> list[FeedEvent]:
        """`wait` for asyncio callers (the intake API), off the event loop thread."""
        return await asyncio.to_thread(self.wait, last_id, timeout)

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None


class Follower:
    """Follows the event log from `after_id` until told to stop: the one loop
    every follower runs (the views' feed bridge on its thread, `audit follow`
    in a terminal). When the database stops answering it says so, reopens the
    feed with backoff and resumes after the last event it delivered, so every
    event committed meanwhile still arrives, once and in order."""

    def __init__(
        self,
        open_feed: Callable[[], Feed],
        after_id: int,
        deliver: Callable[[list[FeedEvent]], None],
        connection_changed: Callable[[bool], None] = lambda _up: None,
        wait_seconds: float = 1.0,
        max_backoff_seconds: float = 8.0,
    ) -> None:
        self._open_feed = open_feed
        self._last_id = after_id
        self._deliver = deliver
        self._connection_changed = connection_changed
        self.wait_seconds = wait_seconds
        self._max_backoff = max_backoff_seconds

    @property
    def last_id(self) -> int:
        """The id of the newest event delivered so far."""
        return self._last_id

    def run(self, stop: threading.Event) -> None:
        """Deliver events until `stop` is set (checked at least every
        `wait_seconds`)."""
        feed: Feed | None = None
        backoff = 0.5
        connected = True
        while not stop.is_set():
            try:
                if feed is None:
                    feed = self._open_feed()
                events = feed.wait(self._last_id, timeout=self.wait_seconds)
            except FeedUnavailableError:
                if feed is not None:
                    _close_quietly(feed)
                    feed = None
                if connected:
                    connected = False
                    self._connection_changed(False)
                stop.wait(backoff)
                backoff = min(backoff * 2, self._max_backoff)
                continue
            if not connected:
                connected = True
                backoff = 0.5
                self._connection_changed(True)
            if events:
                self._last_id = events[-1].id
                self._deliver(events)
        if feed is not None:
            _close_quietly(feed)


def _close_quietly(feed: Feed) -> None:
    """Close a feed whose connection may already be gone."""
    with contextlib.suppress(Exception):
        feed.close()


def _is_psycopg_connection_error(error: Exception) -> bool:
    """The LISTEN connection is plain psycopg: its errors are not SQLAlchemy's."""
    try:
        import psycopg
    except ImportError:
        return False
    return isinstance(error, psycopg.OperationalError | psycopg.InterfaceError)


def _listen(db: Database) -> psycopg.Connection[Any]:
    import psycopg

    url = db.engine.url.set(drivername="postgresql")
    connection = psycopg.connect(
        url.render_as_string(hide_password=False), autocommit=True
    )
    connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
    return connection
