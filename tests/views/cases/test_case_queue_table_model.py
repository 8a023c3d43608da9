"""The queue model: a correct Qt model, updated in place from feed snapshots."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from commandcenter.models.types import CaseState
from commandcenter.services.cases.queries import CaseFilter
from commandcenter.services.container import Services
from commandcenter.services.kernel.feed import Feed
from commandcenter.views.cases.case_queue_table_model import (
    FLASH_SECONDS,
    ROW_ROLE,
    CaseQueueTableModel,
    Column,
)
from commandcenter.views.kernel.feed_bridge import FeedBridge
from commandcenter.views.kernel.task_runner import TaskRunner
from tests.conftest import Backend, Clock
from tests.services.factories import (
    COMPONENT_CATEGORY,
    actor,
    drive_to,
    report,
    version,
)

if TYPE_CHECKING:
    import pytest
    from pytestqt.modeltest import ModelTester
    from pytestqt.qtbot import QtBot


def _model(services: Services, clock: Clock) -> CaseQueueTableModel:
    model = CaseQueueTableModel(clock)
    model.load(services.queries.find(CaseFilter.for_status("all")))
    return model


def test_passes_the_qt_model_tester(
    services: Services, clock: Clock, qtmodeltester: ModelTester
) -> None:
    for state in (CaseState.REPORTED, CaseState.DISPATCHED, CaseState.CLOSED):
        drive_to(services, state)
    model = _model(services, clock)
    assert model.rowCount() == 3
    qtmodeltester.check(model)


def test_update_in_place_keeps_selection_and_scroll(
    services: Services, clock: Clock, qtbot: QtBot
) -> None:
    ids = [report(services) for _ in range(60)]
    model = _model(services, clock)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    target = model.row_of(ids[40])
    assert target is not None
    view.selectRow(target)
    view.scrollTo(model.index(target, 0))
    scroll = view.verticalScrollBar().value()
    assert scroll > 0
    resets: list[bool] = []
    model.modelAboutToBeReset.connect(lambda: resets.append(True))

    services.cases.register(actor(services, "operator"), ids[40], 1)
    newcomer = report(services)
    model.upsert(services.queries.by_ids([ids[40], newcomer]))

    assert resets == []
    assert model.rowCount() == 61
    assert model.row_of(ids[40]) == target
    assert view.selectionModel().selectedRows()[0].row() == target
    assert view.verticalScrollBar().value() == scroll
    assert model.data(model.index(target, Column.STATE)) == "Registered"
    assert model.data(model.index(target, 0), ROW_ROLE).version == 2


def test_time_left_turns_amber_then_red(services: Services, clock: Clock) -> None:
    """The colour follows the clock as the text does, from the one snapshot read
    at the start: no new read is needed for a case to turn amber or red."""
    case_id = drive_to(services, CaseState.DISPATCHED, category=COMPONENT_CATEGORY)
    model = _model(services, clock)
    index = model.index(model.row_of(case_id) or 0, Column.TIME_LEFT)
    assert model.data(index, Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(index) == "1 d 0 h"  # due Tuesday 09:00
    clock.advance(hours=7, minutes=55)  # Monday 16:55: 80 % of 8 working hours
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).color().name() == "#b26a00"
    clock.advance(days=1)
    assert model.data(index).startswith("overdue")
    assert model.data(index, Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"


def test_change_in_another_process_reaches_the_row(
    backend: Backend, qtbot: QtBot
) -> None:
    """Another workstation registers a case: the row changes with no user action."""
    clock = Clock()
    here = Services(backend.fresh(), clock)
    there = Services(backend.another(here.db), clock)
    runner = TaskRunner()
    case_id = report(here)
    model = CaseQueueTableModel(clock)
    model.load(here.queries.find(CaseFilter.for_status("open")))
    bridge = FeedBridge(lambda: Feed(here.db), after_id=here.events.newest_id())

    def on_events(events: list[object]) -> None:
        changed = sorted({e.entity_id for e in events if e.entity == "case"})  # type: ignore[attr-defined]
        runner.query("refresh", lambda: here.queries.by_ids(changed), model.upsert)

    bridge.events_arrived.connect(on_events)
    bridge.start()
    try:
        with qtbot.waitSignal(model.dataChanged, timeout=10_000):
            there.cases.register(
                actor(there, "operator"), case_id, version(there, case_id)
            )
        row = model.row_of(case_id)
        assert row is not None
        assert model.snapshot(row).state == "registered"
    finally:
        bridge.stop()
        runner.shutdown()
        there.close()
        here.close()


def test_time_columns_follow_the_clock_without_model_signals(
    services: Services, clock: Clock, qtbot: QtBot
) -> None:
    """The view repaints every second; the model must not signal a change for
    the clock (that would make the proxy filter and sort every row)."""
    report(services)
    model = _model(services, clock)
    signals: list[object] = []
    model.dataChanged.connect(lambda *args: signals.append(args))
    assert model.data(model.index(0, Column.AGE)) == "0 min"
    clock.advance(minutes=90)
    assert model.data(model.index(0, Column.AGE)) == "1 h 30 min"
    assert signals == []


def test_new_urgent_cases_blink_for_a_while(
    services: Services, clock: Clock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    report(services)
    model = _model(services, clock)
    case_id = model.snapshot(0).id
    roles: list[list[int]] = []
    model.dataChanged.connect(lambda _a, _b, changed: roles.append(list(changed)))
    model.flash([case_id])
    model.blink()
    index = model.index(0, Column.NUMBER)
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is not None
    model.blink()
    assert model.data(index, Qt.ItemDataRole.BackgroundRole) is None  # off phase
    assert roles == [[Qt.ItemDataRole.BackgroundRole]] * 2
    later = time.monotonic() + FLASH_SECONDS + 1
    monkeypatch.setattr(time, "monotonic", lambda: later)
    model.blink()
    assert model.flashing == frozenset()
