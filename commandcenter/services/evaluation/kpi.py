"""Evaluation (综合评价, PRODUCT.md §5): counts and rates for any period and slice.

Nothing is counted by loading cases into Python. The district, street,
department, category, source and worker slices sum the daily roll-up
(services/rollup.py), kept in step with every change; grids and communities
are counted with one grouped SQL query per measure over an indexed column.
`overdue_now` and the times are read from the cases. Drill cases are never
counted.

What each measure counts, for a period [start, end) in the district's zone:

- activity, by the moment a case last did it: `reported` (merged duplicates
  too: each is a report), `registered`, `voided`, `dispatched` (a case returned
  and dispatched again counts at its latest dispatch), `closed`, `suspended`
  (cases now in the ledger that went there in the period);
- events, each one counted: `returned` (退回), `reworked` (返工, failed verification);
- `overdue_now`: open cases past their deadline at the moment of asking;
- the evaluation base, cases whose handling deadline fell in the period
  (应结案, `closures_due`), of which `postponed` had the deadline extended,
  `closed_due` are closed and `on_time` were handled by the deadline, and
  `reworked_due` failed a verification at least once.

Rates use the published formulas: 立案率 = registered / reported;
结案率 = closed_due / (closures_due − postponed); 按期结案率 = on_time /
(closures_due − postponed); 返工率 = reworked_due / closures_due. Postponed cases
leave both sides of the first two, so a rate never passes 100 %.

Times are in hours on the case's own deadline clock: working hours of the
district's calendar, or natural hours for categories handled around the clock
(a gas leak fixed at 2 a.m. took its natural time, not zero working hours).
They are stored in whole minutes on the case when they happen
(`handling_minutes`, `closure_minutes`):
`handling` (处置用时) from the latest dispatch to handled, for cases handled in the
period; `closure` (结案用时) from report to close, for cases closed in the period.
SQL returns them grouped by (slice value, minutes), so mean, median and P90 are
exact without loading a case.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, literal, select

from commandcenter.models import Area, Case, Category, Department, Event, User
from commandcenter.models.types import DEADLINE_STATES
from commandcenter.services.cases.api import (
    rollup,
)
from commandcenter.services.kernel.isolation import REAL_CASES

if TYPE_CHECKING:
    from collections.abc import Callable
    from zoneinfo import ZoneInfo

    from sqlalchemy import ColumnElement, Select
    from sqlalchemy.orm import Session

    from commandcenter.db.database import Database
    from commandcenter.services.kernel.calendar_source import CalendarSource

RUNNING = tuple(state.value for state in DEADLINE_STATES)
DISTRICT_KEY = "district"
NOT_COUNTED = rollup.NOT_COUNTED


class Slice(StrEnum):
    DISTRICT = "district"
    STREET = "street"
    COMMUNITY = "community"
    GRID = "grid"
    DEPARTMENT = "department"
    CATEGORY = "category"
    SOURCE = "source"
    WORKER = "worker"


class PeriodKind(StrEnum):
    DAY = "day"
    WEEK = "week"  # Monday to Sunday
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class Period:
    """[start, end) in UTC, cut on the district's calendar days; or, `partial`,
    the first part of such a period up to a moment (`until`)."""

    kind: PeriodKind
    first_day: dt.date
    start: dt.datetime
    end: dt.datetime
    partial: bool = False

    @staticmethod
    def of(kind: PeriodKind, day: dt.date, zone: ZoneInfo) -> Period:
        if kind is PeriodKind.DAY:
            first, after = day, day + dt.timedelta(days=1)
        elif kind is PeriodKind.WEEK:
            first = day - dt.timedelta(days=day.weekday())
            after = first + dt.timedelta(days=7)
        else:
            first = day.replace(day=1)
            after = (first + dt.timedelta(days=32)).replace(day=1)

        def midnight(d: dt.date) -> dt.datetime:
            return dt.datetime.combine(d, dt.time(), zone).astimezone(dt.UTC)

        return Period(kind, first, midnight(first), midnight(after))

    def previous(self, zone: ZoneInfo) -> Period:
        """The period of the same kind just before this one (day over day…)."""
        return Period.of(self.kind, self.first_day - dt.timedelta(days=1), zone)

    def until(self, elapsed: dt.timedelta) -> Period:
        """The first `elapsed` of this period: yesterday up to the minute it is
        now today, to set beside today so far. Counted from the cases (the
        daily roll-up holds whole days only)."""
        end = min(self.end, self.start + max(elapsed, dt.timedelta()))
        return replace(self, end=end, partial=True)


@dataclass(slots=True)
class Durations:
    """Working-time spans of one slice: how many cases took each whole minute."""

    minutes: dict[int, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return sum(self.minutes.values())

    def add(self, minutes: int, cases: int) -> None:
        self.minutes[minutes] = self.minutes.get(minutes, 0) + cases

    def merge(self, other: Durations) -> None:
        for minutes, cases in other.minutes.items():
            self.add(minutes, cases)

    def mean_hours(self) -> float | None:
        count = self.count
        if not count:
            return None
        return sum(m * n for m, n in self.minutes.items()) / count / 60

    def quantile_hours(self, q: float) -> float | None:
        """The nearest-rank quantile: the smallest time at least q of cases took."""
        count = self.count
        if not count:
            return None
        rank = max(1, math.ceil(q * count))
        seen = 0
        for minutes in sorted(self.minutes):
            seen += self.minutes[minutes]
            if seen >= rank:
                return minutes / 60
        raise AssertionError("unreachable: the ranks add up to count")

    def median_hours(self) -> float | None:
        return self.quantile_hours(0.5)

    def p90_hours(self) -> float | None:
        return self.quantile_hours(0.9)

    def histogram(self, edges_hours: tuple[float, ...]) -> list[int]:
        """Cases per bin [edge_i, edge_i+1); the last bin is open-ended."""
        bins = [0] * len(edges_hours)
        for minutes, cases in self.minutes.items():
            hours = minutes / 60
            index = max(i for i, edge in enumerate(edges_hours) if hours >= edge)
            bins[index] += cases
        return bins


@dataclass(slots=True)
class KpiRow:
    """The measures of one slice value (one street, one department, …)."""

    key: str
    name: str
    reported: int = 0
    registered: int = 0
    voided: int = 0
    dispatched: int = 0
    closed: int = 0
    suspended: int = 0
    returned: int = 0
    reworked: int = 0
    overdue_now: int = 0
    closures_due: int = 0
    postponed: int = 0
    closed_due: int = 0
    on_time: int = 0
    reworked_due: int = 0
    handling: Durations = field(default_factory=Durations)
    closure: Durations = field(default_factory=Durations)

    @property
    def registration_rate(self) -> float | None:
        return _rate(self.registered, self.reported)

    @property
    def closure_rate(self) -> float | None:
        return _rate(self.closed_due, self.closures_due - self.postponed)

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.on_time, self.closures_due - self.postponed)

    @property
    def rework_rate(self) -> float | None:
        return _rate(self.reworked_due, self.closures_due)

    # times in working hours, for tables that name measures as attributes
    @property
    def handling_mean_hours(self) -> float | None:
        return self.handling.mean_hours()

    @property
    def handling_median_hours(self) -> float | None:
        return self.handling.median_hours()

    @property
    def handling_p90_hours(self) -> float | None:
        return self.handling.p90_hours()

    @property
    def closure_mean_hours(self) -> float | None:
        return self.closure.mean_hours()

    @property
    def closure_median_hours(self) -> float | None:
        return self.closure.median_hours()

    @property
    def closure_p90_hours(self) -> float | None:
        return self.closure.p90_hours()

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in COUNT_NAMES}


TIME_NAMES = ("handling", "closure")
COUNT_NAMES = tuple(
    f.name for f in fields(KpiRow) if f.name not in ("key", "name", *TIME_NAMES)
)


def most_reported(rows: tuple[KpiRow, ...]) -> tuple[KpiRow, ...]:
    """The rows with the most reports first (ties by key)."""
    return tuple(sorted(rows, key=lambda row: (-row.reported, row.key)))


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole > 0 else None


@dataclass(frozen=True, slots=True)
class KpiTable:
    period: Period
    slice: Slice
    rows: tuple[KpiRow, ...]  # by key
    total: KpiRow


class Kpis:
    def __init__(
        self,
        db: Database,
        calendars: CalendarSource,
        clock: Callable[[], dt.datetime],
    ) -> None:
        self._db = db
        self._calendars = calendars
        self._clock = clock
        self._spans = _SpanCache()

    def zone(self) -> ZoneInfo:
        """The district's time zone, where its days are cut."""
        return self._calendars.zone

    def period(self, kind: PeriodKind, day: dt.date) -> Period:
        return Period.of(kind, day, self.zone())

    def table(
        self, period: Period, by: Slice, times: tuple[str, ...] = TIME_NAMES
    ) -> KpiTable:
        """Every measure for every value of the slice that has any. `times` names
        the spans wanted (handling, closure): each costs a query over the cases."""
        now = self._clock()
        with self._db.read() as session:
            zone = self._calendars.zone
            rows: dict[Any, KpiRow] = defaultdict(lambda: KpiRow("", ""))
            if by.value in rollup.ROLLED and not period.partial:
                last_day = (period.end - dt.timedelta(seconds=1)).astimezone(zone)
                for key, counts in rollup.read(
                    session, by.value, period.first_day, last_day.date()
                ).items():
                    row = rows[_slice_value(by, key)]
                    for name, n in counts.items():
                        setattr(row, name, n)
            else:
                _count_from_cases(session, by, period, rows)
            for value, n in _overdue_now(session, by, now).items():
                rows[value].overdue_now = n
            if times:
                today = Period.of(PeriodKind.DAY, now.astimezone(zone).date(), zone)
                self._spans.check(session, today.start)
            for name in times:
                for value, span, n in self._spans.read(session, by, name, period):
                    getattr(rows[value], name).add(span, n)
            rows.pop(None, None)  # e.g. cases not dispatched, by department
            kept = {v: row for v, row in rows.items() if _has_any(row)}
            names = _names(session, by, list(kept))
        table_rows = []
        for value, row in kept.items():
            row.key, row.name = names.get(value, (str(value), str(value)))
            table_rows.append(row)
        table_rows.sort(key=lambda r: r.key)
        total = KpiRow("", "")
        for row in table_rows:
            for name in COUNT_NAMES:
                setattr(total, name, getattr(total, name) + getattr(row, name))
            total.handling.merge(row.handling)
            total.closure.merge(row.closure)
        return KpiTable(period, by, tuple(table_rows), total)

    def district(self, period: Period, times: tuple[str, ...] = TIME_NAMES) -> KpiRow:
        return self.table(period, Slice.DISTRICT, times).total

    def hourly(self, day: dt.date, days_before: int = 30) -> HourlyTrend:
        """Reports per hour of `day` against the mean of the days before it,
        summed from the roll-up's report-hour slice (24 rows a day)."""
        with self._db.read() as session:
            counts = _reports_per_hour(session, day, day)
            before = _reports_per_hour(
                session, day - dt.timedelta(days=days_before), day - dt.timedelta(1)
            )
        average = tuple(n / days_before for n in before)
        return HourlyTrend(day, tuple(counts), average, days_before)


