"""The statistics view's one read: its numbers are the KPI engine's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from commandcenter.services.evaluation.kpi import PeriodKind, Slice
from commandcenter.services.evaluation.report import league_order
from commandcenter.services.evaluation.statistics import (
    HANDLING_EDGES_HOURS,
    take_statistics,
)
from tests.services.factories import DAY, a_day_of_cases

if TYPE_CHECKING:
    from commandcenter.services.container import Services
    from tests.conftest import Clock


def test_the_statistics_of_a_day_are_the_engines(
    services: Services, clock: Clock
) -> None:
    a_day_of_cases(services, clock)
    kpis = services.kpis
    statistics = take_statistics(services, PeriodKind.DAY, DAY)
    period = kpis.period(PeriodKind.DAY, DAY)
    assert statistics.period == period
    assert statistics.district.counts() == kpis.district(period).counts()
    assert statistics.district.reported == 6
    categories = kpis.table(period, Slice.CATEGORY).rows
    assert [r.key for r in statistics.categories] == [
        r.key for r in sorted(categories, key=lambda r: -r.reported)
    ][:15]
    assert sum(r.reported for r in statistics.streets) == 6
    league = league_order(kpis.table(period, Slice.DEPARTMENT).rows)
    assert [r.key for r in statistics.league] == [r.key for r in league]
    # A took 0 working minutes, C 90: the bins 0–1 h and 1–2 h
    assert len(statistics.handling_histogram) == len(HANDLING_EDGES_HOURS)
    assert statistics.handling_histogram[:3] == (1, 1, 0)
    assert statistics.hourly.day == DAY
    assert statistics.hourly.counts[9] == 6


def test_a_past_month_shows_the_hours_of_its_last_day(services: Services) -> None:
    statistics = take_statistics(services, PeriodKind.MONTH, DAY.replace(month=10))
    assert statistics.hourly.day.isoformat() == "2026-10-31"
    assert statistics.district.reported == 0
    assert statistics.league == ()
