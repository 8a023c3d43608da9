"""Working-time arithmetic across weekends, holidays and make-up working days."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commandcenter.config import RESOURCES
from commandcenter.services.kernel.errors import ValidationError
from commandcenter.services.kernel.work_calendar import DeadlineStatus, WorkCalendar
from tests.conftest import SHANGHAI

CAL = WorkCalendar()


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def test_national_day_holiday_is_skipped() -> None:
    # 2026-09-30 is a Wednesday; 1–7 October are holidays
    assert CAL.add(at(2026, 9, 30, 17), 2, "hour") == at(2026, 10, 8, 9, 30)


def test_make_up_working_saturday_counts() -> None:
    # 2026-10-10 is a Saturday made a working day (调休)
    assert CAL.is_workday(dt.date(2026, 10, 10))
    assert not CAL.is_workday(dt.date(2026, 10, 11))
    assert CAL.add(at(2026, 10, 9, 17), 2, "hour") == at(2026, 10, 10, 9, 30)


def test_weekend_and_lunch_break() -> None:
    # Friday 11:00 + 8 working hours: 1 h before lunch, 4.5 h after, 2.5 h on Monday
    assert CAL.add(at(2026, 11, 20, 11), 8, "hour") == at(2026, 11, 23, 11, 0)
    assert CAL.add(at(2026, 11, 23, 11, 30), 1, "hour") == at(2026, 11, 23, 14, 0)


def test_clock_hours_ignore_the_calendar() -> None:
    sunday = at(2026, 11, 22, 23, 30)
    assert CAL.add(sunday, 2, "clock_hour") == at(2026, 11, 23, 1, 30)
    assert CAL.elapsed_minutes(sunday, at(2026, 11, 23, 0, 30), natural=True) == 60
    assert CAL.elapsed_minutes(sunday, at(2026, 11, 23, 0, 30), natural=False) == 0


def test_a_working_day_is_the_length_of_the_periods() -> None:
    assert CAL.day_minutes == 8 * 60
    assert CAL.add(at(2026, 11, 23, 9), 1, "day") == at(2026, 11, 24, 9)


def test_configured_overrides_beat_statutory_data() -> None:
    cal = WorkCalendar.from_config(
        {
            "periods": [["09:00", "17:00"]],
            "extra_holidays": ["2026-11-24"],
            "extra_workdays": ["2026-11-22"],
        }
    )
    assert cal.is_workday(dt.date(2026, 11, 22))  # a Sunday made a working day
    assert cal.add(at(2026, 11, 23, 16), 2, "hour") == at(2026, 11, 25, 10)


def test_years_beyond_the_package_fall_back_to_weekdays() -> None:
    assert CAL.is_workday(dt.date(2027, 3, 1))  # a Monday
    assert not CAL.is_workday(dt.date(2027, 3, 6))  # a Saturday
    assert CAL.is_workday(dt.date(2027, 1, 1))  # a Friday the package does not know


def test_shipped_configuration_knows_new_year_2027() -> None:
    config = json.loads((RESOURCES / "reference" / "calendar.json").read_text("utf-8"))
    shipped = WorkCalendar.from_config(config)
    assert not shipped.is_workday(dt.date(2027, 1, 1))
    assert shipped.day_minutes == CAL.day_minutes


def test_bad_configuration_is_refused() -> None:
    with pytest.raises(ValidationError):
        WorkCalendar.from_config({"periods": [["12:00", "09:00"]]})
    with pytest.raises(ValidationError):
        WorkCalendar.from_config({"periods": [["09:00", "25:00"]]})
    with pytest.raises(ValidationError):
        CAL.add(at(2026, 11, 23, 9), 1, "week")


def test_status_turns_amber_at_80_percent_and_red_when_overdue() -> None:
    start = at(2026, 11, 23, 9)
    deadline = CAL.add(start, 10, "hour")  # Tuesday 10:30
    assert CAL.status(start, deadline, at(2026, 11, 23, 14)) is DeadlineStatus.GREEN
    eighty = CAL.add(start, 8, "hour")
    assert CAL.status(start, deadline, eighty) is DeadlineStatus.AMBER
    assert (
        CAL.status(start, deadline, deadline + dt.timedelta(minutes=1))
        is DeadlineStatus.RED
    )


@settings(max_examples=200, deadline=None)
@given(
    start=st.datetimes(
        min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2026, 12, 31)
    ),
    minutes=st.integers(0, 60 * 200),
)
def test_adding_then_measuring_gives_back_the_minutes(
    start: dt.datetime, minutes: int
) -> None:
    begin = start.replace(tzinfo=SHANGHAI)
    end = CAL.add_minutes(begin, minutes)
    assert end >= begin
    assert CAL.working_minutes(begin, end) == pytest.approx(minutes, abs=1e-6)