@dataclass(frozen=True, slots=True)
class HourlyTrend:
    """Reports per hour of one day against the mean of the days before."""

    day: dt.date
    counts: tuple[int, ...]  # 24 hours, district time
    average: tuple[float, ...]  # the same hours over `days_before` days
    days_before: int


def _reports_per_hour(session: Session, first: dt.date, last: dt.date) -> list[int]:
    """Real reports per district hour over the days [first, last]."""
    counts = [0] * 24
    for key, sums in rollup.read(session, rollup.HOUR, first, last).items():
        counts[int(key)] = sums["reported"]
    return counts


def _count_from_cases(
    session: Session, by: Slice, period: Period, rows: dict[Any, KpiRow]
) -> None:
    """The counts straight from the cases and the event log, one grouped query
    per measure: for the slices the daily roll-up does not hold."""

    def count(name: str, query: Select[Any]) -> None:
        for value, n in _grouped(session, by, query):
            setattr(rows[value], name, n)

    for name, where in _case_measures(period):
        count(name, select().select_from(Case).where(*where))
    for kind, name in rollup.EVENT_MEASURES.items():
        count(
            name,
            select()
            .select_from(Event)
            .join(Case, Case.id == Event.entity_id)
            .where(
                Event.entity == "case", Event.kind == kind, _between(Event.at, period)
            ),
        )


