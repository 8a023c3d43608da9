"""Working minutes between two moments, as revision 0002 computes them: the
working calendar of November 2026 (periods a day, weekends, Chinese statutory
holidays and make-up days from `chinese-calendar`, local overrides), frozen."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import chinese_calendar


@dataclass(frozen=True)
class FrozenCalendar:
    """The `calendar` setting of revision 0002's day, read once."""

    zone: ZoneInfo
    periods: tuple[tuple[dt.time, dt.time], ...]
    extra_holidays: frozenset[dt.date]
    extra_workdays: frozenset[dt.date]
    statutory: bool

    @staticmethod
    def from_setting(config: dict[str, Any] | None) -> FrozenCalendar:
        config = config or {}
        periods = config.get("periods") or [["08:30", "12:00"], ["13:30", "18:00"]]
        return FrozenCalendar(
            zone=ZoneInfo(str(config.get("timezone", "Asia/Shanghai"))),
            periods=tuple(
                (dt.time.fromisoformat(start), dt.time.fromisoformat(end))
                for start, end in periods
            ),
            extra_holidays=frozenset(
                dt.date.fromisoformat(d) for d in config.get("extra_holidays", [])
            ),
            extra_workdays=frozenset(
                dt.date.fromisoformat(d) for d in config.get("extra_workdays", [])
            ),
            statutory=bool(config.get("statutory", True)),
        )

    def is_workday(self, day: dt.date) -> bool:
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

    def span_minutes(
        self, start: dt.datetime | None, end: dt.datetime | None, natural: bool
    ) -> int | None:
        """Whole minutes from start to end on the case's clock; None unless both."""
        if start is None or end is None:
            return None
        if natural:
            return round(max(0.0, (end - start).total_seconds() / 60))
        if end <= start:
            return 0
        local_start, local_end = start.astimezone(self.zone), end.astimezone(self.zone)
        total = dt.timedelta()
        day = local_start.date()
        while day <= local_end.date():
            if self.is_workday(day):
                for period_start, period_end in self.periods:
                    begin = max(
                        local_start, dt.datetime.combine(day, period_start, self.zone)
                    )
                    finish = min(
                        local_end, dt.datetime.combine(day, period_end, self.zone)
                    )
                    if finish > begin:
                        total += finish - begin
            day += dt.timedelta(days=1)
        return round(total.total_seconds() / 60)
