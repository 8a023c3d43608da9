"""The working-time calendar deadlines run on (工作日历).

Working periods per day, weekends, Chinese statutory holidays and make-up working
days (调休, from the `chinese-calendar` data), and local overrides. All of it is
configuration (the `calendar` setting), not code. Past the years the package knows,
weekdays count as working days unless an override says otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar

from commandcenter.services.kernel.errors import ValidationError

_MAX_DAYS_SCANNED = 3660
CLOCK_HOUR = "clock_hour"
"""Time-limit unit of natural hours, for what is handled around the clock."""
TIME_UNITS = frozenset({"hour", "day", CLOCK_HOUR})


class DeadlineStatus(StrEnum):
    """Traffic light of a running deadline."""

    GREEN = "green"
    AMBER = "amber"  # 80 % of the allowance used
    RED = "red"  # overdue


def _parse_clock(value: str) -> dt.time:
    try:
        return dt.time.fromisoformat(value)
    except ValueError as error:
        raise ValidationError(f"bad time of day {value!r} (want HH:MM)") from error


@dataclass(frozen=True)
class WorkCalendar:
    """Working periods, holidays and make-up days in one time zone."""

    timezone: str = "Asia/Shanghai"
    periods: tuple[tuple[dt.time, dt.time], ...] = (
        (dt.time(8, 30), dt.time(12, 0)),
        (dt.time(13, 30), dt.time(18, 0)),
    )
    extra_holidays: frozenset[dt.date] = frozenset()
    extra_workdays: frozenset[dt.date] = frozenset()
    statutory: bool = True
    amber_fraction: float = 0.8
    _workday_cache: dict[dt.date, bool] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValidationError("a working calendar needs at least one period a day")
        previous_end = dt.time(0, 0)
        for start, end in self.periods:
            if not previous_end <= start < end:
                raise ValidationError("working periods must be ordered and not overlap")
            previous_end = end
        if not 0 < self.amber_fraction < 1:
            raise ValidationError("amber_fraction must lie between 0 and 1")

    @staticmethod
    def from_config(config: dict[str, Any]) -> WorkCalendar:
        """Build from the JSON of the `calendar` setting (see resources/reference)."""
        try:
            periods = tuple(
                (_parse_clock(start), _parse_clock(end))
                for start, end in config.get("periods", [])
            )
            return WorkCalendar(
                timezone=str(config.get("timezone", "Asia/Shanghai")),
                periods=periods,
                extra_holidays=frozenset(
                    dt.date.fromisoformat(d) for d in config.get("extra_holidays", [])
                ),
                extra_workdays=frozenset(
                    dt.date.fromisoformat(d) for d in config.get("extra_workdays", [])
                ),
                statutory=bool(config.get("statutory", True)),
                amber_fraction=float(config.get("amber_fraction", 0.8)),
            )
        except (TypeError, ValueError) as error:
            raise ValidationError(f"bad calendar configuration: {error}") from error

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def day_minutes(self) -> float:
        """Working minutes in one full working day (the length of a 'working day')."""
        return sum(_minutes_between(start, end) for start, end in self.periods)

    def is_workday(self, day: dt.date) -> bool:
        cached = self._workday_cache.get(day)
        if cached is None:
            cached = self._compute_workday(day)
            self._workday_cache[day] = cached
        return cached

    def _compute_workday(self, day: dt.date) -> bool:
        if day in self.extra_holidays:
            return False
        if day in self.extra_workdays:
            return True
        if self.statutory:
            if day in chinese_calendar.holidays:
                return False
            if day in chinese_calendar.workdays:
                return True
        return day.weekday() < 5

    def _periods_on(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        zone = self.zone
        return [
            (
                dt.datetime.combine(day, start, zone),
                dt.datetime.combine(day, end, zone),
            )
            for start, end in self.periods
        ]

    def add(self, start: dt.datetime, amount: float, unit: str) -> dt.datetime:
        """The moment `amount` units after `start`: working `hour`s or `day`s, or
        `clock_hour`s of natural time (emergencies do not wait for Monday)."""
        if unit == "hour":
            return self.add_minutes(start, amount * 60)
        if unit == "day":
            return self.add_minutes(start, amount * self.day_minutes)
        if unit == CLOCK_HOUR:
            return start + dt.timedelta(hours=amount)
        raise ValidationError(
            f"unknown time-limit unit {unit!r} (hour, day or {CLOCK_HOUR})"
        )

    def elapsed_minutes(
        self, start: dt.datetime, end: dt.datetime, natural: bool
    ) -> float:
        """Minutes between two moments on the natural or the working clock."""
        if natural:
            return max(0.0, (end - start).total_seconds() / 60)
        return self.working_minutes(start, end)

    def shift(self, moment: dt.datetime, minutes: float, natural: bool) -> dt.datetime:
        """`moment` moved later by `minutes` on the natural or the working clock."""
        if natural:
            return moment + dt.timedelta(minutes=minutes)
        return self.add_minutes(moment, minutes)

    def add_minutes(self, start: dt.datetime, minutes: float) -> dt.datetime:
        """The moment `minutes` of working time after `start` (an aware datetime)."""
        if minutes < 0:
            raise ValidationError("cannot add negative working time")
        local = start.astimezone(self.zone)
        remaining = dt.timedelta(minutes=minutes)
        day = local.date()
        for _ in range(_MAX_DAYS_SCANNED):
            if self.is_workday(day):
                for period_start, period_end in self._periods_on(day):
                    if local >= period_end:
                        continue
                    begin = max(local, period_start)
                    available = period_end - begin
                    if remaining <= available:
                        return (begin + remaining).astimezone(start.tzinfo)
                    remaining -= available
            day += dt.timedelta(days=1)
        raise ValidationError("the calendar has no working time in the next ten years")

    def working_minutes(self, start: dt.datetime, end: dt.datetime) -> float:
        """Working minutes between two moments (0 if end is not after start)."""
        if end <= start:
            return 0.0
        local_start = start.astimezone(self.zone)
        local_end = end.astimezone(self.zone)
        total = dt.timedelta()
        day = local_start.date()
        while day <= local_end.date():
            if self.is_workday(day):
                for period_start, period_end in self._periods_on(day):
                    begin = max(local_start, period_start)
                    finish = min(local_end, period_end)
                    if finish > begin:
                        total += finish - begin
            day += dt.timedelta(days=1)
        return total.total_seconds() / 60

    def span_minutes(
        self, start: dt.datetime | None, end: dt.datetime | None, natural: bool
    ) -> int | None:
        """Whole minutes from start to end on the case's clock (working, or natural
        for what is handled around the clock), None unless both happened: the
        handling and closure times statistics are computed from (处置/结案用时)."""
        if start is None or end is None:
            return None
        return round(self.elapsed_minutes(start, end, natural))

    def amber_at(
        self, start: dt.datetime, deadline: dt.datetime, natural: bool = False
    ) -> dt.datetime | None:
        """When `amber_fraction` of the allowance from `start` to `deadline` is
        used on the case's clock; None when there is no allowance to use."""
        allowance = self.elapsed_minutes(start, deadline, natural)
        if allowance <= 0:
            return None
        return self.shift(start, self.amber_fraction * allowance, natural)

    def status(
        self,
        start: dt.datetime,
        deadline: dt.datetime,
        now: dt.datetime,
        natural: bool = False,
    ) -> DeadlineStatus:
        """Green, amber at `amber_fraction` of the allowance used, red when overdue."""
        if now > deadline:
            return DeadlineStatus.RED
        amber = self.amber_at(start, deadline, natural)
        if amber is not None and now >= amber:
            return DeadlineStatus.AMBER
        return DeadlineStatus.GREEN


def _minutes_between(start: dt.time, end: dt.time) -> float:
    day = dt.date(2000, 1, 1)
    delta = dt.datetime.combine(day, end) - dt.datetime.combine(day, start)
    return delta.total_seconds() / 60