def _overdue_now(session: Session, by: Slice, now: dt.datetime) -> Counter[Any]:
    """Running cases past their deadline, counted by slice value. Running cases
    are few (the open desk) and indexed by state; the deadline is compared here,
    as given to SQL the planner may walk the deadline index over every case."""
    key = literal(DISTRICT_KEY) if by is Slice.DISTRICT else _key_column(by)
    running = session.execute(
        select(key, Case.deadline_at).where(REAL_CASES, Case.state.in_(RUNNING))
    )
    overdue: Counter[Any] = Counter()
    for row in running:
        deadline: dt.datetime | None = row[1]
        if deadline is not None and deadline < now:
            overdue[row[0]] += 1
    return overdue


def _has_any(row: KpiRow) -> bool:
    return any(row.counts().values()) or bool(
        row.handling.minutes or row.closure.minutes
    )


def _slice_value(by: Slice, key: str) -> Any:
    """A roll-up key (text) as the slice's column holds it."""
    if by in (Slice.DISTRICT, Slice.SOURCE):
        return key
    return int(key)


def _grouped(session: Session, by: Slice, query: Select[Any]) -> list[tuple[Any, int]]:
    """(slice value, count) of the query's real (non-drill) cases."""
    query = query.where(REAL_CASES)
    if by is Slice.DISTRICT:
        total: int = session.execute(query.add_columns(func.count())).scalar_one()
        return [(DISTRICT_KEY, total)] if total else []
    key = _key_column(by)
    grouped = query.add_columns(key, func.count()).group_by(key)
    return [(row[0], int(row[1])) for row in session.execute(grouped).all()]


