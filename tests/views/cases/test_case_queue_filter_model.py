"""The queue's tabs, narrowing, search and sorting."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from commandcenter.models import Case
from commandcenter.models.types import CaseState
from commandcenter.services.cases.queries import CaseFilter
from commandcenter.views.cases.case_queue_filter_model import (
    CaseQueueFilterModel,
    QueueFilter,
    QueueTab,
)
from commandcenter.views.cases.case_queue_table_model import (
    ROW_ROLE,
    CaseQueueTableModel,
    Column,
)
from commandcenter.views.cases.case_queue_widget import TABS, CaseQueueWidget
from tests.services.factories import (
    COMPONENT_CATEGORY,
    actor,
    drive_to,
    place,
    report,
)

if TYPE_CHECKING:
    from pytestqt.modeltest import ModelTester
    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services
    from tests.conftest import Clock


def _queue(
    services: Services, clock: Clock
) -> tuple[CaseQueueTableModel, CaseQueueFilterModel]:
    source = CaseQueueTableModel(clock)
    source.load(services.queries.find(CaseFilter.for_status("all")))
    return source, CaseQueueFilterModel(source)


def _ids(proxy: CaseQueueFilterModel) -> set[int]:
    return {proxy.index(r, 0).data(ROW_ROLE).id for r in range(proxy.rowCount())}


def test_tabs_show_their_states(services: Services, clock: Clock) -> None:
    made = {state: drive_to(services, state) for state in CaseState}
    with services.db.read() as session:
        merged = session.get(Case, made[CaseState.MERGED])
        assert merged is not None
        merged_into = merged.merged_into_id
    _, proxy = _queue(services, clock)
    expected = {
        QueueTab.REPORTED: {made[CaseState.REPORTED], merged_into},
        QueueTab.REGISTERED: {made[CaseState.REGISTERED]},
        QueueTab.HANDLING: {made[CaseState.DISPATCHED], made[CaseState.IN_PROGRESS]},
        QueueTab.HANDLED: {made[CaseState.HANDLED]},
        QueueTab.SUSPENDED: {made[CaseState.SUSPENDED]},
        QueueTab.OVERDUE: set(),
    }
    for tab, ids in expected.items():
        proxy.narrow(tab=tab)
        assert _ids(proxy) == ids, tab
    counts = proxy.tab_counts()
    assert counts[QueueTab.HANDLING] == 2
    assert counts[QueueTab.ALL] == len(made) + 1
    for narrowing in ({}, {"text": "井盖"}, {"category": COMPONENT_CATEGORY}):
        proxy.narrow(**narrowing)
        counts = proxy.tab_counts()  # counted in one pass: as each tab shows
        for tab in QueueTab:
            proxy.narrow(tab=tab)
            assert proxy.rowCount() == counts[tab], (narrowing, tab)
        proxy.narrow(text="", category=None)


def test_overdue_tab_follows_the_deadline(services: Services, clock: Clock) -> None:
    case_id = drive_to(services, CaseState.DISPATCHED, category=COMPONENT_CATEGORY)
    clock.advance(days=2)
    _, proxy = _queue(services, clock)
    proxy.narrow(tab=QueueTab.OVERDUE)
    assert _ids(proxy) == {case_id}


def test_the_overdue_tab_and_its_count_follow_the_clock(
    services: Services, clock: Clock, qtbot: QtBot
) -> None:
    """A case read before its deadline joins the overdue tab when the clock
    passes the deadline, and the tick names it so the map can relight it."""
    case_id = drive_to(services, CaseState.DISPATCHED, category=COMPONENT_CATEGORY)
    queue = CaseQueueWidget(clock)
    qtbot.addWidget(queue)
    queue.load(services.queries.find(CaseFilter.for_status("all")))
    queue.tabs.setCurrentIndex(TABS.index(QueueTab.OVERDUE))
    assert queue.tick() == []
    assert queue.proxy.rowCount() == 0
    clock.advance(hours=7, minutes=55)  # 80 % of the allowance: amber
    (amber,) = queue.tick()
    assert amber.id == case_id
    assert queue.proxy.rowCount() == 0
    clock.advance(days=1)  # past the deadline
    assert [row.id for row in queue.tick()] == [case_id]
    assert _ids(queue.proxy) == {case_id}
    overdue_tab = TABS.index(QueueTab.OVERDUE)
    qtbot.waitUntil(lambda: queue.tabs.tabText(overdue_tab).endswith(" 1"))
    assert queue.tick() == []  # nothing changed since


def test_grid_click_text_search_and_department(
    services: Services, clock: Clock
) -> None:
    here, there = place(services, 3), place(services, 200)
    near = report(services, here, description="路口堆放建筑垃圾")
    far = report(services, there, description="人行道广告牌")
    _, proxy = _queue(services, clock)
    proxy.narrow(grid=here.grid_code)
    assert _ids(proxy) == {near}
    proxy.set_filter(QueueFilter(text="人行道"))
    assert _ids(proxy) == {far}
    proxy.set_filter(QueueFilter(text="占道广告牌"))  # the category name
    assert _ids(proxy) == {near, far}
    proxy.set_filter(QueueFilter(text="20261123-0001"))
    assert _ids(proxy) == {near}
    services.cases.register(actor(services, "operator"), far, 1)
    services.cases.dispatch(actor(services, "operator"), far, 2)
    department = services.queries.get(far).department_code
    _, proxy = _queue(services, clock)
    proxy.set_filter(QueueFilter(department=department))
    assert _ids(proxy) == {far}


def test_sorting_by_time_left_puts_cases_without_deadline_last(
    services: Services, clock: Clock
) -> None:
    urgent = drive_to(services, CaseState.DISPATCHED, category="E0403")  # 1 clock hour
    slow = drive_to(services, CaseState.DISPATCHED, category=COMPONENT_CATEGORY)
    waiting = report(services)
    _, proxy = _queue(services, clock)
    proxy.sort(Column.TIME_LEFT, Qt.SortOrder.AscendingOrder)
    order = [proxy.index(r, 0).data(ROW_ROLE).id for r in range(proxy.rowCount())]
    assert order[:2] == [urgent, slow]
    assert order[-1] == waiting or services.queries.get(order[-1]).deadline_at is None


def test_each_column_sorts_by_what_it_shows(services: Services, clock: Clock) -> None:
    for n in range(6):
        report(services, where=place(services, n))
    drive_to(services, CaseState.DISPATCHED)
    _, proxy = _queue(services, clock)
    shown = {
        Column.NUMBER: lambda row: row.number,
        Column.PLACE: lambda row: row.grid_code,
        Column.PRIORITY: lambda row: row.priority,
        Column.AGE: lambda row: row.reported_at,
    }
    for column, value in shown.items():
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            proxy.sort(column, order)
            values = [
                value(proxy.index(r, 0).data(ROW_ROLE)) for r in range(proxy.rowCount())
            ]
            descending = order is Qt.SortOrder.DescendingOrder
            assert values == sorted(values, reverse=descending), column


def test_new_rows_appear_in_the_filtered_view(
    services: Services, clock: Clock, qtmodeltester: ModelTester
) -> None:
    report(services)
    source, proxy = _queue(services, clock)
    proxy.narrow(tab=QueueTab.REPORTED)
    qtmodeltester.check(proxy)
    newcomer = report(services)
    source.upsert(services.queries.by_ids([newcomer]))
    assert newcomer in _ids(proxy)
    services.cases.register(actor(services, "operator"), newcomer, 1)
    source.upsert(services.queries.by_ids([newcomer]))
    assert newcomer not in _ids(proxy)  # it moved to the next tab


def test_ended_cases_leave_the_desk_a_day_after_they_ended(
    services: Services, clock: Clock, qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    """A desk left open for days holds what a freshly opened desk holds: the
    open cases and what ended within the linger time."""
    running = drive_to(services, CaseState.DISPATCHED)
    closed = drive_to(services, CaseState.CLOSED)
    queue = CaseQueueWidget(clock)
    qtbot.addWidget(queue)
    queue.load(services.queries.desk())
    assert {running, closed} <= _ids(queue.proxy)
    clock.advance(hours=23)
    assert queue.prune(timedelta(hours=24)) == 0
    clock.advance(hours=2)
    assert queue.prune(timedelta(hours=24)) == 1
    assert closed not in _ids(queue.proxy)
    assert running in _ids(queue.proxy)
    assert {row.id for row in services.queries.desk()} == _ids(queue.proxy)
    qtmodeltester.check(queue.model)
