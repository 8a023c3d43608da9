"""The numbers the big screen (大屏) shows, read in one go: today's counters
against yesterday up to the same time of day (a whole yesterday against this
afternoon would read as a collapse), the hourly trend, the department league,
today's streets and the newest cases.

The wall display reads a fresh snapshot after changes arrive (coalesced), never
per widget; this is that one read, plain data so it can be tested without Qt.
The map is not in it: the wall updates its markers case by case, as the
workstation does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from commandcenter.services.cases.api import (
    CaseFilter,
)
from commandcenter.services.evaluation.kpi import (
    HourlyTrend,
    KpiRow,
    PeriodKind,
    Slice,
    most_reported,
)
from commandcenter.services.evaluation.report import district_name, league_order

if TYPE_CHECKING:
    from datetime import datetime

    from commandcenter.services.cases.api import (
        CaseRow,
    )
    from commandcenter.services.evaluation.sources import EvaluationSources

NEWEST_SHOWN = 12
LEAGUE_SHOWN = 8


@dataclass(frozen=True, slots=True)
class WallSnapshot:
    district: str
    taken_at: datetime
    zone: str
    today: KpiRow
    yesterday: KpiRow  # up to the same time of day as `today`
    hourly: HourlyTrend
    league: tuple[KpiRow, ...]  # best first, this month
    streets: tuple[KpiRow, ...]  # today, the most reported first
    newest: tuple[CaseRow, ...]  # newest first


def take_snapshot(services: EvaluationSources) -> WallSnapshot:
    kpis = services.kpis
    zone = kpis.zone()
    now = services.clock()
    today = now.astimezone(zone).date()
    period = kpis.period(PeriodKind.DAY, today)
    month = kpis.period(PeriodKind.MONTH, today)
    # the wall shows no times: it leaves their queries out
    league = league_order(kpis.table(month, Slice.DEPARTMENT, times=()).rows)
    streets = kpis.table(period, Slice.STREET, times=())  # every case has a street
    return WallSnapshot(
        district=district_name(services),
        taken_at=now,
        zone=str(zone),
        today=streets.total,
        yesterday=kpis.district(
            period.previous(zone).until(now - period.start), times=()
        ),
        hourly=kpis.hourly(today),
        league=league[:LEAGUE_SHOWN],
        streets=most_reported(streets.rows),
        newest=tuple(services.queries.find(CaseFilter(limit=NEWEST_SHOWN))),
    )
