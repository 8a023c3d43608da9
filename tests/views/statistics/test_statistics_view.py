"""The statistics view: charts and league show the statistics read, reads are
coalesced to at most four a second while changes pour in, the league sorts by
any column, and a click on a department names it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt

from commandcenter.models.types import CaseState
from commandcenter.services.evaluation.kpi import PeriodKind
from commandcenter.views.kernel.change_hub import ChangeHub
from commandcenter.views.kernel.task_runner import TaskRunner
from commandcenter.views.statistics import statistics_view
from commandcenter.views.statistics.statistics_view import REFRESH_MS, StatisticsView
from tests.services.factories import (
    CGZF_CATEGORY,
    DAY,
    a_day_of_cases,
    actor,
    drive_to,
    new_case,
    place,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pytestqt.qtbot import QtBot

    from commandcenter.services.container import Services
    from tests.conftest import Clock


@pytest.fixture
def view(
    services: Services, clock: Clock, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> Iterator[StatisticsView]:
    a_day_of_cases(services, clock)
    reads: list[float] = []
    take = statistics_view.take_statistics

    def counted(*args: Any) -> Any:
        reads.append(time.monotonic())
        return take(*args)

    monkeypatch.setattr(statistics_view, "take_statistics", counted)
    runner = TaskRunner()
    hub = ChangeHub(services, runner)  # the process's, as the shell makes it
    widget = StatisticsView(services, runner, hub)
    widget.reads = reads  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.kind.setCurrentIndex(widget.kind.findData(PeriodKind.DAY.value))
    with qtbot.waitSignal(widget.refreshed, timeout=10_000):
        widget.show()
    yield widget
    hub.stop()
    runner.shutdown()


def test_the_charts_and_the_league_show_the_statistics(view: StatisticsView) -> None:
    statistics = view.statistics
    assert statistics is not None
    assert statistics.period.first_day == DAY
    assert list(view.hourly_bars.opts["height"]) == list(statistics.hourly.counts)
    assert list(view.handling_bars.opts["height"]) == list(
        statistics.handling_histogram
    )
    shown = list(reversed(view.categories.bars.opts["width"]))  # largest on top
    assert shown == [row.reported for row in statistics.categories]
    assert view.league_codes() == [row.key for row in statistics.league]
    assert "6" in view.summary.text()  # reported


def test_changes_pouring_in_are_coalesced_into_one_read(
    view: StatisticsView, qtbot: QtBot
) -> None:
    """A hundred changes in a row cost one read, and the next burst one more:
    the view reads at most once per REFRESH_MS (how long that takes is
    bench/kpi.py's `stats_refresh_ms`, not a test's)."""
    reads: list[float] = view.reads  # type: ignore[attr-defined]
    for burst in (1, 2):
        reads.clear()
        with qtbot.waitSignal(view.refreshed, timeout=10_000):
            for _ in range(100):
                view.changes_arrived()
        with qtbot.assertNotEmitted(view.refreshed, wait=REFRESH_MS * 2):
            pass
        assert len(reads) == 1, burst


def test_a_hidden_view_reads_nothing_until_shown(
    services: Services, view: StatisticsView, qtbot: QtBot
) -> None:
    """A change through the window's runner reaches the view by the change hub;
    hidden, the view only remembers it, and reads once when shown."""
    reads: list[float] = view.reads  # type: ignore[attr-defined]
    view.hide()
    reads.clear()
    operator = actor(services, "operator")
    with qtbot.waitSignal(view.runner.changes_published, timeout=10_000):
        view.runner.mutate(
            "report", lambda: services.cases.report(operator, new_case(place(services)))
        )
    with qtbot.assertNotEmitted(view.refreshed, wait=REFRESH_MS * 2):
        pass  # hidden: it only remembers
    assert reads == []
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.show()
    assert len(reads) == 1


def test_the_league_sorts_and_a_click_names_the_department(
    services: Services, view: StatisticsView, qtbot: QtBot
) -> None:
    for _ in range(5):  # a second department, with more dispatches
        drive_to(services, CaseState.DISPATCHED, CGZF_CATEGORY)
    with qtbot.waitSignal(view.refreshed, timeout=10_000):
        view.refresh_now()
    statistics = view.statistics
    assert statistics is not None
    assert len(statistics.league) >= 2
    dispatched = 2  # the league's "Dispatched" column
    view.league.sortItems(dispatched, Qt.SortOrder.DescendingOrder)
    by_dispatch = sorted(statistics.league, key=lambda r: -r.dispatched)
    assert [r.dispatched for r in by_dispatch] == [
        int(view.league.item(i, dispatched).text())
        for i in range(view.league.rowCount())
    ]
    first = view.league_codes()[0]
    item = view.league.item(0, 1)
    with qtbot.waitSignal(view.department_chosen) as chosen:
        qtbot.mouseClick(
            view.league.viewport(),
            Qt.MouseButton.LeftButton,
            pos=view.league.visualItemRect(item).center(),
        )
    assert chosen.args == [first]