def _grouped_minutes(
    session: Session, by: Slice, minutes: Any, where: ColumnElement[bool]
) -> list[tuple[Any, int, int]]:
    """(slice value, whole minutes, cases) of the real cases with a stored span."""
    district = by is Slice.DISTRICT  # PostgreSQL refuses to group by a constant
    key = literal(DISTRICT_KEY) if district else _key_column(by)
    query = (
        select(key, minutes, func.count())
        .where(REAL_CASES, minutes.is_not(None), where)
        .group_by(*(() if district else (key,)), minutes)
    )
    return [(row[0], int(row[1]), int(row[2])) for row in session.execute(query)]


_SPAN_COLUMNS = {
    "handling": (Case.handling_minutes, Case.handled_at),
    "closure": (Case.closure_minutes, Case.closed_at),
}
_SPANS_KEPT = 64


class _SpanCache:
    """The stored spans of the days before today, kept between reads.

    A span is stored at the moment a case is handled or closed, stamped now, so
    only today gains spans; the one later change is rework (返工), which clears
    a handling span of any day. So the days before today are read once per
    slice and period and kept until today moves on or the count of rework
    events does (read before the spans: a rework in between shows next time);
    today is read every time. A busy month's handling times by department take
    ~50 ms to read from the cases, today's a few (bench/kpi.py)."""

    def __init__(self) -> None:
        self._kept: dict[tuple[Any, ...], list[tuple[Any, int, int]]] = {}
        self._guard: tuple[dt.datetime, int] | None = None
        self._today = dt.datetime.max.replace(tzinfo=dt.UTC)

    def check(self, session: Session, today: dt.datetime) -> None:
        """Forget what a new day or a rework may have changed."""
        reworks = session.execute(
            select(func.count())
            .select_from(Event)
            .where(Event.kind == rollup.REWORK_EVENT)
        ).scalar_one()
        guard = (today, int(reworks))
        if guard != self._guard or len(self._kept) > _SPANS_KEPT:
            self._kept.clear()
            self._guard, self._today = guard, today

    def read(
        self, session: Session, by: Slice, name: str, period: Period
    ) -> list[tuple[Any, int, int]]:
        """(slice value, minutes, cases) of the span `name` in the period."""
        minutes, at = _SPAN_COLUMNS[name]
        split = min(max(self._today, period.start), period.end)
        key = (by, name, period.start, split)
        if key not in self._kept:
            before = and_(at >= period.start, at < split)
            self._kept[key] = _grouped_minutes(session, by, minutes, before)
        if split == period.end:
            return self._kept[key]
        since = and_(at >= split, at < period.end)
        return self._kept[key] + _grouped_minutes(session, by, minutes, since)


