"""The change hub: every change reaches each subscriber exactly once, whether
this window's own mutation or the feed brings it first (ARCHITECTURE §2)."""

from __future__ import annotations

import queue
from typing import TYPE_CHECKING, Any

import pytest

from commandcenter.views.kernel.change_hub import (
    CasesChanged,
    ChangeHub,
    EntitiesChanged,
)
from commandcenter.views.kernel.task_runner import TaskRunner
from tests.services.factories import actor, new_case, place, report

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services
    from commandcenter.services.kernel.changes import Changes
    from commandcenter.services.kernel.feed import FeedEvent


class _HeldFeed:
    """A feed that hands over exactly the batches the test releases, so the
    test decides which stream is first."""

    def __init__(self) -> None:
        self.batches: queue.Queue[list[FeedEvent]] = queue.Queue()

    def wait(self, last_id: int, timeout: float) -> list[FeedEvent]:
        try:
            return self.batches.get(timeout=timeout)
        except queue.Empty:
            return []

    def close(self) -> None:
        pass


class _Recorder:
    def __init__(self, hub: ChangeHub) -> None:
        self.cases: list[CasesChanged] = []
        self.entities: list[EntitiesChanged] = []
        self.events: list[int] = []
        hub.cases_changed.connect(self.cases.append)
        hub.entities_changed.connect(self.entities.append)
        hub.events_arrived.connect(
            lambda batch: self.events.extend(e.id for e in batch)
        )


@pytest.fixture
def held(services: Services) -> Iterator[tuple[ChangeHub, _HeldFeed, TaskRunner]]:
    feed = _HeldFeed()
    runner = TaskRunner(synchronous=True)
    runner.set_follow_up(lambda changes: services.queries.by_ids(changes.ids["case"]))
    hub = ChangeHub(services, runner, open_feed=lambda: feed)  # type: ignore[arg-type,return-value]
    hub.start(services.events.newest_id())
    yield hub, feed, runner
    hub.stop()
    runner.shutdown()


def _release(qtbot: QtBot, hub: ChangeHub, feed: _HeldFeed, batch: list[Any]) -> None:
    with qtbot.waitSignal(hub.events_arrived, timeout=10_000):
        feed.batches.put(batch)


def test_own_change_first_then_the_feed_is_delivered_once(
    services: Services, held: tuple[ChangeHub, _HeldFeed, TaskRunner], qtbot: QtBot
) -> None:
    hub, feed, runner = held
    seen = _Recorder(hub)
    second = _Recorder(hub)  # every subscriber gets it once, not just the first
    start = services.events.newest_id()
    operator = actor(services, "operator")
    results: list[Changes] = []
    runner.mutate(
        "report",
        lambda: services.cases.report(operator, new_case(place(services))),
        results.append,
    )
    (change,) = results
    case_id = change.ids["case"][0]
    for recorder in (seen, second):
        assert [c.ids for c in recorder.cases] == [(case_id,)]
        rows = recorder.cases[0].rows
        assert rows is not None  # the rows read with the change: shown at once
        assert [row.id for row in rows] == [case_id]
    _release(qtbot, hub, feed, services.events.since(start))
    assert seen.events == [change.event_id]  # the log itself, once
    assert len(seen.cases) == 1  # the feed's copy was dropped
    assert len(second.cases) == 1


def test_the_feed_first_then_the_own_change_is_delivered_once(
    services: Services, held: tuple[ChangeHub, _HeldFeed, TaskRunner], qtbot: QtBot
) -> None:
    hub, feed, _runner = held
    seen = _Recorder(hub)
    start = services.events.newest_id()
    changes = services.cases.report(
        actor(services, "operator"), new_case(place(services))
    )
    _release(qtbot, hub, feed, services.events.since(start))
    assert [(c.ids, c.rows) for c in seen.cases] == [(changes.ids["case"], None)]
    hub.publish(changes, services.queries.by_ids(changes.ids["case"]))  # late
    assert len(seen.cases) == 1


def test_a_batch_of_reports_is_one_change_and_its_events_are_not_repeated(
    services: Services, held: tuple[ChangeHub, _HeldFeed, TaskRunner], qtbot: QtBot
) -> None:
    hub, feed, _runner = held
    seen = _Recorder(hub)
    start = services.events.newest_id()
    operator = actor(services, "operator")
    news = [new_case(place(services, index)) for index in range(3)]
    changes = services.cases.report_many(operator, news)
    assert changes.event_id - changes.first_event_id == 2
    hub.publish(changes)
    _release(qtbot, hub, feed, services.events.since(start))
    assert len(seen.cases) == 1
    assert seen.cases[0].ids == changes.ids["case"]


def test_changes_from_elsewhere_arrive_by_kind_with_new_reports_named(
    services: Services, held: tuple[ChangeHub, _HeldFeed, TaskRunner], qtbot: QtBot
) -> None:
    hub, feed, _runner = held
    seen = _Recorder(hub)
    start = services.events.newest_id()
    case_id = report(services)
    services.retention.set_days(actor(services, "admin"), 90)
    _release(qtbot, hub, feed, services.events.since(start))
    assert [(c.ids, c.reported) for c in seen.cases] == [
        ((case_id,), frozenset({case_id}))
    ]
    assert seen.entities == [EntitiesChanged("setting", (), everything=True)]
