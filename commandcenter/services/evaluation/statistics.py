"""What the statistics view (统计分析) shows for one period, read in one go.

The view reads a fresh `Statistics` after changes arrive (coalesced), never per
chart. Plain data, so it is tested without Qt. The district's numbers are the
street table's total (every case has a street), which saves a set of queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from commandcenter.services.evaluation.kpi import (
    HourlyTrend,
    KpiRow,
    Period,
    PeriodKind,
    Slice,
    most_reported,
)
from commandcenter.services.evaluation.report import league_order

if TYPE_CHECKING:
    import datetime as dt
    from zoneinfo import ZoneInfo

    from commandcenter.services.evaluation.sources import EvaluationSources

CATEGORIES_SHOWN = 15
HANDLING_EDGES_HOURS = (0.0, 1.0, 2.0, 4.0, 8.0, 16.0, 24.0, 40.0, 80.0)
"""Bins of the handling-time distribution, in working hours (the last is open)."""


@dataclass(frozen=True, slots=True)
class Statistics:
    day: dt.date  # the day asked for: the period holds it
    period: Period
    taken_at: dt.datetime
    zone: str
    district: KpiRow
    hourly: HourlyTrend  # the period's last day up to today, against 30 days
    categories: tuple[KpiRow, ...]  # the most reported first, at most 15
    streets: tuple[KpiRow, ...]  # the most reported first
    league: tuple[KpiRow, ...]  # every department, best first
    handling_histogram: tuple[int, ...]  # cases per HANDLING_EDGES_HOURS bin


def take_statistics(
    services: EvaluationSources, kind: PeriodKind, day: dt.date
) -> Statistics:
    """The statistics of the period of `kind` that holds `day`."""
    kpis = services.kpis
    zone = kpis.zone()
    now = services.clock()
    period = kpis.period(kind, day)
    # the times the view shows are handling times: every handled case has a
    # department, so the department table's total is the district's
    streets = kpis.table(period, Slice.STREET, times=())
    categories = kpis.table(period, Slice.CATEGORY, times=()).rows
    departments = kpis.table(period, Slice.DEPARTMENT, times=("handling",))
    district = streets.total
    district.handling = departments.total.handling
    return Statistics(
        day=day,
        period=period,
        taken_at=now,
        zone=str(zone),
        district=district,
        hourly=kpis.hourly(_last_day(period, now, zone)),
        categories=most_reported(categories)[:CATEGORIES_SHOWN],
        streets=most_reported(streets.rows),
        league=league_order(departments.rows),
        handling_histogram=tuple(district.handling.histogram(HANDLING_EDGES_HOURS)),
    )


def _last_day(period: Period, now: dt.datetime, zone: ZoneInfo) -> dt.date:
    """The day whose hours the trend shows: today inside the period, else the
    period's last day (its first, if it lies all in the future)."""
    last = (period.end - timedelta(hours=1)).astimezone(zone).date()
    return max(period.first_day, min(now.astimezone(zone).date(), last))
