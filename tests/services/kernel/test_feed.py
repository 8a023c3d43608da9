"""The change feed: `since` and a wait woken by a commit on another connection."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import TYPE_CHECKING

import pytest

from commandcenter.db.database import Database
from commandcenter.models.types import CaseState
from commandcenter.services.container import Services
from commandcenter.services.kernel.feed import Feed, FeedUnavailableError
from tests.conftest import Backend, Clock
from tests.services.factories import actor, drive_to, report

if TYPE_CHECKING:
    from pathlib import Path


def test_since_returns_newer_events_in_order(services: Services) -> None:
    start = services.events.newest_id()
    case_id = drive_to(services, CaseState.REGISTERED)
    events = services.events.since(start)
    assert [e.kind for e in events] == ["case.report", "case.register"]
    assert all(e.entity_id == case_id for e in events)
    assert events[0].id < events[1].id
    assert services.events.since(events[-1].id) == []
    assert events[1].payload["to"] == "registered"


def test_wait_times_out_empty(services: Services) -> None:
    feed = Feed(services.db)
    started = time.monotonic()
    assert feed.wait(services.events.newest_id(), timeout=0.3) == []
    assert time.monotonic() - started >= 0.29  # it waited: no busy return
    feed.close()


def test_async_wait_returns_the_new_event(services: Services) -> None:
    last = services.events.newest_id()
    timer = threading.Timer(0.2, lambda: report(services))
    timer.start()
    feed = Feed(services.db)
    events = asyncio.run(feed.wait_async(last, timeout=10))
    timer.join()
    feed.close()
    assert [e.kind for e in events] == ["case.report"]


def test_unreachable_databases_raise_feed_unavailable(tmp_path: Path) -> None:
    with pytest.raises(FeedUnavailableError):
        Feed(Database("postgresql://nobody@127.0.0.1:9/none"))
    folder_not_file = Database(f"sqlite:///{tmp_path}")
    with pytest.raises(FeedUnavailableError):
        Feed(folder_not_file).wait(0, timeout=0.1)
    folder_not_file.dispose()


def test_commit_in_another_connection_wakes_the_waiter(backend: Backend) -> None:
    writer = Services(backend.fresh(), Clock())
    reader_db = backend.another(writer.db)
    feed = Feed(reader_db)
    try:
        operator = actor(writer, "operator")
        last = feed.newest_id()
        timer = threading.Timer(0.2, lambda: report(writer))
        timer.start()
        events = feed.wait(last, timeout=10)
        timer.join()
        assert [e.kind for e in events] == ["case.report"]
        assert events[0].actor_id == operator.id
    finally:
        feed.close()
        reader_db.dispose()
        writer.close()
