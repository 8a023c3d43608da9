"""The feed bridge: changes committed anywhere arrive as one Qt signal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from commandcenter.services.container import Services
from commandcenter.services.kernel.feed import Feed, FeedEvent, FeedUnavailableError
from commandcenter.views.kernel.feed_bridge import FeedBridge
from tests.conftest import Backend, Clock
from tests.services.factories import report

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


def test_a_change_from_another_connection_arrives(
    backend: Backend, qtbot: QtBot
) -> None:
    writer = Services(backend.fresh(), Clock())
    reader = backend.another(writer.db)
    bridge = FeedBridge(lambda: Feed(reader), after_id=writer.events.newest_id())
    bridge.start()
    try:
        with qtbot.waitSignal(bridge.events_arrived, timeout=10_000) as arrived:
            case_id = report(writer)
        events = arrived.args[0]
        assert [(e.kind, e.entity_id) for e in events] == [("case.report", case_id)]
        assert bridge.last_id == events[-1].id
    finally:
        bridge.stop()
        reader.dispose()
        writer.close()


class _FlakyDatabase:
    """A database that is unreachable for its first `outage` waits; the bridge
    opens a new feed on it after every failure, as it would on a real one."""

    def __init__(self, event: FeedEvent, outage: int = 3) -> None:
        self.event = event
        self.outage = outage
        self.waits = 0

    def open_feed(self) -> Feed:
        return _FlakyFeed(self)  # type: ignore[return-value]


class _FlakyFeed:
    def __init__(self, database: _FlakyDatabase) -> None:
        self._db = database

    def wait(self, last_id: int, timeout: float) -> list[FeedEvent]:
        self._db.waits += 1
        if self._db.waits <= self._db.outage:
            raise FeedUnavailableError("connection refused")
        return [self._db.event] if last_id < self._db.event.id else []

    def close(self) -> None:
        """Nothing to release."""


def test_outage_is_reported_and_the_bridge_recovers_by_itself(
    services: Services, qtbot: QtBot
) -> None:
    case_id = report(services)
    event = services.events.since(0)[-1]
    assert event.entity_id == case_id
    database = _FlakyDatabase(event)
    bridge = FeedBridge(database.open_feed, after_id=event.id - 1)
    states: list[bool] = []
    bridge.connection_changed.connect(states.append)
    with qtbot.waitSignal(bridge.events_arrived, timeout=15_000) as arrived:
        bridge.start()
    bridge.stop()
    assert states == [False, True]
    assert [e.id for e in arrived.args[0]] == [event.id]
    assert database.waits > database.outage