def _between(column: Any, period: Period) -> ColumnElement[bool]:
    return and_(column >= period.start, column < period.end)


def _case_measures(period: Period) -> list[tuple[str, list[ColumnElement[bool]]]]:
    """(measure, conditions) for every measure counted on the cases table."""
    due = [
        _between(Case.deadline_at, period),
        Case.state.not_in(NOT_COUNTED),
    ]
    kept = [*due, Case.postpone_count == 0]
    return [
        ("reported", [_between(Case.reported_at, period)]),
        ("registered", [_between(Case.registered_at, period)]),
        ("voided", [_between(Case.voided_at, period)]),
        ("dispatched", [_between(Case.dispatched_at, period)]),
        ("closed", [_between(Case.closed_at, period)]),
        ("suspended", [_between(Case.suspended_at, period)]),
        ("closures_due", due),
        ("postponed", [*due, Case.postpone_count > 0]),
        ("closed_due", [*kept, Case.closed_at.is_not(None)]),
        (
            "on_time",
            [
                *kept,
                Case.closed_at.is_not(None),
                Case.handled_at <= Case.deadline_at,
            ],
        ),
        ("reworked_due", [*due, Case.rework_count > 0]),
    ]


def _key_column(by: Slice) -> Any:
    return {
        Slice.STREET: Case.street_id,
        Slice.COMMUNITY: Case.community_id,
        Slice.GRID: Case.grid_id,
        Slice.DEPARTMENT: Case.department_id,
        Slice.CATEGORY: Case.category_id,
        Slice.SOURCE: Case.source,
        Slice.WORKER: Case.reported_by,
    }[by]


def _names(
    session: Session, by: Slice, values: list[Any]
) -> dict[Any, tuple[str, str]]:
    """(key, display name) per slice value: codes and Chinese names."""
    if by in (Slice.STREET, Slice.COMMUNITY, Slice.GRID):
        query = select(Area.id, Area.code, Area.name).where(Area.id.in_(values))
    elif by is Slice.DEPARTMENT:
        query = select(Department.id, Department.code, Department.name_zh).where(
            Department.id.in_(values)
        )
    elif by is Slice.CATEGORY:
        query = select(Category.id, Category.code, Category.name_zh).where(
            Category.id.in_(values)
        )
    elif by is Slice.WORKER:
        query = select(User.id, User.username, User.display_name).where(
            User.id.in_(values)
        )
    elif by is Slice.DISTRICT:
        return {DISTRICT_KEY: (DISTRICT_KEY, "全区")}
    else:  # sources are their own codes; views translate them
        return {value: (str(value), str(value)) for value in values}
    return {row[0]: (row[1], row[2]) for row in session.execute(query).all()}
